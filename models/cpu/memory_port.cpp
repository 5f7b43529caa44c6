// The hart's TLM initiator side: DMI cache, b_transport fallback, invalidation.
#include "models/cpu/rv_hart.hpp"

#include <algorithm>

namespace nodevp::cpu {

template <class X>
const DmiRegion* RvHart<X>::find_dmi(std::uint64_t addr, unsigned len, bool write) const {
    for (const DmiRegion& r : dmi_)
        if (r.covers(addr, len) && (write ? r.write : r.read)) return &r;
    return nullptr;
}

// The slow path of a load (or of an AMO's read: fault_cause is then the store access fault):
// translate, check PMP, then DMI or b_transport; refills the load window.
template <class X>
void RvHart<X>::read_slow(std::uint64_t addr, void* data, unsigned len, std::uint64_t fault_cause) {
    const bool amo = fault_cause == kStoreAccessFault;
    if (watch_active_)  // an AMO (store fault cause) reads and writes
        watch_check(addr, len, amo ? WatchKind::access : WatchKind::read);
    const Access acc = amo ? Access::store : Access::load;
    const std::uint64_t pa = translate(addr, acc);
    if (!pmp_allows(pa, len, Access::load, data_priv_) ||
        (amo && !pmp_allows(pa, len, Access::store, data_priv_)))
        raise(fault_cause, addr);
    if (const DmiRegion* r = find_dmi(pa, len, false)) {
        if (!watch_active_ && !amo) fill_window(rd_win_, addr, pa, Access::load, *r);
        std::memcpy(data, r->ptr + (pa - r->start), len);
        mem_delay_ += r->read_latency;
        return;
    }
    if (!transport(tlm::TLM_READ_COMMAND, pa, data, len)) raise(fault_cause, addr);
}

template <class X>
void RvHart<X>::write_slow(std::uint64_t addr, const void* data, unsigned len) {
    if (watch_active_) watch_check(addr, len, WatchKind::write);
    const std::uint64_t pa = translate(addr, Access::store);
    if (!pmp_allows(pa, len, Access::store, data_priv_)) raise(kStoreAccessFault, addr);
    if (const DmiRegion* r = find_dmi(pa, len, true)) {
        if (!watch_active_) fill_window(wr_win_, addr, pa, Access::store, *r);
        std::memcpy(r->ptr + (pa - r->start), data, len);
        mem_delay_ += r->write_latency;
        return;
    }
    if (!transport(tlm::TLM_WRITE_COMMAND, pa, const_cast<void*>(data), len))
        raise(kStoreAccessFault, addr);
}

template <class X>
std::uint16_t RvHart<X>::fetch16(std::uint64_t addr) {
    std::uint16_t half;
    addr = static_cast<X>(addr);  // wraps at the top of the RV32 address space
    if (fetch_win_.covers(addr, 2)) {
        std::memcpy(&half, fetch_win_.ptr + (addr - fetch_win_.start), 2);
        return half;
    }
    const std::uint64_t pa = translate(addr, Access::fetch);
    if (!pmp_allows(pa, 2, Access::fetch, priv_)) raise(kInsnAccessFault, addr);
    if (const DmiRegion* r = find_dmi(pa, 2, false)) {
        fill_window(fetch_win_, addr, pa, Access::fetch, *r);
        std::memcpy(&half, r->ptr + (pa - r->start), 2);
        return half;
    }
    if (!transport(tlm::TLM_READ_COMMAND, pa, &half, 2)) raise(kInsnAccessFault, addr);
    return half;
}

// The window is the intersection of the DMI region, the translated page (when translation is on)
// and the PMP range; in virtual addresses. A store window also tells whether AMOs may read.
template <class X>
void RvHart<X>::fill_window(DmiRegion& win, std::uint64_t va, std::uint64_t pa, Access acc,
                            const DmiRegion& r) {
    win = DmiRegion{};
    std::uint64_t lo = r.start, last = r.start + (r.size - 1);  // inclusive, physical
    if (xlate_on(acc)) {
        lo = std::max(lo, pa & ~std::uint64_t{0xfff});
        last = std::min(last, pa | 0xfff);
    }
    const unsigned priv = access_priv(acc);
    if (pmp_applies(priv)) {
        std::uint64_t plo = 0, phi = 0;
        pmp_window(pa, acc, priv, plo, phi);
        if (plo >= phi) return;
        lo = std::max(lo, plo);
        last = std::min(last, phi - 1);
    }
    win = r;
    win.start = va - (pa - lo);
    win.size = last - lo + 1;
    win.ptr = r.ptr + (lo - r.start);
    if (acc == Access::store)
        win.read = r.read && (!pmp_applies(priv) || pmp_allows(lo, win.size, Access::load, priv));
}

template <class X>
bool RvHart<X>::phys_read(std::uint64_t pa, void* data, unsigned len) {
    if (!pmp_allows(pa, len, Access::load, kPrivS)) return false;
    if (const DmiRegion* r = find_dmi(pa, len, false)) {
        std::memcpy(data, r->ptr + (pa - r->start), len);
        mem_delay_ += r->read_latency;
        return true;
    }
    return transport(tlm::TLM_READ_COMMAND, pa, data, len);
}

template <class X>
bool RvHart<X>::phys_write(std::uint64_t pa, const void* data, unsigned len) {
    if (!pmp_allows(pa, len, Access::store, kPrivS)) return false;
    if (const DmiRegion* r = find_dmi(pa, len, true)) {
        std::memcpy(r->ptr + (pa - r->start), data, len);
        mem_delay_ += r->write_latency;
        return true;
    }
    return transport(tlm::TLM_WRITE_COMMAND, pa, const_cast<void*>(data), len);
}

// One b_transport. The target sees the hart's local time offset as `delay` and adds its latency.
// Ends the batch, so that side effects (an interrupt raised, sc_stop) are seen promptly.
template <class X>
bool RvHart<X>::transport(tlm::tlm_command cmd, std::uint64_t addr, void* data, unsigned len) {
    tlm::tlm_generic_payload& gp = gp_;
    gp.set_command(cmd);
    gp.set_address(addr);
    gp.set_data_ptr(static_cast<unsigned char*>(data));
    gp.set_data_length(len);
    gp.set_streaming_width(len);
    gp.set_byte_enable_ptr(nullptr);
    gp.set_byte_enable_length(0);
    gp.set_dmi_allowed(false);
    gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    const std::uint64_t before = local_time_value();
    const sc_dt::uint64 deltas = sc_core::sc_delta_count();
    sc_core::sc_time delay = sc_core::sc_time::from_value(before);
    isock->b_transport(gp, delay);
    if (sc_core::sc_delta_count() != deltas) reserved_ = false;  // the target waited: we yielded
    if (delay.value() > before) mem_delay_ += delay.value() - before;
    end_batch();
    if (!gp.is_response_ok()) {
        if (log_->should_log(spdlog::level::debug))
            log_->debug("{} of {} byte(s) at {:#x}: {}",
                        cmd == tlm::TLM_READ_COMMAND ? "read" : "write", len, addr,
                        gp.get_response_string());
        return false;
    }
    if (gp.is_dmi_allowed()) request_dmi(addr);
    return true;
}

template <class X>
void RvHart<X>::request_dmi(std::uint64_t addr) {
    tlm::tlm_dmi dmi;
    gp_.set_address(addr);
    gp_.set_command(tlm::TLM_READ_COMMAND);
    if (!isock->get_direct_mem_ptr(gp_, dmi)) return;
    DmiRegion r;
    r.start = dmi.get_start_address();
    r.size = dmi.get_end_address() - dmi.get_start_address() + 1;  // the end is inclusive
    r.ptr = dmi.get_dmi_ptr();
    r.read = dmi.is_read_allowed();
    r.write = dmi.is_write_allowed();
    r.read_latency = dmi.get_read_latency().value();
    r.write_latency = dmi.get_write_latency().value();
    if (r.size == 0 || !r.ptr) return;
    dmi_.push_back(r);  // the windows are refilled from it by the next slow access
}

// Drops every cached region that overlaps [start, end] (inclusive) and every decoded
// instruction (it may have come from the revoked range).
template <class X>
void RvHart<X>::invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end) {
    dmi_.erase(std::remove_if(dmi_.begin(), dmi_.end(),
                              [&](const DmiRegion& r) {
                                  return r.start <= end && start <= r.start + (r.size - 1);
                              }),
               dmi_.end());
    fetch_win_ = rd_win_ = wr_win_ = DmiRegion{};
    flush_icache();
    end_batch();
}

