// Exact soft-float for binary32/binary64 (see fp.hpp for the rules modelled).
//
// Method: a finite operand is unpacked to value = sig * 2^exp with an integer significand. Each
// operation computes its result as a 128-bit significand that is either exact or carries a sticky
// bit (OR of everything shifted out) at least 20 bits below the rounding position, then
// round_pack() rounds it once to the target precision, handling overflow, subnormals and the
// flags. Tininess is detected after rounding (the RISC-V choice): a result below 2^emin is not
// tiny when rounding it to full precision with an unbounded exponent gives exactly 2^emin.
#include "models/cpu/fp.hpp"

#include <utility>

namespace nodevp::cpu::fp {

namespace {

using u128 = unsigned __int128;

template <class T>
struct Format;
template <>
struct Format<std::uint32_t> {
    static constexpr int kPrec = 24, kEmin = -126, kEmax = 127;
};
template <>
struct Format<std::uint64_t> {
    static constexpr int kPrec = 53, kEmin = -1022, kEmax = 1023;
};

template <class T>
struct Traits : Format<T> {
    using Format<T>::kPrec;
    using Format<T>::kEmax;
    static constexpr int kFracBits = kPrec - 1;
    static constexpr int kBias = kEmax;
    static constexpr T kSign = T(1) << (sizeof(T) * 8 - 1);
    static constexpr T kFracMask = (T(1) << kFracBits) - 1;
    static constexpr T kExpMask = ~kSign & ~kFracMask;
    static constexpr T kQuietBit = T(1) << (kFracBits - 1);
};

enum class Kind { zero, finite, inf, nan };

// A finite nonzero value is sig * 2^exp (sig != 0, at most kPrec bits).
struct Value {
    Kind kind = Kind::zero;
    bool sign = false;
    bool snan = false;
    int exp = 0;
    std::uint64_t sig = 0;
};

template <class T>
Value unpack(T a) {
    using F = Traits<T>;
    Value v;
    v.sign = (a & F::kSign) != 0;
    const int e = static_cast<int>((a & F::kExpMask) >> F::kFracBits);
    const T frac = a & F::kFracMask;
    if (e == static_cast<int>(F::kExpMask >> F::kFracBits)) {
        v.kind = frac ? Kind::nan : Kind::inf;
        v.snan = frac && !(frac & F::kQuietBit);
    } else if (e == 0) {
        v.kind = frac ? Kind::finite : Kind::zero;
        v.sig = frac;
        v.exp = Format<T>::kEmin - F::kFracBits;
    } else {
        v.kind = Kind::finite;
        v.sig = frac | (T(1) << F::kFracBits);
        v.exp = e - F::kBias - F::kFracBits;
    }
    return v;
}

template <class T>
T signed_zero(bool sign) {
    return sign ? Traits<T>::kSign : T(0);
}
template <class T>
T infinity(bool sign) {
    return signed_zero<T>(sign) | Traits<T>::kExpMask;
}
template <class T>
T largest_finite(bool sign) {
    using F = Traits<T>;
    return signed_zero<T>(sign) | (F::kExpMask - (T(1) << F::kFracBits)) | F::kFracMask;
}
// The canonical NaN, with NV when an operand was a signalling NaN.
template <class T>
T nan_result(bool signalling, unsigned& flags) {
    if (signalling) flags |= kNV;
    return canonical_nan<T>();
}
template <class T>
T invalid(unsigned& flags) {
    flags |= kNV;
    return canonical_nan<T>();
}
// The sign of an exact zero sum of operands with opposite signs.
bool zero_sum_sign(unsigned rm) {
    return rm == kRdn;
}

int clz128(u128 x) {  // x != 0
    const auto hi = static_cast<std::uint64_t>(x >> 64);
    return hi ? __builtin_clzll(hi) : 64 + __builtin_clzll(static_cast<std::uint64_t>(x));
}
u128 shift_right_jam(u128 x, int n) {
    if (n <= 0) return x;
    if (n >= 128) return x != 0;
    return (x >> n) | ((x & ((u128(1) << n) - 1)) != 0);
}

// x cut at bit `shift`: the kept part and how the discarded part compares with half a unit.
struct Cut {
    u128 kept;
    int vs_half;  // -1 below half, 0 exactly half, +1 above
    bool inexact;
};
Cut cut(u128 x, int shift) {  // shift >= 1
    if (shift >= 128) {
        const u128 half = u128(1) << 127;
        const int vs = shift > 128 ? -1 : x > half ? 1 : x == half ? 0 : -1;
        return {0, vs, x != 0};
    }
    const u128 rem = x & ((u128(1) << shift) - 1);
    const u128 half = u128(1) << (shift - 1);
    return {x >> shift, rem > half ? 1 : rem == half ? 0 : -1, rem != 0};
}
bool rounds_up(unsigned rm, bool sign, const Cut& c) {
    if (!c.inexact) return false;
    switch (rm) {
        case kRne:
            return c.vs_half > 0 || (c.vs_half == 0 && (c.kept & 1));
        case kRdn:
            return sign;
        case kRup:
            return !sign;
        case kRmm:
            return c.vs_half >= 0;
        default:
            return false;  // RTZ
    }
}

// Rounds (-1)^sign * sig * 2^exp (sig != 0) to T.
template <class T>
T round_pack(bool sign, int exp, u128 sig, unsigned rm, unsigned& flags) {
    using F = Traits<T>;
    constexpr int kPrec = F::kPrec, kEmin = Format<T>::kEmin;
    const int lz = clz128(sig);
    sig <<= lz;
    int e = exp - lz + 127;  // exponent of the leading bit
    const T s = signed_zero<T>(sign);
    const Cut normal = cut(sig, 128 - kPrec);
    u128 q = normal.kept + (rounds_up(rm, sign, normal) ? 1 : 0);
    if (e >= kEmin) {
        if (q >> kPrec) {
            q >>= 1;
            ++e;
        }
        if (e > F::kEmax) {
            flags |= kOF | kNX;
            const bool to_inf =
                rm == kRne || rm == kRmm || (rm == kRup && !sign) || (rm == kRdn && sign);
            return to_inf ? infinity<T>(sign) : largest_finite<T>(sign);
        }
        if (normal.inexact) flags |= kNX;
        return s | ((T(static_cast<unsigned>(e + F::kBias - 1)) << F::kFracBits) + T(q));
    }
    // Below the normal range: not tiny only if rounding with an unbounded exponent reaches 2^emin.
    const bool tiny = !(e == kEmin - 1 && (q >> kPrec));
    const Cut sub = cut(sig, 128 - kPrec + (kEmin - e));
    const u128 m = sub.kept + (rounds_up(rm, sign, sub) ? 1 : 0);
    if (sub.inexact) flags |= tiny ? (kNX | kUF) : kNX;
    return s | T(m);  // m == 2^(kPrec-1) is the encoding of the smallest normal number
}

// Sum of two finite nonzero values (signs, exponents, significands of up to 126 bits).
template <class T>
T add_finite(bool sa, int ea, u128 ma, bool sb, int eb, u128 mb, unsigned rm, unsigned& flags) {
    // Leading bits at 125 (room for the carry), the larger magnitude first, the other aligned.
    const int la = clz128(ma) - 2, lb = clz128(mb) - 2;
    ma <<= la;
    ea -= la;
    mb <<= lb;
    eb -= lb;
    if (ea < eb || (ea == eb && ma < mb)) {
        std::swap(sa, sb);
        std::swap(ea, eb);
        std::swap(ma, mb);
    }
    mb = shift_right_jam(mb, ea - eb);
    const u128 m = sa == sb ? ma + mb : ma - mb;
    if (m == 0) return signed_zero<T>(zero_sum_sign(rm));
    return round_pack<T>(sa, ea, m, rm, flags);
}

// Lowest-to-highest order of non-NaN encodings, -0 below +0.
template <class T>
T order_key(T a) {
    return (a & Traits<T>::kSign) ? T(~a) : T(a | Traits<T>::kSign);
}
template <class T>
bool is_zero(T a) {
    return (a & ~Traits<T>::kSign) == 0;
}

u128 isqrt(u128 m, bool& exact) {
    u128 root = 0;
    u128 bit = u128(1) << 126;
    while (bit > m) bit >>= 2;
    while (bit) {
        if (m >= root + bit) {
            m -= root + bit;
            root = (root >> 1) + bit;
        } else {
            root >>= 1;
        }
        bit >>= 2;
    }
    exact = m == 0;
    return root;
}

std::uint64_t width_mask(unsigned bits) {
    return bits >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << bits) - 1;
}

}  // namespace

