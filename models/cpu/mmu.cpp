// Page-based virtual memory: Sv39 on RV64, Sv32 on RV32 (privileged spec, "Virtual-Memory
// System"), the TLB and the translation context.
//
// Contract:
// - satp.MODE Bare or Sv39 (RV64) / Sv32 (RV32); a write of another mode has no effect. ASIDLEN
//   is 0 (the ASID field reads as zero), so every satp write and every SFENCE.VMA (whatever rs1
//   and rs2 name) flushes the whole TLB, the S/U decoded-instruction caches and the windows.
// - A and D are updated by the walk ("hardware update"): a leaf with A = 0, or D = 0 on a store or
//   AMO, is written back with A (and D) set, as one read-modify-write in the same instruction
//   (harts run cooperatively, see rv_hart.hpp). The update is a PMP-checked S-mode write.
// - Page-table reads are PMP-checked as S-mode reads. A PMP denial or a TLM error on a PTE access
//   is an access fault of the original access type (1/5/7) with tval = the virtual address.
// - Page faults (12/13/15, tval = the virtual address): a non-canonical Sv39 address, V = 0,
//   W without R, PTE bits 63:54 set (no Svnapot/Svpbmt), a pointer at the last level, a
//   misaligned superpage, or permissions: X for fetch; R (or X with MXR) for loads; W for stores
//   and AMOs; U mode needs U = 1; S mode never executes U pages and reads/writes them only with
//   SUM.
// - The TLB is direct-mapped, kTlbEntries per access type (fetch, load, store), one 4 KiB page per
//   entry (superpages are cached page by page). It holds only translations whose checks passed
//   with A (and, for stores, D) set; the PTE flags are checked again against the current
//   privilege, SUM and MXR on every hit, so privilege and mstatus changes need no flush.
#include "models/cpu/rv_hart.hpp"