#define NODEVP_MEMORY_PORT_INSTANTIATE(X)                                                  \
    template const DmiRegion* RvHart<X>::find_dmi(std::uint64_t, unsigned, bool) const;    \
    template void RvHart<X>::read_slow(std::uint64_t, void*, unsigned, std::uint64_t);     \
    template void RvHart<X>::fill_window(DmiRegion&, std::uint64_t, std::uint64_t, Access, \
                                         const DmiRegion&);                                \
    template bool RvHart<X>::phys_read(std::uint64_t, void*, unsigned);                    \
    template bool RvHart<X>::phys_write(std::uint64_t, const void*, unsigned);             \
    template void RvHart<X>::write_slow(std::uint64_t, const void*, unsigned);             \
    template std::uint16_t RvHart<X>::fetch16(std::uint64_t);                              \
    template bool RvHart<X>::transport(tlm::tlm_command, std::uint64_t, void*, unsigned);  \
    template void RvHart<X>::request_dmi(std::uint64_t);                                   \
    template void RvHart<X>::invalidate_direct_mem_ptr(sc_dt::uint64, sc_dt::uint64);
NODEVP_MEMORY_PORT_INSTANTIATE(std::uint32_t)
NODEVP_MEMORY_PORT_INSTANTIATE(std::uint64_t)

}  // namespace nodevp::cpu
