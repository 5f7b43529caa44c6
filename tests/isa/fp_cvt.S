/* Conversions: fcvt between every integer type (w, wu, and l, lu on RV64) and binary32/binary64
 * in the rounding modes, with the saturation rules (NaN -> largest positive, out of range ->
 * the nearest bound, NV instead of NX), and fcvt.s.d / fcvt.d.s. 32-bit integer results are
 * sign-extended on RV64, also for the unsigned conversions; conversions from w/wu read only the
 * low 32 bits of the source. Goldens: hand-computed (noted per group) and confirmed on
 * qemu-system-riscv{32,64} -M spike (tests/isa/run_qemu.sh). */
#include "tests/isa/fp_test.h"

#define QNAN_S 0x7fc00000
#define SNAN_S 0x7f800001
#define QNAN_D 0x7ff8000000000000

ISA_BEGIN
    FP_ENABLE

    /* 2.5 and -2.5 to int32 in each mode (2.5 is a tie between 2 and 3). */
    TEST_FCVT_TO_INT_S(1, fcvt.w.s, rne, 2, FLAG_NX, 0x40200000)
    TEST_FCVT_TO_INT_S(2, fcvt.w.s, rtz, 2, FLAG_NX, 0x40200000)
    TEST_FCVT_TO_INT_S(3, fcvt.w.s, rdn, 2, FLAG_NX, 0x40200000)
    TEST_FCVT_TO_INT_S(4, fcvt.w.s, rup, 3, FLAG_NX, 0x40200000)
    TEST_FCVT_TO_INT_S(5, fcvt.w.s, rmm, 3, FLAG_NX, 0x40200000)
    TEST_FCVT_TO_INT_S(6, fcvt.w.s, rne, -2, FLAG_NX, 0xc0200000)
    TEST_FCVT_TO_INT_S(7, fcvt.w.s, rtz, -2, FLAG_NX, 0xc0200000)
    TEST_FCVT_TO_INT_S(8, fcvt.w.s, rdn, -3, FLAG_NX, 0xc0200000)
    TEST_FCVT_TO_INT_S(9, fcvt.w.s, rup, -2, FLAG_NX, 0xc0200000)
    TEST_FCVT_TO_INT_S(10, fcvt.w.s, rmm, -3, FLAG_NX, 0xc0200000)
    TEST_FCVT_TO_INT_S(11, fcvt.w.s, rne, 1, 0, 0x3f800000)
    TEST_FCVT_TO_INT_S(12, fcvt.w.s, rne, 0, FLAG_NX, 0x3f000000) /* 0.5 to even */
    TEST_FCVT_TO_INT_S(13, fcvt.w.s, rmm, 1, FLAG_NX, 0x3f000000)
    /* Saturation: NaN and +inf -> INT32_MAX, -inf -> INT32_MIN, 2^31 overflows, -2^31 fits. */
    TEST_FCVT_TO_INT_S(14, fcvt.w.s, rne, 0x7fffffff, FLAG_NV, QNAN_S)
    TEST_FCVT_TO_INT_S(15, fcvt.w.s, rne, 0x7fffffff, FLAG_NV, SNAN_S)
    TEST_FCVT_TO_INT_S(16, fcvt.w.s, rne, 0x7fffffff, FLAG_NV, 0x7f800000)
    TEST_FCVT_TO_INT_S(17, fcvt.w.s, rne, SEXT32(0x80000000), FLAG_NV, 0xff800000)
    TEST_FCVT_TO_INT_S(18, fcvt.w.s, rne, 0x7fffffff, FLAG_NV, 0x4f000000)
    TEST_FCVT_TO_INT_S(19, fcvt.w.s, rne, SEXT32(0x80000000), 0, 0xcf000000)
    /* Unsigned: -0.5 is 0 (NX) in RTZ but -1 (invalid, 0) in RDN; 3e9 fits (and is
     * sign-extended on RV64); 2^32 and NaN saturate to all ones, -inf to 0. */
    TEST_FCVT_TO_INT_S(20, fcvt.wu.s, rtz, 0, FLAG_NX, 0xbf000000)
    TEST_FCVT_TO_INT_S(21, fcvt.wu.s, rdn, 0, FLAG_NV, 0xbf000000)
    TEST_FCVT_TO_INT_S(22, fcvt.wu.s, rne, SEXT32(0xb2d05e00), 0, 0x4f32d05e)
    TEST_FCVT_TO_INT_S(23, fcvt.w.s, rne, 0x7fffffff, FLAG_NV, 0x4f32d05e)
    TEST_FCVT_TO_INT_S(24, fcvt.wu.s, rne, SEXT32(0xffffffff), FLAG_NV, 0x4f800000)
    TEST_FCVT_TO_INT_S(25, fcvt.wu.s, rne, SEXT32(0xffffffff), FLAG_NV, QNAN_S)
    TEST_FCVT_TO_INT_S(26, fcvt.wu.s, rne, 0, FLAG_NV, 0xff800000)

    /* binary64 to int32 at the edges: 2^31 - 1 exact; 2^31 - 0.5 rounds to 2^31 (invalid) in
     * RNE but to 2^31 - 1 (inexact) in RTZ; -2^31 - 0.5 is a tie that RNE sends to -2^31 and
     * RDN below the range. */
    TEST_FCVT_TO_INT_D(30, fcvt.w.d, rne, 0x7fffffff, 0, 0x41dfffffffc00000)
    TEST_FCVT_TO_INT_D(31, fcvt.w.d, rne, 0x7fffffff, FLAG_NV, 0x41dfffffffe00000)
    TEST_FCVT_TO_INT_D(32, fcvt.w.d, rtz, 0x7fffffff, FLAG_NX, 0x41dfffffffe00000)
    TEST_FCVT_TO_INT_D(33, fcvt.w.d, rne, SEXT32(0x80000000), FLAG_NX, 0xc1e0000000100000)
    TEST_FCVT_TO_INT_D(34, fcvt.w.d, rdn, SEXT32(0x80000000), FLAG_NV, 0xc1e0000000100000)
    TEST_FCVT_TO_INT_D(35, fcvt.w.d, rne, 0x7fffffff, FLAG_NV, QNAN_D)
    TEST_FCVT_TO_INT_D(36, fcvt.wu.d, rne, SEXT32(0xffffffff), 0, 0x41efffffffe00000)
    TEST_FCVT_TO_INT_D(37, fcvt.wu.d, rne, 0, FLAG_NV, 0xbff0000000000000)
    TEST_FCVT_TO_INT_D(38, fcvt.wu.d, rup, 1, FLAG_NX, 0x3fb999999999999a) /* 0.1 */

    /* int32 to binary32: 2^24 + 1 is a tie between 2^24 and 2^24 + 2. */
    TEST_FCVT_FROM_INT_S(40, fcvt.s.w, rne, 0x4b800000, FLAG_NX, 16777217)
    TEST_FCVT_FROM_INT_S(41, fcvt.s.w, rtz, 0x4b800000, FLAG_NX, 16777217)
    TEST_FCVT_FROM_INT_S(42, fcvt.s.w, rdn, 0x4b800000, FLAG_NX, 16777217)
    TEST_FCVT_FROM_INT_S(43, fcvt.s.w, rup, 0x4b800001, FLAG_NX, 16777217)
    TEST_FCVT_FROM_INT_S(44, fcvt.s.w, rmm, 0x4b800001, FLAG_NX, 16777217)
    TEST_FCVT_FROM_INT_S(45, fcvt.s.w, rdn, 0xcb800001, FLAG_NX, -16777217)
    TEST_FCVT_FROM_INT_S(46, fcvt.s.w, rmm, 0xcb800001, FLAG_NX, -16777217)
    TEST_FCVT_FROM_INT_S(47, fcvt.s.w, rne, 0xcf000000, 0, SEXT32(0x80000000))
    TEST_FCVT_FROM_INT_S(48, fcvt.s.w, rne, 0x00000000, 0, 0) /* +0 */
    /* 2^32 - 1 (the source register's upper half on RV64 is ignored). */
    TEST_FCVT_FROM_INT_S(49, fcvt.s.wu, rne, 0x4f800000, FLAG_NX, -1)
    TEST_FCVT_FROM_INT_S(50, fcvt.s.wu, rtz, 0x4f7fffff, FLAG_NX, -1)
    TEST_FCVT_FROM_INT_D_EXACT(51, fcvt.d.w, 0xbff0000000000000, -1)
    TEST_FCVT_FROM_INT_D_EXACT(52, fcvt.d.wu, 0x41efffffffe00000, -1)
    TEST_FCVT_FROM_INT_D_EXACT(53, fcvt.d.w, 0xc1e0000000000000, SEXT32(0x80000000))

    /* binary32 <-> binary64. 0x3eaaaaab widens exactly; a signalling NaN widens to the
     * canonical NaN with NV, a quiet one without; the smallest subnormal 2^-149 is normal in
     * binary64. */
    TEST_FP1N_D(60, fcvt.d.s, 0x3fd5555560000000, 0, 0x3eaaaaab)
    TEST_FP1N_D(61, fcvt.d.s, QNAN_D, FLAG_NV, SNAN_S)
    TEST_FP1N_D(62, fcvt.d.s, QNAN_D, 0, 0x7fc12345)
    TEST_FP1N_D(63, fcvt.d.s, 0xfff0000000000000, 0, 0xff800000)
    TEST_FP1N_D(64, fcvt.d.s, 0x36a0000000000000, 0, 0x00000001)
    /* 1/3 narrowed; max double overflows; 2^-150 is a tie between 0 and 2^-149 (tiny). */
    TEST_FCVT_S_D(65, rne, 0x3eaaaaab, FLAG_NX, 0x3fd5555555555555)
    TEST_FCVT_S_D(66, rtz, 0x3eaaaaaa, FLAG_NX, 0x3fd5555555555555)
    TEST_FCVT_S_D(67, rne, 0x7f800000, FLAG_OF | FLAG_NX, 0x7fefffffffffffff)
    TEST_FCVT_S_D(68, rtz, 0x7f7fffff, FLAG_OF | FLAG_NX, 0x7fefffffffffffff)
    TEST_FCVT_S_D(69, rne, 0x00000000, FLAG_UF | FLAG_NX, 0x3690000000000000)
    TEST_FCVT_S_D(70, rmm, 0x00000001, FLAG_UF | FLAG_NX, 0x3690000000000000)
    TEST_FCVT_S_D(71, rup, 0x00000001, FLAG_UF | FLAG_NX, 0x3690000000000000)
    TEST_FCVT_S_D(72, rne, QNAN_S, FLAG_NV, 0x7ff0000000000001)
    /* The narrowed result is NaN-boxed. */
    ISA_CASE(73)
    FP_LOAD_D(fa1, 0x3ff0000000000000)
    fcvt.s.d fa0, fa1
    FP_EXPECT_D(fa0, 0xffffffff3f800000)

