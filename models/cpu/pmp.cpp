// Physical memory protection (privileged spec, "Physical Memory Protection").
//
// Contract:
// - 16 entries: pmpcfg0 and pmpcfg2 on RV64, pmpcfg0..3 on RV32, pmpaddr0..15. The CSRs of the
//   entries 16..63 exist and read as zero (writes ignored), so software counts 16 entries.
// - Grain G = 0 (4 bytes): every pmpaddr bit is writable (53:0 on RV64, 31:0 on RV32); A may be
//   OFF, TOR, NA4 or NAPOT. cfg bits 6:5 read as zero; W = 1 with R = 0 is stored as W = 0.
// - L locks an entry's cfg and pmpaddr (and the pmpaddr below a locked TOR entry) until reset, and
//   makes the entry apply to M mode too.
// - The lowest-numbered entry that matches any byte of an access decides: it must cover all bytes
//   (a partial match fails) and grant the access (M mode always granted by an unlocked entry).
//   With no match, M mode is allowed and S/U mode denied (entries are implemented).
// - M-mode loads and stores with MPRV use MPP's privilege; the page-table walk is checked as S.
// - A denied access is an access fault (1/5/7) with tval = the (virtual) address. Writes to any
//   PMP CSR flush the decoded-instruction caches and the windows, so fetches and the DMI fast
//   path see the new permissions at once.
#include "models/cpu/rv_hart.hpp"