template <class T>
T add(T a, T b, unsigned rm, unsigned& flags) {
    const Value x = unpack(a), y = unpack(b);
    if (x.kind == Kind::nan || y.kind == Kind::nan) return nan_result<T>(x.snan || y.snan, flags);
    if (x.kind == Kind::inf || y.kind == Kind::inf) {
        if (x.kind == Kind::inf && y.kind == Kind::inf && x.sign != y.sign)
            return invalid<T>(flags);
        return x.kind == Kind::inf ? a : b;
    }
    if (x.kind == Kind::zero && y.kind == Kind::zero)
        return signed_zero<T>(x.sign == y.sign ? x.sign : zero_sum_sign(rm));
    if (x.kind == Kind::zero) return b;
    if (y.kind == Kind::zero) return a;
    return add_finite<T>(x.sign, x.exp, x.sig, y.sign, y.exp, y.sig, rm, flags);
}

template <class T>
T sub(T a, T b, unsigned rm, unsigned& flags) {
    return add(a, negate(b), rm, flags);
}

template <class T>
T mul(T a, T b, unsigned rm, unsigned& flags) {
    const Value x = unpack(a), y = unpack(b);
    const bool sign = x.sign != y.sign;
    if (x.kind == Kind::nan || y.kind == Kind::nan) return nan_result<T>(x.snan || y.snan, flags);
    if (x.kind == Kind::inf || y.kind == Kind::inf) {
        if (x.kind == Kind::zero || y.kind == Kind::zero) return invalid<T>(flags);
        return infinity<T>(sign);
    }
    if (x.kind == Kind::zero || y.kind == Kind::zero) return signed_zero<T>(sign);
    return round_pack<T>(sign, x.exp + y.exp, u128(x.sig) * y.sig, rm, flags);
}

