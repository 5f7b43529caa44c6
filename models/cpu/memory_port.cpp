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

template <class X>
void RvHart<X>::read_slow(std::uint64_t addr, void* data, unsigned len, std::uint64_t fault_cause) {
    if (watch_active_)  // an AMO (store fault cause) reads and writes
        watch_check(addr, len,
                    fault_cause == kStoreAccessFault ? WatchKind::access : WatchKind::read);
    if (const DmiRegion* r = find_dmi(addr, len, false)) {
        if (!watch_active_) rd_dmi_ = *r;
        std::memcpy(data, r->ptr + (addr - r->start), len);
        mem_delay_ += r->read_latency;
        return;
    }
    if (!pmp_check(addr, len, tlm::TLM_READ_COMMAND) ||
        !transport(tlm::TLM_READ_COMMAND, addr, data, len))
        raise(fault_cause, addr);
}

template <class X>
void RvHart<X>::write_slow(std::uint64_t addr, const void* data, unsigned len) {
    if (watch_active_) watch_check(addr, len, WatchKind::write);
    if (const DmiRegion* r = find_dmi(addr, len, true)) {
        if (!watch_active_) wr_dmi_ = *r;
        std::memcpy(r->ptr + (addr - r->start), data, len);
        mem_delay_ += r->write_latency;
        return;
    }
    if (!pmp_check(addr, len, tlm::TLM_WRITE_COMMAND) ||
        !transport(tlm::TLM_WRITE_COMMAND, addr, const_cast<void*>(data), len))
        raise(kStoreAccessFault, addr);
}

template <class X>
std::uint16_t RvHart<X>::fetch16(std::uint64_t addr) {
    std::uint16_t half;
    addr = static_cast<X>(addr);  // wraps at the top of the RV32 address space
    if (!fetch_dmi_.covers(addr, 2)) {
        if (const DmiRegion* r = find_dmi(addr, 2, false)) fetch_dmi_ = *r;
    }
    if (fetch_dmi_.covers(addr, 2)) {
        std::memcpy(&half, fetch_dmi_.ptr + (addr - fetch_dmi_.start), 2);
        return half;
    }
    if (!transport(tlm::TLM_READ_COMMAND, addr, &half, 2)) raise(kInsnAccessFault, addr);
    return half;
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
    dmi_.push_back(r);
    if (watch_active_) return;  // watched accesses stay on the slow path
    if (r.read) rd_dmi_ = r;
    if (r.write) wr_dmi_ = r;
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
    fetch_dmi_ = rd_dmi_ = wr_dmi_ = DmiRegion{};
    flush_icache();
    end_batch();
}

#define NODEVP_MEMORY_PORT_INSTANTIATE(X)                                                 \
    template const DmiRegion* RvHart<X>::find_dmi(std::uint64_t, unsigned, bool) const;   \
    template void RvHart<X>::read_slow(std::uint64_t, void*, unsigned, std::uint64_t);    \
    template void RvHart<X>::write_slow(std::uint64_t, const void*, unsigned);            \
    template std::uint16_t RvHart<X>::fetch16(std::uint64_t);                             \
    template bool RvHart<X>::transport(tlm::tlm_command, std::uint64_t, void*, unsigned); \
    template void RvHart<X>::request_dmi(std::uint64_t);                                  \
    template void RvHart<X>::invalidate_direct_mem_ptr(sc_dt::uint64, sc_dt::uint64);
NODEVP_MEMORY_PORT_INSTANTIATE(std::uint32_t)
NODEVP_MEMORY_PORT_INSTANTIATE(std::uint64_t)

}  // namespace nodevp::cpu