#if __riscv_xlen == 64
    /* The 64-bit conversions. */
    TEST_FCVT_TO_INT_D(80, fcvt.l.d, rne, 0x7fffffffffffffff, FLAG_NV, 0x43e0000000000000)
    TEST_FCVT_TO_INT_D(81, fcvt.l.d, rne, 0x8000000000000000, 0, 0xc3e0000000000000)
    TEST_FCVT_TO_INT_D(82, fcvt.l.d, rne, 0x7fffffffffffffff, FLAG_NV, QNAN_D)
    TEST_FCVT_TO_INT_D(83, fcvt.l.d, rne, 0x8000000000000000, FLAG_NV, 0xfff0000000000000)
    TEST_FCVT_TO_INT_D(84, fcvt.l.d, rdn, -3, FLAG_NX, 0xc004000000000000)
    TEST_FCVT_TO_INT_D(85, fcvt.lu.d, rne, 0xffffffffffffffff, FLAG_NV, 0x43f0000000000000)
    TEST_FCVT_TO_INT_D(86, fcvt.lu.d, rne, 0xfffffffffffff800, 0, 0x43efffffffffffff)
    TEST_FCVT_TO_INT_D(87, fcvt.lu.d, rtz, 0, FLAG_NX, 0xbfd0000000000000) /* -0.25 */
    TEST_FCVT_TO_INT_D(88, fcvt.lu.d, rdn, 0, FLAG_NV, 0xbfd0000000000000)
    TEST_FCVT_TO_INT_S(89, fcvt.l.s, rmm, -3, FLAG_NX, 0xc0200000)
    TEST_FCVT_TO_INT_S(90, fcvt.lu.s, rne, 0xffffffffffffffff, FLAG_NV, QNAN_S)
    TEST_FCVT_TO_INT_S(91, fcvt.l.s, rne, 0x7fffffffffffffff, FLAG_NV, 0x5f000000) /* 2^63 */
    TEST_FCVT_TO_INT_S(92, fcvt.lu.s, rne, 0x8000000000000000, 0, 0x5f000000)
    /* 2^53 + 1 is a tie in binary64; 2^64 - 1 rounds to 2^64 (or down in RTZ). */
    TEST_FCVT_FROM_INT_D(93, fcvt.d.l, rne, 0x4340000000000000, FLAG_NX, 0x20000000000001)
    TEST_FCVT_FROM_INT_D(94, fcvt.d.l, rmm, 0x4340000000000001, FLAG_NX, 0x20000000000001)
    TEST_FCVT_FROM_INT_D(95, fcvt.d.lu, rne, 0x43f0000000000000, FLAG_NX, -1)
    TEST_FCVT_FROM_INT_D(96, fcvt.d.lu, rtz, 0x43efffffffffffff, FLAG_NX, -1)
    TEST_FCVT_FROM_INT_D(97, fcvt.d.l, rne, 0xc3e0000000000000, 0, 0x8000000000000000)
    TEST_FCVT_FROM_INT_S(98, fcvt.s.l, rne, 0xbf800000, 0, -1)
    TEST_FCVT_FROM_INT_S(99, fcvt.s.lu, rne, 0x5f800000, FLAG_NX, -1)
    /* fcvt.s.w reads only the low 32 bits: 0x1_0000_0005 converts as 5. */
    TEST_FCVT_FROM_INT_S(100, fcvt.s.w, rne, 0x40a00000, 0, 0x100000005)
    TEST_FCVT_FROM_INT_D_EXACT(101, fcvt.d.wu, 0x4014000000000000, 0xffffffff00000005)
#endif
ISA_END
FP_DATA
