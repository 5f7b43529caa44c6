// Semantic functions of the F and D extensions and the fflags/frm/fcsr CSRs.
//
// Contract as in insns.cpp: a function raises a Trap before changing any state, or completes the
// instruction. Every instruction first checks mstatus.FS (Off: illegal instruction); one that
// rounds resolves its rm field (7 = frm; rm 5 or 6, or frm 5..7 with rm = 7, is illegal). The
// arithmetic is fp.hpp's soft-float. Writing an f register or accruing a nonzero flag sets FS to
// Dirty; FSW, FSD, FMV.X.W/D, comparisons and fclass without flags leave FS alone.
// binary32 operands are read through the NaN-boxing check (an improperly boxed value reads as the
// canonical NaN) except by FSW and FMV.X.W, which move the low 32 bits unchanged.
#include "models/cpu/fp_insns.hpp"

#include "models/cpu/fp.hpp"

namespace nodevp::cpu {

namespace {

using S = std::uint32_t;  // binary32 encoding
using D = std::uint64_t;  // binary64 encoding
constexpr std::uint64_t kBox = 0xffffffff00000000ull;

template <class X>
void need_fp(RvHart<X>& h, const DecodedInsn& d) {
    if (h.fp_off()) h.illegal(d);
}
template <class X>
unsigned rounding(RvHart<X>& h, const DecodedInsn& d) {
    need_fp(h, d);
    unsigned rm = static_cast<unsigned>(d.imm) & 7;
    if (rm == fp::kDyn) rm = h.frm_;
    if (rm > fp::kRmm) h.illegal(d);
    return rm;
}
template <class T, class X>
T freg(const RvHart<X>& h, unsigned i) {
    const std::uint64_t v = h.f[i];
    if constexpr (sizeof(T) == 8)
        return v;
    else
        return (v & kBox) == kBox ? static_cast<S>(v) : fp::canonical_nan<S>();
}
template <class T, class X>
void set_freg(RvHart<X>& h, unsigned i, T v) {
    if constexpr (sizeof(T) == 8)
        h.f[i] = v;
    else
        h.f[i] = kBox | v;
    h.fp_dirty();
}
template <class X>
void accrue(RvHart<X>& h, unsigned flags) {
    if (flags) {
        h.fflags_ |= flags;
        h.fp_dirty();
    }
}
template <class X>
X sext32(std::uint32_t v) {
    return static_cast<X>(static_cast<std::int64_t>(static_cast<std::int32_t>(v)));
}
template <class X>
void next(RvHart<X>& h, const DecodedInsn& d) {
    h.pc_ += d.length;
}
unsigned rs3(const DecodedInsn& d) {
    return static_cast<unsigned>(d.imm) >> 3;
}

template <class T>
using Binary = T (*)(T, T, unsigned, unsigned&);
template <class T, class X>
void arith(RvHart<X>& h, const DecodedInsn& d, Binary<T> op) {
    const unsigned rm = rounding(h, d);
    unsigned flags = 0;
    const T r = op(freg<T>(h, d.rs1), freg<T>(h, d.rs2), rm, flags);
    set_freg<T>(h, d.rd, r);
    accrue(h, flags);
    next(h, d);
}
template <class T, class X>
void square_root(RvHart<X>& h, const DecodedInsn& d) {
    const unsigned rm = rounding(h, d);
    unsigned flags = 0;
    const T r = fp::sqrt<T>(freg<T>(h, d.rs1), rm, flags);
    set_freg<T>(h, d.rd, r);
    accrue(h, flags);
    next(h, d);
}
// fmadd: a*b+c; fmsub: a*b-c; fnmsub: -(a*b)+c; fnmadd: -(a*b)-c. All with one rounding.
template <class T, class X>
void fused(RvHart<X>& h, const DecodedInsn& d, bool negate_product, bool negate_addend) {
    const unsigned rm = rounding(h, d);
    T a = freg<T>(h, d.rs1);
    T c = freg<T>(h, rs3(d));
    if (negate_product) a = fp::negate(a);
    if (negate_addend) c = fp::negate(c);
    unsigned flags = 0;
    const T r = fp::fma<T>(a, freg<T>(h, d.rs2), c, rm, flags);
    set_freg<T>(h, d.rd, r);
    accrue(h, flags);
    next(h, d);
}
enum class Sign { copy, negate, xor_ };
template <class T, class X>
void sign_inject(RvHart<X>& h, const DecodedInsn& d, Sign how) {
    need_fp(h, d);
    constexpr T kSign = T(1) << (sizeof(T) * 8 - 1);
    const T a = freg<T>(h, d.rs1), b = freg<T>(h, d.rs2);
    const T s = how == Sign::copy     ? (b & kSign)
                : how == Sign::negate ? (~b & kSign)
                                      : ((a ^ b) & kSign);
    set_freg<T>(h, d.rd, static_cast<T>((a & ~kSign) | s));
    next(h, d);
}
template <class T, class X>
void min_max(RvHart<X>& h, const DecodedInsn& d, bool is_max) {
    need_fp(h, d);
    unsigned flags = 0;
    const T a = freg<T>(h, d.rs1), b = freg<T>(h, d.rs2);
    const T r = is_max ? fp::max<T>(a, b, flags) : fp::min<T>(a, b, flags);
    set_freg<T>(h, d.rd, r);
    accrue(h, flags);
    next(h, d);
}
template <class T>
using Compare = bool (*)(T, T, unsigned&);
template <class T, class X>
void compare(RvHart<X>& h, const DecodedInsn& d, Compare<T> op) {
    need_fp(h, d);
    unsigned flags = 0;
    h.x[d.rd] = op(freg<T>(h, d.rs1), freg<T>(h, d.rs2), flags) ? 1 : 0;
    accrue(h, flags);
    next(h, d);
}
template <class T, class X>
void classify(RvHart<X>& h, const DecodedInsn& d) {
    need_fp(h, d);
    h.x[d.rd] = fp::classify<T>(freg<T>(h, d.rs1));
    next(h, d);
}
// fcvt.{w,wu,l,lu}.{s,d}: 32-bit results are sign-extended on RV64 (also the unsigned ones).
template <class T, class X>
void to_integer(RvHart<X>& h, const DecodedInsn& d, unsigned bits, bool is_signed) {
    const unsigned rm = rounding(h, d);
    unsigned flags = 0;
    const std::uint64_t v = fp::to_int<T>(freg<T>(h, d.rs1), bits, is_signed, rm, flags);
    h.x[d.rd] = bits == 32 ? sext32<X>(static_cast<std::uint32_t>(v)) : static_cast<X>(v);
    accrue(h, flags);
    next(h, d);
}
template <class T, class X>
void from_integer(RvHart<X>& h, const DecodedInsn& d, unsigned bits, bool is_signed) {
    const unsigned rm = rounding(h, d);
    unsigned flags = 0;
    const T r = fp::from_int<T>(h.x[d.rs1], bits, is_signed, rm, flags);
    set_freg<T>(h, d.rd, r);
    accrue(h, flags);
    next(h, d);
}
template <class T, class X>
void load(RvHart<X>& h, const DecodedInsn& d) {
    need_fp(h, d);
    const T v = h.template load<T>(h.x[d.rs1] + static_cast<X>(d.imm));
    set_freg<T>(h, d.rd, v);
    next(h, d);
}
template <class T, class X>
void store(RvHart<X>& h, const DecodedInsn& d) {
    need_fp(h, d);
    h.template store<T>(h.x[d.rs1] + static_cast<X>(d.imm), static_cast<T>(h.f[d.rs2]));
    next(h, d);
}

}  // namespace

#define FP_SEM(id)     \
    template <class X> \
    void sem_##id(RvHart<X>& h, const DecodedInsn& d)

// One precision's instructions; T is its encoding, sfx the mnemonic suffix.
#define FP_FAMILY(sfx, T)                   \
    FP_SEM(fmadd_##sfx) {                   \
        fused<T>(h, d, false, false);       \
    }                                       \
    FP_SEM(fmsub_##sfx) {                   \
        fused<T>(h, d, false, true);        \
    }                                       \
    FP_SEM(fnmsub_##sfx) {                  \
        fused<T>(h, d, true, false);        \
    }                                       \
    FP_SEM(fnmadd_##sfx) {                  \
        fused<T>(h, d, true, true);         \
    }                                       \
    FP_SEM(fadd_##sfx) {                    \
        arith<T>(h, d, fp::add<T>);         \
    }                                       \
    FP_SEM(fsub_##sfx) {                    \
        arith<T>(h, d, fp::sub<T>);         \
    }                                       \
    FP_SEM(fmul_##sfx) {                    \
        arith<T>(h, d, fp::mul<T>);         \
    }                                       \
    FP_SEM(fdiv_##sfx) {                    \
        arith<T>(h, d, fp::div<T>);         \
    }                                       \
    FP_SEM(fsqrt_##sfx) {                   \
        square_root<T>(h, d);               \
    }                                       \
    FP_SEM(fsgnj_##sfx) {                   \
        sign_inject<T>(h, d, Sign::copy);   \
    }                                       \
    FP_SEM(fsgnjn_##sfx) {                  \
        sign_inject<T>(h, d, Sign::negate); \
    }                                       \
    FP_SEM(fsgnjx_##sfx) {                  \
        sign_inject<T>(h, d, Sign::xor_);   \
    }                                       \
    FP_SEM(fmin_##sfx) {                    \
        min_max<T>(h, d, false);            \
    }                                       \
    FP_SEM(fmax_##sfx) {                    \
        min_max<T>(h, d, true);             \
    }                                       \
    FP_SEM(feq_##sfx) {                     \
        compare<T>(h, d, fp::eq<T>);        \
    }                                       \
    FP_SEM(flt_##sfx) {                     \
        compare<T>(h, d, fp::lt<T>);        \
    }                                       \
    FP_SEM(fle_##sfx) {                     \
        compare<T>(h, d, fp::le<T>);        \
    }                                       \
    FP_SEM(fclass_##sfx) {                  \
        classify<T>(h, d);                  \
    }                                       \
    FP_SEM(fcvt_w_##sfx) {                  \
        to_integer<T>(h, d, 32, true);      \
    }                                       \
    FP_SEM(fcvt_wu_##sfx) {                 \
        to_integer<T>(h, d, 32, false);     \
    }                                       \
    FP_SEM(fcvt_l_##sfx) {                  \
        to_integer<T>(h, d, 64, true);      \
    }                                       \
    FP_SEM(fcvt_lu_##sfx) {                 \
        to_integer<T>(h, d, 64, false);     \
    }                                       \
    FP_SEM(fcvt_##sfx##_w) {                \
        from_integer<T>(h, d, 32, true);    \
    }                                       \
    FP_SEM(fcvt_##sfx##_wu) {               \
        from_integer<T>(h, d, 32, false);   \
    }                                       \
    FP_SEM(fcvt_##sfx##_l) {                \
        from_integer<T>(h, d, 64, true);    \
    }                                       \
    FP_SEM(fcvt_##sfx##_lu) {               \
        from_integer<T>(h, d, 64, false);   \
    }
FP_FAMILY(s, S)
FP_FAMILY(d, D)
#undef FP_FAMILY

FP_SEM(flw) {
    load<S>(h, d);
}
FP_SEM(fld) {
    load<D>(h, d);
}
FP_SEM(fsw) {
    store<S>(h, d);
}
FP_SEM(fsd) {
    store<D>(h, d);
}
FP_SEM(fmv_x_w) {
    need_fp(h, d);
    h.x[d.rd] = sext32<X>(static_cast<std::uint32_t>(h.f[d.rs1]));
    next(h, d);
}
FP_SEM(fmv_w_x) {
    need_fp(h, d);
    set_freg<S>(h, d.rd, static_cast<S>(h.x[d.rs1]));
    next(h, d);
}
FP_SEM(fmv_x_d) {
    need_fp(h, d);
    h.x[d.rd] = static_cast<X>(h.f[d.rs1]);
    next(h, d);
}
FP_SEM(fmv_d_x) {
    need_fp(h, d);
    set_freg<D>(h, d.rd, static_cast<D>(h.x[d.rs1]));
    next(h, d);
}
FP_SEM(fcvt_s_d) {
    const unsigned rm = rounding(h, d);
    unsigned flags = 0;
    const S r = fp::narrow(freg<D>(h, d.rs1), rm, flags);
    set_freg<S>(h, d.rd, r);
    accrue(h, flags);
    next(h, d);
}
FP_SEM(fcvt_d_s) {
    rounding(h, d);  // exact, but a reserved rm is still illegal
    unsigned flags = 0;
    const D r = fp::widen(freg<S>(h, d.rs1), flags);
    set_freg<D>(h, d.rd, r);
    accrue(h, flags);
    next(h, d);
}
#undef FP_SEM

template <class X>
bool RvHart<X>::fp_csr_read(unsigned n, X& value) const {
    if (!has_f_ || fp_off()) return false;
    switch (n) {
        case csr::kFflags:
            value = fflags_;
            return true;
        case csr::kFrm:
            value = frm_;
            return true;
        case csr::kFcsr:
            value = (frm_ << 5) | fflags_;
            return true;
        default:
            return false;
    }
}

template <class X>
bool RvHart<X>::fp_csr_write(unsigned n, X value) {
    if (!has_f_ || fp_off()) return false;
    switch (n) {
        case csr::kFflags:
            fflags_ = value & 0x1f;
            break;
        case csr::kFrm:
            frm_ = value & 7;
            break;
        case csr::kFcsr:
            fflags_ = value & 0x1f;
            frm_ = (value >> 5) & 7;
            break;
        default:
            return false;
    }
    fp_dirty();
    return true;
}

#define RV_INSN(id, name, match, mask, fmt, xlen)                                      \
    template void sem_##id<std::uint32_t>(RvHart<std::uint32_t>&, const DecodedInsn&); \
    template void sem_##id<std::uint64_t>(RvHart<std::uint64_t>&, const DecodedInsn&);
#include "models/cpu/insn_table_fd.def"
#undef RV_INSN

template bool RvHart<std::uint32_t>::fp_csr_read(unsigned, std::uint32_t&) const;
template bool RvHart<std::uint32_t>::fp_csr_write(unsigned, std::uint32_t);
template bool RvHart<std::uint64_t>::fp_csr_read(unsigned, std::uint64_t&) const;
template bool RvHart<std::uint64_t>::fp_csr_write(unsigned, std::uint64_t);

}  // namespace nodevp::cpu
