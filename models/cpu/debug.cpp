// Debug access of the hart (hart.hpp, "Debug access"): stops, run modes, breakpoints,
// watchpoints, register and memory access for the GDB stub.
//
// Breakpoints live in the decoded-instruction cache: refill() gives the entry of a breakpoint
// address sem_breakpoint() instead of its semantic function, and inserting or removing one
// invalidates the entry of that address. Watchpoints disable the cached DMI regions for loads
// and stores (watch_active_), so every access reaches read_slow()/write_slow(), which call
// watch_check(). Both stop by throwing DebugBreak before the instruction changes any state;
// the run loop then reports the stop from debug_checkpoint() at the top of its next iteration.
#include <algorithm>

#include "models/cpu/rv_hart.hpp"

namespace nodevp::cpu {

template <class X>
void RvHart<X>::sem_breakpoint(RvHart& h, const DecodedInsn&) {
    h.dbg_.pending = DebugStop{DebugStop::Kind::breakpoint, h.pc_, WatchKind::write};
    h.debug_attention_ = true;
    throw DebugBreak{};
}

template <class X>
bool RvHart<X>::is_breakpoint(std::uint64_t addr) const {
    return std::binary_search(dbg_.breakpoints.begin(), dbg_.breakpoints.end(), addr);
}

template <class X>
void RvHart<X>::watch_check(std::uint64_t addr, unsigned len, WatchKind access) {
    for (const Watchpoint& w : dbg_.watchpoints) {
        if (!(static_cast<unsigned>(w.kind) & static_cast<unsigned>(access))) continue;
        if (!w.overlaps(addr, len)) continue;
        // The first byte both cover: gdb looks the address up in the watched range.
        dbg_.pending = DebugStop{DebugStop::Kind::watchpoint, std::max(addr, w.addr), w.kind};
        debug_attention_ = true;
        throw DebugBreak{};
    }
}

template <class X>
void RvHart<X>::debug_update_attention() {
    debug_attention_ = dbg_.pending.has_value() || dbg_.mode != DebugRun::run;
}

// Called before a batch while debug_attention_ is set. Reports a pending stop (the handler may
// block the whole simulation), ends a finished single step, and keeps a frozen hart waiting.
// Leaves debug_attention_ set only when the coming batch is a single step.
template <class X>
void RvHart<X>::debug_checkpoint() {
    for (;;) {
        if (dbg_.mode == DebugRun::step && dbg_.step_started && !dbg_.pending)
            dbg_.pending = DebugStop{DebugStop::Kind::step, pc_, WatchKind::write};
        if (dbg_.pending) {
            const DebugStop stop = *dbg_.pending;
            dbg_.pending.reset();
            dbg_.mode = DebugRun::run;
            dbg_.step_started = false;
            log_->debug("debug stop ({}) at pc {:#x}",
                        stop.kind == DebugStop::Kind::breakpoint   ? "breakpoint"
                        : stop.kind == DebugStop::Kind::watchpoint ? "watchpoint"
                                                                   : "step",
                        static_cast<std::uint64_t>(pc_));
            if (debug_handler_) debug_handler_(*this, stop);  // sets the next mode
            continue;
        }
        if (dbg_.mode == DebugRun::freeze) {
            reserved_ = false;
            qk_.sync();
            sc_core::wait(dbg_.resume);
            continue;
        }
        break;
    }
    if (dbg_.mode == DebugRun::step) dbg_.step_started = true;
    debug_update_attention();
}

template <class X>
void RvHart<X>::debug_set_run(DebugRun mode) {
    dbg_.mode = mode;
    dbg_.step_started = false;
    debug_update_attention();
    // A frozen hart waits on the event; the run loop ends a batch in progress (a stop from
    // another thread, e.g. Ctrl-C, leaves this hart between batches anyway).
    if (mode != DebugRun::freeze && sc_core::sc_is_running())
        dbg_.resume.notify(sc_core::SC_ZERO_TIME);
    end_batch();
}

template <class X>
bool RvHart<X>::debug_breakpoint(std::uint64_t addr, bool insert) {
    addr = static_cast<X>(addr);
    auto& bps = dbg_.breakpoints;
    const auto it = std::lower_bound(bps.begin(), bps.end(), addr);
    const bool present = it != bps.end() && *it == addr;
    if (insert && !present) bps.insert(it, addr);
    if (!insert && present) bps.erase(it);
    // The entry of this pc is decoded again with (or without) the breakpoint.
    for (auto& cache : icache_)
        if (!cache.empty()) cache[(addr >> 1) & (kCacheEntries - 1)].tag = kNoTag;
    return insert || present;
}

template <class X>
bool RvHart<X>::debug_watchpoint(std::uint64_t addr, std::uint64_t length, WatchKind kind,
                                 bool insert) {
    auto& ws = dbg_.watchpoints;
    const auto it = std::find_if(ws.begin(), ws.end(), [&](const Watchpoint& w) {
        return w.addr == addr && w.length == length && w.kind == kind;
    });
    bool ok = true;
    if (insert && it == ws.end())
        ws.push_back(Watchpoint{addr, length, kind});
    else if (!insert && it != ws.end())
        ws.erase(it);
    else if (!insert)
        ok = false;
    watch_active_ = !ws.empty();
    if (watch_active_) rd_win_ = wr_win_ = DmiRegion{};  // loads and stores take the slow path
    end_batch();
    return ok;
}

template <class X>
bool RvHart<X>::debug_read_reg(RegFile file, unsigned index, std::uint64_t& value) {
    switch (file) {
        case RegFile::x:
            if (index >= 32) return false;
            value = x[index];
            return true;
        case RegFile::pc:
            value = pc_;
            return index == 0;
        case RegFile::f:
            if (!has_f_ || index >= 32) return false;
            value = has_d_ ? f[index] : f[index] & 0xffffffffu;
            return true;
        case RegFile::csr:
            break;
    }
    if (index == csr::kFflags || index == csr::kFrm || index == csr::kFcsr) {
        if (!has_f_) return false;
        value = index == csr::kFflags ? fflags_ : index == csr::kFrm ? frm_ : (frm_ << 5) | fflags_;
        return true;
    }
    const unsigned saved = priv_;
    priv_ = kPrivM;
    X v = 0;
    const bool ok = csr_read(index, v);
    priv_ = saved;
    value = v;
    return ok;
}

template <class X>
bool RvHart<X>::debug_write_reg(RegFile file, unsigned index, std::uint64_t value) {
    switch (file) {
        case RegFile::x:
            if (index >= 32) return false;
            if (index != 0) x[index] = static_cast<X>(value);
            return true;
        case RegFile::pc:
            if (index != 0) return false;
            pc_ = static_cast<X>(value) & ~ialign_mask_;
            return true;
        case RegFile::f:
            if (!has_f_ || index >= 32) return false;
            f[index] = has_d_ ? value : (value | 0xffffffff00000000ULL);  // NaN-boxed
            return true;
        case RegFile::csr:
            break;
    }
    if (index == csr::kFflags || index == csr::kFrm || index == csr::kFcsr) {
        if (!has_f_) return false;
        if (index == csr::kFflags) fflags_ = value & 0x1f;
        if (index == csr::kFrm) frm_ = value & 7;
        if (index == csr::kFcsr) {
            fflags_ = value & 0x1f;
            frm_ = (value >> 5) & 7;
        }
        return true;
    }
    const unsigned saved = priv_;
    priv_ = kPrivM;
    const bool ok = csr_write(index, static_cast<X>(value));
    priv_ = saved;
    mem_context_changed();  // the write saw M mode
    return ok;
}

template <class X>
unsigned RvHart<X>::debug_memory(bool write, std::uint64_t addr, void* data, unsigned length) {
    unsigned done = 0;
    auto* bytes = static_cast<unsigned char*>(data);
    while (done < length) {
        tlm::tlm_generic_payload gp;  // not gp_: a b_transport of this hart may be in progress
        gp.set_command(write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
        gp.set_address(addr + done);
        gp.set_data_ptr(bytes + done);
        gp.set_data_length(length - done);
        gp.set_streaming_width(length - done);
        gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
        const unsigned n = isock->transport_dbg(gp);
        if (n == 0 || n > length - done) break;
        done += n;
    }
    // Code may have changed: decode again (breakpoints are re-applied by refill()).
    if (write) flush_icache();
    return done;
}

template <class X>
bool RvHart<X>::has_extension(char letter) const {
    if (letter < 'a' || letter > 'z') return false;
    return (misa_ >> (letter - 'a')) & 1;
}

#define NODEVP_DEBUG_INSTANTIATE(X)                                                           \
    template void RvHart<X>::sem_breakpoint(RvHart&, const DecodedInsn&);                     \
    template bool RvHart<X>::is_breakpoint(std::uint64_t) const;                              \
    template void RvHart<X>::watch_check(std::uint64_t, unsigned, WatchKind);                 \
    template void RvHart<X>::debug_update_attention();                                        \
    template void RvHart<X>::debug_checkpoint();                                              \
    template void RvHart<X>::debug_set_run(DebugRun);                                         \
    template bool RvHart<X>::debug_breakpoint(std::uint64_t, bool);                           \
    template bool RvHart<X>::debug_watchpoint(std::uint64_t, std::uint64_t, WatchKind, bool); \
    template bool RvHart<X>::debug_read_reg(RegFile, unsigned, std::uint64_t&);               \
    template bool RvHart<X>::debug_write_reg(RegFile, unsigned, std::uint64_t);               \
    template unsigned RvHart<X>::debug_memory(bool, std::uint64_t, void*, unsigned);          \
    template bool RvHart<X>::has_extension(char) const;
NODEVP_DEBUG_INSTANTIATE(std::uint32_t)
NODEVP_DEBUG_INSTANTIATE(std::uint64_t)

}  // namespace nodevp::cpu