template <class T>
T div(T a, T b, unsigned rm, unsigned& flags) {
    Value x = unpack(a), y = unpack(b);
    const bool sign = x.sign != y.sign;
    if (x.kind == Kind::nan || y.kind == Kind::nan) return nan_result<T>(x.snan || y.snan, flags);
    if (x.kind == Kind::inf) return y.kind == Kind::inf ? invalid<T>(flags) : infinity<T>(sign);
    if (y.kind == Kind::inf) return signed_zero<T>(sign);
    if (y.kind == Kind::zero) {
        if (x.kind == Kind::zero) return invalid<T>(flags);
        flags |= kDZ;
        return infinity<T>(sign);
    }
    if (x.kind == Kind::zero) return signed_zero<T>(sign);
    // Both significands normalised to 64 bits: the quotient has 64 or 65 bits.
    const int lx = __builtin_clzll(x.sig), ly = __builtin_clzll(y.sig);
    const u128 n = u128(x.sig << lx) << 64;
    const std::uint64_t d = y.sig << ly;
    u128 q = n / d;
    if (n % d) q |= 1;
    return round_pack<T>(sign, (x.exp - lx) - (y.exp - ly) - 64, q, rm, flags);
}

template <class T>
T sqrt(T a, unsigned rm, unsigned& flags) {
    const Value x = unpack(a);
    if (x.kind == Kind::nan) return nan_result<T>(x.snan, flags);
    if (x.kind == Kind::zero) return a;  // sqrt(-0) = -0
    if (x.sign) return invalid<T>(flags);
    if (x.kind == Kind::inf) return a;
    const int lz = __builtin_clzll(x.sig);
    u128 m = u128(x.sig << lz) << 64;
    int e = x.exp - lz - 64;
    if (e & 1) {
        m >>= 1;  // exact: the low 64 bits are zero
        ++e;
    }
    bool exact = false;
    const u128 root = isqrt(m, exact);  // 64 bits
    return round_pack<T>(false, e / 2 - 1, (root << 1) | (exact ? 0 : 1), rm, flags);
}

