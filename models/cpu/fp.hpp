// IEEE-754 binary32/binary64 arithmetic as the RISC-V F and D extensions define it.
//
// A small exact soft-float: every operation works on the raw encodings (T = std::uint32_t for
// binary32, std::uint64_t for binary64), computes the exact result (or the exact result with a
// sticky bit far below the rounding point) in integer arithmetic and rounds it once. So results
// and flags do not depend on the host's floating-point unit, its rounding mode or its NaN rules.
//
// RISC-V rules modelled: the five rounding modes (RNE, RTZ, RDN, RUP, RMM); tininess is detected
// after rounding; every NaN result is the canonical NaN (0x7fc00000 / 0x7ff8000000000000); NV for
// any signalling NaN operand, invalid operations and quiet comparisons only on sNaN; fmin/fmax
// order -0 below +0 and return the non-NaN operand when only one is a NaN; fma(inf, 0, qNaN) sets
// NV; float->integer conversions saturate (NaN -> largest positive) and set NV instead of NX.
// Flags are ORed into `flags` (fflags bit layout); nothing else is touched.
#pragma once

#include <cstdint>

namespace nodevp::cpu::fp {

// fflags bits.
enum Flag : unsigned { kNX = 1, kUF = 2, kOF = 4, kDZ = 8, kNV = 16 };
// Rounding modes (the rm field; 5 and 6 are reserved, 7 means "use frm").
enum Rm : unsigned { kRne = 0, kRtz = 1, kRdn = 2, kRup = 3, kRmm = 4, kDyn = 7 };

template <class T>
constexpr T canonical_nan() {
    if constexpr (sizeof(T) == 4)
        return 0x7fc00000u;
    else
        return 0x7ff8000000000000ull;
}

template <class T>
T add(T a, T b, unsigned rm, unsigned& flags);
template <class T>
T sub(T a, T b, unsigned rm, unsigned& flags);
template <class T>
T mul(T a, T b, unsigned rm, unsigned& flags);
template <class T>
T div(T a, T b, unsigned rm, unsigned& flags);
template <class T>
T sqrt(T a, unsigned rm, unsigned& flags);
// a * b + c with one rounding. fmsub/fnmsub/fnmadd negate operands before the call.
template <class T>
T fma(T a, T b, T c, unsigned rm, unsigned& flags);
template <class T>
T min(T a, T b, unsigned& flags);
template <class T>
T max(T a, T b, unsigned& flags);
template <class T>
bool eq(T a, T b, unsigned& flags);  // quiet: NV only for a signalling NaN
template <class T>
bool lt(T a, T b, unsigned& flags);  // signalling: NV for any NaN
template <class T>
bool le(T a, T b, unsigned& flags);
// The 10-bit fclass mask.
template <class T>
unsigned classify(T a);
template <class T>
T negate(T a) {
    return a ^ (T(1) << (sizeof(T) * 8 - 1));
}

// Float -> integer of `bits` (32 or 64) width, signed or not; the result is the integer's bit
// pattern zero-extended to 64 bits (callers sign-extend 32-bit results as the ISA says).
template <class T>
std::uint64_t to_int(T a, unsigned bits, bool is_signed, unsigned rm, unsigned& flags);
// Integer -> float; `value` is the integer's bit pattern, `bits` its width.
template <class T>
T from_int(std::uint64_t value, unsigned bits, bool is_signed, unsigned rm, unsigned& flags);
// binary32 <-> binary64.
std::uint64_t widen(std::uint32_t a, unsigned& flags);
std::uint32_t narrow(std::uint64_t a, unsigned rm, unsigned& flags);

}  // namespace nodevp::cpu::fp
