/* F and D arithmetic: fadd, fsub, fmul, fdiv, fsqrt in every rounding mode (static rm and the
 * dynamic frm), with the accrued flags; reserved rounding modes are illegal.
 * Goldens: hand-computed from the exact values (noted per group) and confirmed on
 * qemu-system-riscv{32,64} -M spike (tests/isa/run_qemu.sh), which passes every case. */
#include "tests/isa/fp_test.h"

#define ONE_S 0x3f800000
#define ONE_D 0x3ff0000000000000

ISA_BEGIN
    FP_ENABLE

    /* 1 + 2^-24 is a tie halfway between 1 and 1 + 2^-23 (binary32 ulp at 1). */
    TEST_FP2_S(1, fadd.s, rne, ONE_S, FLAG_NX, ONE_S, 0x33800000)
    TEST_FP2_S(2, fadd.s, rtz, ONE_S, FLAG_NX, ONE_S, 0x33800000)
    TEST_FP2_S(3, fadd.s, rdn, ONE_S, FLAG_NX, ONE_S, 0x33800000)
    TEST_FP2_S(4, fadd.s, rup, 0x3f800001, FLAG_NX, ONE_S, 0x33800000)
    TEST_FP2_S(5, fadd.s, rmm, 0x3f800001, FLAG_NX, ONE_S, 0x33800000)
    /* The negative tie: directed modes swap, RMM goes away from zero. */
    TEST_FP2_S(6, fadd.s, rne, 0xbf800000, FLAG_NX, 0xbf800000, 0xb3800000)
    TEST_FP2_S(7, fadd.s, rtz, 0xbf800000, FLAG_NX, 0xbf800000, 0xb3800000)
    TEST_FP2_S(8, fadd.s, rdn, 0xbf800001, FLAG_NX, 0xbf800000, 0xb3800000)
    TEST_FP2_S(9, fadd.s, rup, 0xbf800000, FLAG_NX, 0xbf800000, 0xb3800000)
    TEST_FP2_S(10, fadd.s, rmm, 0xbf800001, FLAG_NX, 0xbf800000, 0xb3800000)
    /* 1 + 2 = 3 exactly: no flags. */
    TEST_FP2_S(11, fadd.s, rne, 0x40400000, 0, ONE_S, 0x40000000)
    /* x - x is +0, except -0 when rounding down. */
    TEST_FP2_S(12, fsub.s, rne, 0x00000000, 0, ONE_S, ONE_S)
    TEST_FP2_S(13, fsub.s, rdn, 0x80000000, 0, ONE_S, ONE_S)
    /* inf - inf is invalid: the canonical NaN. */
    TEST_FP2_S(14, fsub.s, rne, 0x7fc00000, FLAG_NV, 0x7f800000, 0x7f800000)
    /* A quiet NaN with a payload propagates as the canonical NaN without flags; a signalling
     * NaN sets NV. */
    TEST_FP2_S(15, fadd.s, rne, 0x7fc00000, 0, 0x7fc12345, ONE_S)
    TEST_FP2_S(16, fmul.s, rne, 0x7fc00000, FLAG_NV, 0x7f800001, ONE_S)

    /* 1/3 = 1.0101...b x 2^-2: the discarded part is 2/3 ulp. */
    TEST_FP2_S(20, fdiv.s, rne, 0x3eaaaaab, FLAG_NX, ONE_S, 0x40400000)
    TEST_FP2_S(21, fdiv.s, rtz, 0x3eaaaaaa, FLAG_NX, ONE_S, 0x40400000)
    TEST_FP2_S(22, fdiv.s, rdn, 0x3eaaaaaa, FLAG_NX, ONE_S, 0x40400000)
    TEST_FP2_S(23, fdiv.s, rup, 0x3eaaaaab, FLAG_NX, ONE_S, 0x40400000)
    TEST_FP2_S(24, fdiv.s, rmm, 0x3eaaaaab, FLAG_NX, ONE_S, 0x40400000)
    TEST_FP2_S(25, fdiv.s, rdn, 0xbeaaaaab, FLAG_NX, 0xbf800000, 0x40400000)
    TEST_FP2_S(26, fdiv.s, rup, 0xbeaaaaaa, FLAG_NX, 0xbf800000, 0x40400000)
    /* x/0 is DZ and a signed infinity; 0/0 is invalid. */
    TEST_FP2_S(27, fdiv.s, rne, 0x7f800000, FLAG_DZ, ONE_S, 0x00000000)
    TEST_FP2_S(28, fdiv.s, rne, 0xff800000, FLAG_DZ, ONE_S, 0x80000000)
    TEST_FP2_S(29, fdiv.s, rne, 0x7fc00000, FLAG_NV, 0x00000000, 0x00000000)

    /* Overflow: max * 2 is inf (RNE, RMM, RUP for +) or max (RTZ, RDN for +). */
    TEST_FP2_S(30, fmul.s, rne, 0x7f800000, FLAG_OF | FLAG_NX, 0x7f7fffff, 0x40000000)
    TEST_FP2_S(31, fmul.s, rtz, 0x7f7fffff, FLAG_OF | FLAG_NX, 0x7f7fffff, 0x40000000)
    TEST_FP2_S(32, fmul.s, rdn, 0x7f7fffff, FLAG_OF | FLAG_NX, 0x7f7fffff, 0x40000000)
    TEST_FP2_S(33, fmul.s, rup, 0x7f800000, FLAG_OF | FLAG_NX, 0x7f7fffff, 0x40000000)
    TEST_FP2_S(34, fmul.s, rmm, 0x7f800000, FLAG_OF | FLAG_NX, 0x7f7fffff, 0x40000000)
    TEST_FP2_S(35, fmul.s, rdn, 0xff800000, FLAG_OF | FLAG_NX, 0xff7fffff, 0x40000000)
    /* Tininess after rounding: (1 - 2^-13) 2^-63 * (1 + 2^-13) 2^-63 = (1 - 2^-26) 2^-126.
     * RNE rounds it to 2^-126, which it also is at 24 bits with an unbounded exponent: not
     * tiny, NX only. RTZ gives the largest subnormal and 1 - 2^-24 unbounded: tiny, UF. */
    TEST_FP2_S(36, fmul.s, rne, 0x00800000, FLAG_NX, 0x1ffff800, 0x20000400)
    TEST_FP2_S(37, fmul.s, rtz, 0x007fffff, FLAG_NX | FLAG_UF, 0x1ffff800, 0x20000400)
    /* An exact subnormal result has no UF: 2^-126 * 0.5 = 2^-127. */
    TEST_FP2_S(38, fmul.s, rne, 0x00400000, 0, 0x00800000, 0x3f000000)

    /* sqrt(2) = 1.41421356...; the binary32 0x3fb504f3 (1.41421353...) is below it. */
    TEST_FP1_S(40, fsqrt.s, rne, 0x3fb504f3, FLAG_NX, 0x40000000)
    TEST_FP1_S(41, fsqrt.s, rtz, 0x3fb504f3, FLAG_NX, 0x40000000)
    TEST_FP1_S(42, fsqrt.s, rdn, 0x3fb504f3, FLAG_NX, 0x40000000)
    TEST_FP1_S(43, fsqrt.s, rup, 0x3fb504f4, FLAG_NX, 0x40000000)
    TEST_FP1_S(44, fsqrt.s, rmm, 0x3fb504f3, FLAG_NX, 0x40000000)
    TEST_FP1_S(45, fsqrt.s, rne, 0x40000000, 0, 0x40800000)         /* sqrt(4) = 2 */
    TEST_FP1_S(46, fsqrt.s, rne, 0x80000000, 0, 0x80000000)         /* sqrt(-0) = -0 */
    TEST_FP1_S(47, fsqrt.s, rne, 0x7fc00000, FLAG_NV, 0xbf800000)   /* sqrt(-1) */

    /* Dynamic rounding: rm = dyn takes frm. */
    ISA_CASE(50)
    csrwi frm, 3 /* RUP */
    FP_LOAD_S(fa1, ONE_S)
    FP_LOAD_S(fa2, 0x40400000)
    fdiv.s fa0, fa1, fa2, dyn
    FP_EXPECT_S(fa0, 0x3eaaaaab)
    csrwi frm, 1 /* RTZ */
    fdiv.s fa0, fa1, fa2 /* the assembler's default rm is dyn */
    FP_EXPECT_S(fa0, 0x3eaaaaaa)
    csrwi frm, 4 /* RMM */
    FP_LOAD_S(fa2, 0x33800000)
    fadd.s fa0, fa1, fa2, dyn
    FP_EXPECT_S(fa0, 0x3f800001)
    csrwi frm, 0
    csrwi fflags, 0

    /* binary64: 1 + 2^-53 is a tie. */
    TEST_FP2_D(60, fadd.d, rne, ONE_D, FLAG_NX, ONE_D, 0x3ca0000000000000)
    TEST_FP2_D(61, fadd.d, rtz, ONE_D, FLAG_NX, ONE_D, 0x3ca0000000000000)
    TEST_FP2_D(62, fadd.d, rdn, ONE_D, FLAG_NX, ONE_D, 0x3ca0000000000000)
    TEST_FP2_D(63, fadd.d, rup, 0x3ff0000000000001, FLAG_NX, ONE_D, 0x3ca0000000000000)
    TEST_FP2_D(64, fadd.d, rmm, 0x3ff0000000000001, FLAG_NX, ONE_D, 0x3ca0000000000000)
    TEST_FP2_D(65, fsub.d, rdn, 0x8000000000000000, 0, ONE_D, ONE_D)
    TEST_FP2_D(66, fsub.d, rne, 0x7ff8000000000000, FLAG_NV, 0xfff0000000000000, 0xfff0000000000000)
    /* 1/3 in binary64: the discarded part is 1/3 ulp. */
    TEST_FP2_D(70, fdiv.d, rne, 0x3fd5555555555555, FLAG_NX, ONE_D, 0x4008000000000000)
    TEST_FP2_D(71, fdiv.d, rtz, 0x3fd5555555555555, FLAG_NX, ONE_D, 0x4008000000000000)
    TEST_FP2_D(72, fdiv.d, rdn, 0x3fd5555555555555, FLAG_NX, ONE_D, 0x4008000000000000)
    TEST_FP2_D(73, fdiv.d, rup, 0x3fd5555555555556, FLAG_NX, ONE_D, 0x4008000000000000)
    TEST_FP2_D(74, fdiv.d, rmm, 0x3fd5555555555555, FLAG_NX, ONE_D, 0x4008000000000000)
    TEST_FP2_D(75, fdiv.d, rdn, 0xbfd5555555555556, FLAG_NX, 0xbff0000000000000, 0x4008000000000000)
    TEST_FP2_D(76, fdiv.d, rne, 0xfff0000000000000, FLAG_DZ, 0xbff0000000000000, 0)
    /* Overflow and underflow. (1 + 2^-52) 2^-1022 * 0.5 is a tie between two subnormals
     * (2^51 and 2^51 + 1 units of 2^-1074), tiny at any precision: UF and NX. */
    TEST_FP2_D(80, fmul.d, rne, 0x7ff0000000000000, FLAG_OF | FLAG_NX, 0x7fefffffffffffff, 0x4000000000000000)
    TEST_FP2_D(81, fmul.d, rtz, 0x7fefffffffffffff, FLAG_OF | FLAG_NX, 0x7fefffffffffffff, 0x4000000000000000)
    TEST_FP2_D(82, fmul.d, rup, 0xffefffffffffffff, FLAG_OF | FLAG_NX, 0xffefffffffffffff, 0x4000000000000000)
    TEST_FP2_D(83, fmul.d, rne, 0x0008000000000000, FLAG_NX | FLAG_UF, 0x0010000000000001, 0x3fe0000000000000)
    TEST_FP2_D(84, fmul.d, rmm, 0x0008000000000001, FLAG_NX | FLAG_UF, 0x0010000000000001, 0x3fe0000000000000)
    TEST_FP2_D(85, fmul.d, rne, 0x0008000000000000, 0, 0x0010000000000000, 0x3fe0000000000000)
    /* sqrt(2): the binary64 0x3ff6a09e667f3bcd (1.4142135623730951...) is above it. */
    TEST_FP1_D(90, fsqrt.d, rne, 0x3ff6a09e667f3bcd, FLAG_NX, 0x4000000000000000)
    TEST_FP1_D(91, fsqrt.d, rtz, 0x3ff6a09e667f3bcc, FLAG_NX, 0x4000000000000000)
    TEST_FP1_D(92, fsqrt.d, rdn, 0x3ff6a09e667f3bcc, FLAG_NX, 0x4000000000000000)
    TEST_FP1_D(93, fsqrt.d, rup, 0x3ff6a09e667f3bcd, FLAG_NX, 0x4000000000000000)
    TEST_FP1_D(94, fsqrt.d, rmm, 0x3ff6a09e667f3bcd, FLAG_NX, 0x4000000000000000)
    TEST_FP1_D(95, fsqrt.d, rne, 0x7ff8000000000000, FLAG_NV, 0xfff0000000000000)
    /* A NaN-boxed single read as a double is just a NaN: fadd.d gives the canonical NaN. */
    ISA_CASE(96)
    FP_LOAD_S(fa1, ONE_S)
    fadd.d fa0, fa1, fa1
    FP_EXPECT_D(fa0, 0x7ff8000000000000)
    FP_EXPECT_FLAGS(0)

    /* Reserved rounding modes 5 and 6 are illegal, and so is rm = dyn with frm >= 5. */
    ISA_CASE(100)
    ISA_TRAPS_RECORDED
    .word 0x00c5d553 /* fadd.s fa0, fa1, fa2 with rm = 5 */
    ISA_TRAPS_UNEXPECTED
    ISA_EXPECT(s10, 2)
    ISA_CASE(101)
    ISA_TRAPS_RECORDED
    .word 0x02c5e553 /* fadd.d fa0, fa1, fa2 with rm = 6 */
    ISA_TRAPS_UNEXPECTED
    ISA_EXPECT(s10, 2)
    ISA_CASE(102)
    csrwi frm, 5
    ISA_TRAPS_RECORDED
    fadd.s fa0, fa1, fa2, dyn
    ISA_TRAPS_UNEXPECTED
    ISA_EXPECT(s10, 2)
    csrwi frm, 7
    ISA_TRAPS_RECORDED
    fsqrt.d fa0, fa1, dyn
    ISA_TRAPS_UNEXPECTED
    ISA_EXPECT(s10, 2)
    /* ... but instructions without a rounding mode still run. */
    fsgnj.s fa0, fa1, fa1
    csrwi frm, 0
ISA_END
FP_DATA