template <class T>
T fma(T a, T b, T c, unsigned rm, unsigned& flags) {
    const Value x = unpack(a), y = unpack(b), z = unpack(c);
    const bool ps = x.sign != y.sign;
    // RISC-V: inf * 0 is invalid even when the addend is a quiet NaN.
    if ((x.kind == Kind::inf && y.kind == Kind::zero) ||
        (x.kind == Kind::zero && y.kind == Kind::inf))
        return invalid<T>(flags);
    if (x.kind == Kind::nan || y.kind == Kind::nan || z.kind == Kind::nan)
        return nan_result<T>(x.snan || y.snan || z.snan, flags);
    if (x.kind == Kind::inf || y.kind == Kind::inf) {
        if (z.kind == Kind::inf && z.sign != ps) return invalid<T>(flags);
        return infinity<T>(ps);
    }
    if (z.kind == Kind::inf) return c;
    if (x.kind == Kind::zero || y.kind == Kind::zero) {
        if (z.kind == Kind::zero) return signed_zero<T>(ps == z.sign ? ps : zero_sum_sign(rm));
        return c;
    }
    const u128 product = u128(x.sig) * y.sig;  // exact: at most 106 bits
    if (z.kind == Kind::zero) return round_pack<T>(ps, x.exp + y.exp, product, rm, flags);
    return add_finite<T>(ps, x.exp + y.exp, product, z.sign, z.exp, z.sig, rm, flags);
}

template <class T>
T min(T a, T b, unsigned& flags) {
    const Value x = unpack(a), y = unpack(b);
    if (x.snan || y.snan) flags |= kNV;
    if (x.kind == Kind::nan && y.kind == Kind::nan) return canonical_nan<T>();
    if (x.kind == Kind::nan) return b;
    if (y.kind == Kind::nan) return a;
    return order_key(a) <= order_key(b) ? a : b;
}

template <class T>
T max(T a, T b, unsigned& flags) {
    const Value x = unpack(a), y = unpack(b);
    if (x.snan || y.snan) flags |= kNV;
    if (x.kind == Kind::nan && y.kind == Kind::nan) return canonical_nan<T>();
    if (x.kind == Kind::nan) return b;
    if (y.kind == Kind::nan) return a;
    return order_key(a) >= order_key(b) ? a : b;
}

template <class T>
bool eq(T a, T b, unsigned& flags) {
    const Value x = unpack(a), y = unpack(b);
    if (x.kind == Kind::nan || y.kind == Kind::nan) {
        if (x.snan || y.snan) flags |= kNV;
        return false;
    }
    return a == b || (is_zero(a) && is_zero(b));
}

template <class T>
bool lt(T a, T b, unsigned& flags) {
    if (unpack(a).kind == Kind::nan || unpack(b).kind == Kind::nan) {
        flags |= kNV;
        return false;
    }
    if (is_zero(a) && is_zero(b)) return false;
    return order_key(a) < order_key(b);
}

template <class T>
bool le(T a, T b, unsigned& flags) {
    if (unpack(a).kind == Kind::nan || unpack(b).kind == Kind::nan) {
        flags |= kNV;
        return false;
    }
    if (is_zero(a) && is_zero(b)) return true;
    return order_key(a) <= order_key(b);
}

template <class T>
unsigned classify(T a) {
    const Value x = unpack(a);
    const bool subnormal = x.kind == Kind::finite && !(x.sig >> Traits<T>::kFracBits);
    switch (x.kind) {
        case Kind::inf:
            return x.sign ? 1u << 0 : 1u << 7;
        case Kind::zero:
            return x.sign ? 1u << 3 : 1u << 4;
        case Kind::nan:
            return x.snan ? 1u << 8 : 1u << 9;
        case Kind::finite:
            break;
    }
    if (subnormal) return x.sign ? 1u << 2 : 1u << 5;
    return x.sign ? 1u << 1 : 1u << 6;
}