namespace nodevp::cpu {

namespace {
namespace cfg {
constexpr unsigned kR = 1, kW = 2, kX = 4, kA = 0x18, kL = 0x80;
constexpr unsigned kOff = 0, kTor = 0x08, kNa4 = 0x10, kNapot = 0x18;
}  // namespace cfg
constexpr unsigned kEntries = 16;

unsigned permission_bit(Access acc) {
    return acc == Access::fetch ? cfg::kX : acc == Access::load ? cfg::kR : cfg::kW;
}
}  // namespace

// [lo, hi) of entry i; false when the entry is off.
template <class X>
bool RvHart<X>::pmp_entry_range(unsigned i, std::uint64_t& lo, std::uint64_t& hi) const {
    const std::uint64_t a = pmpaddr16_[i];
    switch (pmpcfg8_[i] & cfg::kA) {
        case cfg::kTor:
            lo = i ? pmpaddr16_[i - 1] << 2 : 0;
            hi = a << 2;
            return true;
        case cfg::kNa4:
            lo = a << 2;
            hi = lo + 4;
            return true;
        case cfg::kNapot: {
            const unsigned ones = static_cast<unsigned>(__builtin_ctzll(~a));  // a < 2^54
            lo = (a & ~((1ULL << ones) - 1)) << 2;
            hi = lo + (8ULL << ones);
            return true;
        }
        default:
            return false;
    }
}

template <class X>
bool RvHart<X>::pmp_allows(std::uint64_t pa, std::uint64_t len, Access acc, unsigned priv) const {
    if (!pmp_applies(priv)) return true;
    const std::uint64_t last = pa + (len - 1);
    for (unsigned i = 0; i < kEntries; ++i) {
        std::uint64_t lo, hi;
        if (!pmp_entry_range(i, lo, hi) || lo >= hi) continue;
        if (last < lo || pa >= hi) continue;         // no byte matches
        if (pa < lo || last > hi - 1) return false;  // a partial match fails
        const unsigned c = pmpcfg8_[i];
        if (priv == kPrivM && !(c & cfg::kL)) return true;
        return (c & permission_bit(acc)) != 0;
    }
    return priv == kPrivM;
}

template <class X>
void RvHart<X>::pmp_window(std::uint64_t pa, Access acc, unsigned priv, std::uint64_t& lo,
                           std::uint64_t& hi) const {
    lo = hi = 0;
    if (!pmp_applies(priv)) {
        hi = ~std::uint64_t{0};
        return;
    }
    for (unsigned i = 0; i < kEntries; ++i) {
        std::uint64_t ilo, ihi;
        if (!pmp_entry_range(i, ilo, ihi) || ilo >= ihi || pa < ilo || pa >= ihi) continue;
        // Entry i decides every access inside it but outside the higher-priority entries (none
        // of which contains pa): keep the part around pa that they do not touch.
        for (unsigned j = 0; j < i; ++j) {
            std::uint64_t jlo, jhi;
            if (!pmp_entry_range(j, jlo, jhi) || jlo >= jhi || jhi <= ilo || jlo >= ihi) continue;
            if (jhi <= pa)
                ilo = jhi;
            else
                ihi = jlo;
        }
        if (pmp_allows(ilo, ihi - ilo, acc, priv)) {
            lo = ilo;
            hi = ihi;
        }
        return;
    }
    const std::uint64_t page = pa & ~std::uint64_t{0xfff};
    if (pmp_allows(page, 0x1000, acc, priv)) {
        lo = page;
        hi = page + 0x1000;
    }
}

template <class X>
bool RvHart<X>::pmp_read(unsigned n, X& value) const {
    if (n >= csr::kPmpaddr0) {
        const unsigned i = n - csr::kPmpaddr0;
        value = i < kEntries ? static_cast<X>(pmpaddr16_[i]) : 0;
        return true;
    }
    const unsigned k = n - csr::kPmpcfg0;
    if (kXlen == 64 && (k & 1)) return false;
    std::uint64_t v = 0;
    for (unsigned b = 0; b < sizeof(X); ++b) {
        const unsigned i = k * 4 + b;
        if (i < kEntries) v |= std::uint64_t{pmpcfg8_[i]} << (8 * b);
    }
    value = static_cast<X>(v);
    return true;
}

template <class X>
bool RvHart<X>::pmp_write(unsigned n, X value) {
    auto locked = [&](unsigned i) { return i < kEntries && (pmpcfg8_[i] & cfg::kL); };
    if (n >= csr::kPmpaddr0) {
        const unsigned i = n - csr::kPmpaddr0;
        if (i >= kEntries || locked(i)) return true;
        if (locked(i + 1) && (pmpcfg8_[i + 1] & cfg::kA) == cfg::kTor) return true;
        pmpaddr16_[i] = kXlen == 64 ? value & ((1ULL << 54) - 1) : value;
    } else {
        const unsigned k = n - csr::kPmpcfg0;
        if (kXlen == 64 && (k & 1)) return false;
        for (unsigned b = 0; b < sizeof(X); ++b) {
            const unsigned i = k * 4 + b;
            if (i >= kEntries || locked(i)) continue;
            unsigned c = static_cast<unsigned>(value >> (8 * b)) & 0x9f;
            if (!(c & cfg::kR)) c &= ~cfg::kW;
            pmpcfg8_[i] = static_cast<std::uint8_t>(c);
        }
    }
    pmp_locked_ = false;
    for (unsigned i = 0; i < kEntries; ++i)
        if ((pmpcfg8_[i] & cfg::kA) != cfg::kOff && (pmpcfg8_[i] & cfg::kL)) pmp_locked_ = true;
    flush_icache();
    mem_context_changed();
    return true;
}

#define NODEVP_PMP_INSTANTIATE(X)                                                              \
    template bool RvHart<X>::pmp_entry_range(unsigned, std::uint64_t&, std::uint64_t&) const;  \
    template bool RvHart<X>::pmp_allows(std::uint64_t, std::uint64_t, Access, unsigned) const; \
    template void RvHart<X>::pmp_window(std::uint64_t, Access, unsigned, std::uint64_t&,       \
                                        std::uint64_t&) const;                                 \
    template bool RvHart<X>::pmp_read(unsigned, X&) const;                                     \
    template bool RvHart<X>::pmp_write(unsigned, X);
NODEVP_PMP_INSTANTIATE(std::uint32_t)
NODEVP_PMP_INSTANTIATE(std::uint64_t)

}  // namespace nodevp::cpu
