// Control and status registers. Every CSR write of a csr* instruction passes through
// csr_write(); reads have no side effects. WARL fields keep legal values only.
#include "models/cpu/rv_hart.hpp"

namespace nodevp::cpu {

namespace {
constexpr std::uint64_t kSstatusMask = mstatus::kSie | mstatus::kSpie | mstatus::kSpp |
                                       mstatus::kFs | mstatus::kSum | mstatus::kMxr |
                                       mstatus::kUxl64 | (3ULL << 32);
bool in(unsigned n, unsigned lo, unsigned hi) {
    return n >= lo && n <= hi;
}
}  // namespace

template <class X>
bool RvHart<X>::csr_read(unsigned n, X& value) {
    if (priv_ < ((n >> 8) & 3)) return false;
    if (n <= csr::kFcsr) return fp_csr_read(n, value);
    if (in(n, csr::kCycle, csr::kHpmcounter31) || in(n, csr::kCycleh, csr::kHpmcounter31h))
        return counter_enabled(n) && read_counter(n, value);
    if (in(n, 0x100, 0x1ff)) return has_s_ && read_supervisor(n, value);
    return read_machine(n, value);
}

template <class X>
bool RvHart<X>::csr_write(unsigned n, X value) {
    if (priv_ < ((n >> 8) & 3) || (n >> 10) == 3) return false;
    if (n <= csr::kFcsr) return fp_csr_write(n, value);
    if (in(n, 0x100, 0x1ff)) return has_s_ && write_supervisor(n, value);
    return write_machine(n, value);
}

template <class X>
bool RvHart<X>::counter_enabled(unsigned n) const {
    const unsigned bit = n & 31;
    if (priv_ < kPrivM && !((mcounteren_ >> bit) & 1)) return false;
    if (priv_ == kPrivU && has_s_ && !((scounteren_ >> bit) & 1)) return false;
    return true;
}

// The user-level counters (cycle, time, instret, hpmcounterN and their RV32 high halves) and the
// machine-level ones (mcycle, minstret, mhpmcounterN).
template <class X>
bool RvHart<X>::read_counter(unsigned n, X& value) const {
    const bool high = (n & 0x80) != 0;
    if (high && kXlen != 32) return false;
    std::uint64_t v = 0;
    switch (n & 0x1f) {
        case 0:
            v = mcycle();
            break;
        case 1:
            v = (n & 0xf00) == 0xc00 ? time_csr() : 0;
            break;
        case 2:
            v = minstret();
            break;
        default:
            break;  // hpm counters are not modelled: zero
    }
    if ((n & 0xf7f) == 0xb01) return false;  // there is no mtime CSR
    value = static_cast<X>(high ? v >> 32 : v);
    return true;
}

template <class X>
bool RvHart<X>::write_counter(unsigned n, X value) {
    const bool high = (n & 0x80) != 0;
    if (high && kXlen != 32) return false;
    const unsigned which = n & 0x1f;
    if (which == 1) return false;
    if (which > 2) return true;  // hpm counters: writes ignored
    const std::uint64_t current = which == 0 ? mcycle() : minstret();
    std::uint64_t v = value;
    if (kXlen == 32)
        v = high ? (current & 0xffffffffULL) | (v << 32) : (current & ~0xffffffffULL) | v;
    if (which == 0) {
        mcycle_adj_ = v - raw_cycles();
        mcycle_frozen_ = v;
    }
    // The writing instruction itself retires after the write and must not count.
    if (which == 2) {
        minstret_adj_ = v - (instret_ + 1);
        minstret_frozen_ = v;
    }
    return true;
}

// mcycle/minstret as software sees them: frozen while mcountinhibit.CY/IR is set.
template <class X>
std::uint64_t RvHart<X>::mcycle() const {
    return (mcountinhibit_ & 1) ? mcycle_frozen_ : raw_cycles() + mcycle_adj_;
}

template <class X>
std::uint64_t RvHart<X>::minstret() const {
    return (mcountinhibit_ & 4) ? minstret_frozen_ : instret_ + minstret_adj_;
}

// TM (bit 1) is read-only zero; the hpm bits are stored (those counters read as zero anyway).
// Inhibiting freezes the current value; the writing instruction is not counted when IR
// changes either way.
template <class X>
void RvHart<X>::write_mcountinhibit(X value) {
    const auto v = static_cast<std::uint32_t>(value) & ~2u;
    const std::uint32_t changed = v ^ mcountinhibit_;
    if (changed & 1) {
        if (v & 1)
            mcycle_frozen_ = mcycle();
        else
            mcycle_adj_ = mcycle_frozen_ - raw_cycles();
    }
    if (changed & 4) {
        if (v & 4)
            minstret_frozen_ = minstret();
        else
            minstret_adj_ = minstret_frozen_ - (instret_ + 1);
    }
    mcountinhibit_ = v;
}

template <class X>
bool RvHart<X>::read_machine(unsigned n, X& value) const {
    if (in(n, csr::kMcycle, csr::kMhpmcounter31) || in(n, csr::kMcycleh, csr::kMhpmcounter31h))
        return read_counter(n, value);
    if (in(n, csr::kPmpcfg0, csr::kPmpaddr63)) return pmp_read(n, value);
    if (in(n, csr::kMhpmevent3, csr::kMhpmevent31)) {
        value = 0;
        return true;
    }
    switch (n) {
        case csr::kMstatus:
            value = mstatus_view();
            return true;
        case csr::kMisa:
            value = misa_;
            return true;
        case csr::kMedeleg:
            value = medeleg_;
            return has_s_;
        case csr::kMideleg:
            value = mideleg_;
            return has_s_;
        case csr::kMie:
            value = static_cast<X>(mie_);
            return true;
        case csr::kMtvec:
            value = mtvec_;
            return true;
        case csr::kMcounteren:
            value = mcounteren_;
            return has_u_;
        case csr::kMscratch:
            value = mscratch_;
            return true;
        case csr::kMepc:
            value = mepc_ & ~ialign_mask_;
            return true;
        case csr::kMcause:
            value = mcause_;
            return true;
        case csr::kMtval:
            value = mtval_;
            return true;
        case csr::kMip:
            value = static_cast<X>(mip());
            return true;
        case csr::kMhartid:
            value = config_.hart_id;
            return true;
        case csr::kMvendorid:
        case csr::kMarchid:
        case csr::kMimpid:
        case csr::kMconfigptr:
            value = 0;
            return true;
        case csr::kMenvcfg:
            value = static_cast<X>(menvcfg_);
            return has_u_;
        case csr::kMcountinhibit:
            value = mcountinhibit_;
            return true;
        case csr::kMstatush:
            value = 0;
            return kXlen == 32;
        case csr::kMenvcfgh:
            value = 0;
            return kXlen == 32 && has_u_;
        default:
            return false;
    }
}

template <class X>
bool RvHart<X>::read_supervisor(unsigned n, X& value) const {
    switch (n) {
        case csr::kSstatus:
            value = sstatus_view();
            return true;
        case csr::kSie:
            value = static_cast<X>(mie_ & mideleg_);
            return true;
        case csr::kStvec:
            value = stvec_;
            return true;
        case csr::kScounteren:
            value = scounteren_;
            return true;
        case csr::kSenvcfg:
            value = static_cast<X>(senvcfg_);
            return true;
        case csr::kSscratch:
            value = sscratch_;
            return true;
        case csr::kSepc:
            value = sepc_ & ~ialign_mask_;
            return true;
        case csr::kScause:
            value = scause_;
            return true;
        case csr::kStval:
            value = stval_;
            return true;
        case csr::kSip:
            value = static_cast<X>(mip() & mideleg_);
            return true;
        case csr::kSatp:
            value = satp_;
            return !(priv_ == kPrivS && (mstatus_ & mstatus::kTvm));
        default:
            return false;
    }
}

template <class X>
X RvHart<X>::mstatus_view() const {
    const X sd = (mstatus_ & mstatus::kFs) == mstatus::kFsDirty ? X(1) << (kXlen - 1) : 0;
    return static_cast<X>(mstatus_) | sd;
}

template <class X>
X RvHart<X>::sstatus_view() const {
    return static_cast<X>(mstatus_view() & (kSstatusMask | (X(1) << (kXlen - 1))));
}

template <class X>
void RvHart<X>::write_mstatus(std::uint64_t value, std::uint64_t writable) {
    std::uint64_t s = (mstatus_ & ~writable) | (value & writable);
    const unsigned mpp = (s & mstatus::kMpp) >> mstatus::kMppShift;
    const bool legal = mpp == kPrivM || (mpp == kPrivS && has_s_) || (mpp == kPrivU && has_u_);
    if (!legal) s = (s & ~mstatus::kMpp) | (mstatus_ & mstatus::kMpp);
    const std::uint64_t before = mstatus_;
    mstatus_ = (s & ~(3ULL << 32 | 3ULL << 34)) | mstatus_fixed_;
    constexpr std::uint64_t kTranslation =
        mstatus::kMprv | mstatus::kMpp | mstatus::kSum | mstatus::kMxr;
    if ((before ^ mstatus_) & kTranslation) mem_context_changed();
    end_batch();  // may have enabled an interrupt
}

template <class X>
bool RvHart<X>::write_machine(unsigned n, X value) {
    const std::uint64_t s_bits =
        has_s_ ? (mstatus::kSie | mstatus::kSpie | mstatus::kSpp | mstatus::kSum | mstatus::kMxr |
                  mstatus::kTvm | mstatus::kTsr)
               : 0;
    const std::uint64_t u_bits = has_u_ ? (mstatus::kMprv | mstatus::kTw) : 0;
    const std::uint64_t fs_bits = has_f_ ? mstatus::kFs : 0;
    const std::uint64_t s_ints = has_s_ ? kSupervisorInterrupts : 0;
    if (in(n, csr::kMcycle, csr::kMhpmcounter31) || in(n, csr::kMcycleh, csr::kMhpmcounter31h))
        return write_counter(n, value);
    if (in(n, csr::kPmpcfg0, csr::kPmpaddr63)) return pmp_write(n, value);
    if (in(n, csr::kMhpmevent3, csr::kMhpmevent31)) return true;
    switch (n) {
        case csr::kMstatus:
            write_mstatus(
                value, mstatus::kMie | mstatus::kMpie | mstatus::kMpp | s_bits | u_bits | fs_bits);
            return true;
        case csr::kMisa:
            return true;  // read-only (WARL: writes ignored)
        case csr::kMedeleg:
            medeleg_ = value & kDelegableExceptions;
            return has_s_;
        case csr::kMideleg:
            mideleg_ = value & kSupervisorInterrupts;
            end_batch();
            return has_s_;
        case csr::kMie:
            mie_ = value & (kMsip | kMtip | kMeip | s_ints);
            end_batch();
            return true;
        case csr::kMtvec:
            mtvec_ = (value & 3) < 2 ? value : value & ~X(3);
            return true;
        case csr::kMcounteren:
            mcounteren_ = static_cast<std::uint32_t>(value);
            return has_u_;
        case csr::kMscratch:
            mscratch_ = value;
            return true;
        case csr::kMepc:
            mepc_ = value & ~X(1);
            return true;
        case csr::kMcause:
            mcause_ = value;
            return true;
        case csr::kMtval:
            mtval_ = value;
            return true;
        case csr::kMip:
            mip_sw_ = value & s_ints;
            end_batch();
            return true;
        case csr::kMenvcfg:  // FIOM only (no Zicbo*, Svpbmt, Sstc, Svadu controls)
            menvcfg_ = value & 1;
            return has_u_;
        case csr::kMcountinhibit:
            write_mcountinhibit(value);
            return true;
        case csr::kMstatush:
            return kXlen == 32;
        case csr::kMenvcfgh:
            return kXlen == 32 && has_u_;
        default:
            return false;
    }
}

template <class X>
bool RvHart<X>::write_supervisor(unsigned n, X value) {
    constexpr std::uint64_t kSstatusWritable =
        mstatus::kSie | mstatus::kSpie | mstatus::kSpp | mstatus::kSum | mstatus::kMxr;
    switch (n) {
        case csr::kSstatus:
            write_mstatus(value, kSstatusWritable | (has_f_ ? mstatus::kFs : 0));
            return true;
        case csr::kSie:
            mie_ = (mie_ & ~std::uint64_t{mideleg_}) | (value & mideleg_);
            end_batch();
            return true;
        case csr::kStvec:
            stvec_ = (value & 3) < 2 ? value : value & ~X(3);
            return true;
        case csr::kScounteren:
            scounteren_ = static_cast<std::uint32_t>(value);
            return true;
        case csr::kSenvcfg:  // FIOM only
            senvcfg_ = value & 1;
            return true;
        case csr::kSscratch:
            sscratch_ = value;
            return true;
        case csr::kSepc:
            sepc_ = value & ~X(1);
            return true;
        case csr::kScause:
            scause_ = value;
            return true;
        case csr::kStval:
            stval_ = value;
            return true;
        case csr::kSip: {
            const std::uint64_t w = kSsip & mideleg_;
            mip_sw_ = (mip_sw_ & ~w) | (value & w);
            end_batch();
            return true;
        }
        case csr::kSatp: {
            if (priv_ == kPrivS && (mstatus_ & mstatus::kTvm)) return false;
            // Bare, or Sv39 (8) on RV64 / Sv32 (1) on RV32; other modes leave satp unchanged.
            // ASIDLEN = 0; PPN is 44 (RV64) or 22 (RV32) bits.
            const X mode = kXlen == 32 ? value >> 31 : value >> 60;
            if (mode != 0 && mode != (kXlen == 32 ? 1u : 8u)) return true;
            const X ppn = kXlen == 32 ? value & 0x3fffff : value & ((X(1) << 44) - 1);
            satp_ = static_cast<X>(kXlen == 32 ? mode << 31 : mode << 60) | ppn;
            flush_tlb();
            flush_translated_icaches();
            mem_context_changed();
            end_batch();
            return true;
        }
        default:
            return false;
    }
}

#define NODEVP_CSR_INSTANTIATE(X)                                         \
    template bool RvHart<X>::csr_read(unsigned, X&);                      \
    template bool RvHart<X>::csr_write(unsigned, X);                      \
    template bool RvHart<X>::counter_enabled(unsigned) const;             \
    template bool RvHart<X>::read_counter(unsigned, X&) const;            \
    template bool RvHart<X>::write_counter(unsigned, X);                  \
    template std::uint64_t RvHart<X>::mcycle() const;                     \
    template std::uint64_t RvHart<X>::minstret() const;                   \
    template void RvHart<X>::write_mcountinhibit(X);                      \
    template bool RvHart<X>::read_machine(unsigned, X&) const;            \
    template bool RvHart<X>::read_supervisor(unsigned, X&) const;         \
    template X RvHart<X>::mstatus_view() const;                           \
    template X RvHart<X>::sstatus_view() const;                           \
    template void RvHart<X>::write_mstatus(std::uint64_t, std::uint64_t); \
    template bool RvHart<X>::write_machine(unsigned, X);                  \
    template bool RvHart<X>::write_supervisor(unsigned, X);
NODEVP_CSR_INSTANTIATE(std::uint32_t)
NODEVP_CSR_INSTANTIATE(std::uint64_t)

}  // namespace nodevp::cpu