namespace nodevp::cpu {

namespace {
namespace pte {
constexpr unsigned kV = 1, kR = 2, kW = 4, kX = 8, kU = 16, kA = 64, kD = 128;
}  // namespace pte
constexpr std::uint64_t kPageMask = 0xfff;
}  // namespace

template <class X>
void RvHart<X>::mem_context_changed() {
    const X mode = kXlen == 32 ? satp_ >> 31 : satp_ >> 60;
    vm_on_ = mode != 0;
    const bool mprv = (mstatus_ & mstatus::kMprv) && priv_ == kPrivM;
    data_priv_ =
        mprv ? static_cast<unsigned>((mstatus_ & mstatus::kMpp) >> mstatus::kMppShift) : priv_;
    fetch_xlate_ = vm_on_ && priv_ != kPrivM;
    data_xlate_ = vm_on_ && data_priv_ != kPrivM;
    std::vector<CacheEntry>& cache = icache_[priv_];
    if (cache.empty()) {
        cache.resize(kCacheEntries);
        for (CacheEntry& e : cache) e.tag = kNoTag;
    }
    icache_cur_ = cache.data();
    fetch_win_ = rd_win_ = wr_win_ = DmiRegion{};
}

template <class X>
void RvHart<X>::flush_tlb() {
    for (auto& t : tlb_)
        for (TlbEntry& e : t) e.vpn = ~std::uint64_t{0};
}

template <class X>
void RvHart<X>::sfence_vma() {
    flush_tlb();
    flush_translated_icaches();
    fetch_win_ = rd_win_ = wr_win_ = DmiRegion{};
}

template <class X>
void RvHart<X>::page_fault(std::uint64_t va, Access acc) {
    static constexpr std::uint64_t kCause[] = {12, 13, 15};
    raise(kCause[static_cast<unsigned>(acc)], va);
}

template <class X>
void RvHart<X>::access_fault(std::uint64_t va, Access acc) {
    static constexpr std::uint64_t kCause[] = {kInsnAccessFault, kLoadAccessFault,
                                               kStoreAccessFault};
    raise(kCause[static_cast<unsigned>(acc)], va);
}

template <class X>
bool RvHart<X>::pte_allows(unsigned flags, Access acc) const {
    const unsigned priv = access_priv(acc);
    const bool user_page = flags & pte::kU;
    if (acc == Access::fetch) {
        if (!(flags & pte::kX)) return false;
        return priv == kPrivU ? user_page : !user_page;
    }
    const bool ok = acc == Access::load
                        ? (flags & pte::kR) || ((mstatus_ & mstatus::kMxr) && (flags & pte::kX))
                        : (flags & pte::kW) != 0;
    if (!ok) return false;
    if (priv == kPrivU) return user_page;
    return !user_page || (mstatus_ & mstatus::kSum);
}

template <class X>
std::uint64_t RvHart<X>::translate_paged(std::uint64_t va, Access acc) {
    if (kXlen == 64) {  // Sv39: bits 63:39 must all equal bit 38
        const std::uint64_t top = va >> 38;
        if (top != 0 && top != (1ULL << 26) - 1) page_fault(va, acc);
    } else {
        va = static_cast<X>(va);
    }
    const std::uint64_t vpn = va >> 12;
    TlbEntry& e = tlb_[static_cast<unsigned>(acc)][vpn & (kTlbEntries - 1)];
    if (e.vpn == vpn) {
        if (!pte_allows(e.flags, acc)) page_fault(va, acc);
        return e.page | (va & kPageMask);
    }
    return walk(va, acc, e) | (va & kPageMask);
}

// The walk of the privileged spec ("Virtual Address Translation Process"); fills e and returns
// the physical page.
template <class X>
std::uint64_t RvHart<X>::walk(std::uint64_t va, Access acc, TlbEntry& e) {
    constexpr unsigned kLevels = kXlen == 64 ? 3 : 2;
    constexpr unsigned kVpnBits = kXlen == 64 ? 9 : 10;
    constexpr unsigned kPteSize = kXlen == 64 ? 8 : 4;
    constexpr std::uint64_t kPpnMask = kXlen == 64 ? (1ULL << 44) - 1 : (1ULL << 22) - 1;
    std::uint64_t table = (static_cast<std::uint64_t>(satp_) & kPpnMask) << 12;
    std::uint64_t pte_addr = 0, pte = 0;
    int level = kLevels - 1;
    for (;; --level) {
        const std::uint64_t index = (va >> (12 + level * kVpnBits)) & ((1u << kVpnBits) - 1);
        pte_addr = table + index * kPteSize;
        if constexpr (kXlen == 64) {
            if (!phys_read(pte_addr, &pte, 8)) access_fault(va, acc);
        } else {
            std::uint32_t p32;
            if (!phys_read(pte_addr, &p32, 4)) access_fault(va, acc);
            pte = p32;
        }
        if (!(pte & pte::kV) || ((pte & pte::kW) && !(pte & pte::kR))) page_fault(va, acc);
        if (kXlen == 64 && (pte >> 54) != 0) page_fault(va, acc);
        if (pte & (pte::kR | pte::kX)) break;  // a leaf
        if (level == 0) page_fault(va, acc);
        table = ((pte >> 10) & kPpnMask) << 12;
    }
    const unsigned flags = static_cast<unsigned>(pte & 0xff);
    if (!pte_allows(flags, acc)) page_fault(va, acc);
    const std::uint64_t ppn = (pte >> 10) & kPpnMask;
    const std::uint64_t low_mask = (1ULL << (level * kVpnBits)) - 1;
    if (ppn & low_mask) page_fault(va, acc);  // misaligned superpage
    std::uint64_t updated = pte | pte::kA | (acc == Access::store ? pte::kD : 0);
    if (updated != pte) {
        bool ok;
        if constexpr (kXlen == 64) {
            ok = phys_write(pte_addr, &updated, 8);
        } else {
            const auto p32 = static_cast<std::uint32_t>(updated);
            ok = phys_write(pte_addr, &p32, 4);
        }
        if (!ok) access_fault(va, acc);
    }
    e.vpn = va >> 12;
    e.page = (ppn | ((va >> 12) & low_mask)) << 12;
    e.flags = static_cast<unsigned>(updated & 0xff);
    return e.page;
}

#define NODEVP_MMU_INSTANTIATE(X)                                             \
    template void RvHart<X>::mem_context_changed();                           \
    template void RvHart<X>::flush_tlb();                                     \
    template void RvHart<X>::sfence_vma();                                    \
    template void RvHart<X>::page_fault(std::uint64_t, Access);               \
    template void RvHart<X>::access_fault(std::uint64_t, Access);             \
    template bool RvHart<X>::pte_allows(unsigned, Access) const;              \
    template std::uint64_t RvHart<X>::translate_paged(std::uint64_t, Access); \
    template std::uint64_t RvHart<X>::walk(std::uint64_t, Access, TlbEntry&);
NODEVP_MMU_INSTANTIATE(std::uint32_t)
NODEVP_MMU_INSTANTIATE(std::uint64_t)

}  // namespace nodevp::cpu