template <class T>
std::uint64_t to_int(T a, unsigned bits, bool is_signed, unsigned rm, unsigned& flags) {
    const Value x = unpack(a);
    const std::uint64_t mask = width_mask(bits);
    const std::uint64_t most = is_signed ? mask >> 1 : mask;                       // largest value
    const std::uint64_t least = is_signed ? (std::uint64_t{1} << (bits - 1)) : 0;  // smallest
    if (x.kind == Kind::nan) {
        flags |= kNV;
        return most;
    }
    if (x.kind == Kind::inf) {
        flags |= kNV;
        return x.sign ? least : most;
    }
    if (x.kind == Kind::zero) return 0;
    u128 magnitude;
    bool inexact = false;
    if (x.exp >= 0) {
        if (x.exp > 64) {
            flags |= kNV;
            return x.sign ? least : most;
        }
        magnitude = u128(x.sig) << x.exp;
    } else {
        const Cut c = cut(x.sig, -x.exp);
        magnitude = c.kept + (rounds_up(rm, x.sign, c) ? 1 : 0);
        inexact = c.inexact;
    }
    const u128 limit = is_signed ? (x.sign ? u128(least) : u128(most)) : (x.sign ? 0 : most);
    if (magnitude > limit) {
        flags |= kNV;
        return x.sign ? least : most;
    }
    if (inexact) flags |= kNX;
    const auto m = static_cast<std::uint64_t>(magnitude);
    return (x.sign ? std::uint64_t{0} - m : m) & mask;
}

template <class T>
T from_int(std::uint64_t value, unsigned bits, bool is_signed, unsigned rm, unsigned& flags) {
    std::uint64_t magnitude = value & width_mask(bits);
    const bool sign = is_signed && ((magnitude >> (bits - 1)) & 1);
    if (sign) magnitude = (std::uint64_t{0} - magnitude) & width_mask(bits);
    if (magnitude == 0) return 0;
    return round_pack<T>(sign, 0, magnitude, rm, flags);
}

std::uint64_t widen(std::uint32_t a, unsigned& flags) {
    const Value x = unpack(a);
    switch (x.kind) {
        case Kind::nan:
            return nan_result<std::uint64_t>(x.snan, flags);
        case Kind::inf:
            return infinity<std::uint64_t>(x.sign);
        case Kind::zero:
            return signed_zero<std::uint64_t>(x.sign);
        case Kind::finite:
            break;
    }
    return round_pack<std::uint64_t>(x.sign, x.exp, x.sig, kRne, flags);  // exact
}

std::uint32_t narrow(std::uint64_t a, unsigned rm, unsigned& flags) {
    const Value x = unpack(a);
    switch (x.kind) {
        case Kind::nan:
            return nan_result<std::uint32_t>(x.snan, flags);
        case Kind::inf:
            return infinity<std::uint32_t>(x.sign);
        case Kind::zero:
            return signed_zero<std::uint32_t>(x.sign);
        case Kind::finite:
            break;
    }
    return round_pack<std::uint32_t>(x.sign, x.exp, x.sig, rm, flags);
}

#define NODEVP_FP_INSTANTIATE(T)                                              \
    template T add<T>(T, T, unsigned, unsigned&);                             \
    template T sub<T>(T, T, unsigned, unsigned&);                             \
    template T mul<T>(T, T, unsigned, unsigned&);                             \
    template T div<T>(T, T, unsigned, unsigned&);                             \
    template T sqrt<T>(T, unsigned, unsigned&);                               \
    template T fma<T>(T, T, T, unsigned, unsigned&);                          \
    template T min<T>(T, T, unsigned&);                                       \
    template T max<T>(T, T, unsigned&);                                       \
    template bool eq<T>(T, T, unsigned&);                                     \
    template bool lt<T>(T, T, unsigned&);                                     \
    template bool le<T>(T, T, unsigned&);                                     \
    template unsigned classify<T>(T);                                         \
    template std::uint64_t to_int<T>(T, unsigned, bool, unsigned, unsigned&); \
    template T from_int<T>(std::uint64_t, unsigned, bool, unsigned, unsigned&);
NODEVP_FP_INSTANTIATE(std::uint32_t)
NODEVP_FP_INSTANTIATE(std::uint64_t)
#undef NODEVP_FP_INSTANTIATE

}  // namespace nodevp::cpu::fp
