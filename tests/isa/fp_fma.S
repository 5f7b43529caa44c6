/* Fused multiply-add family: fmadd, fmsub, fnmsub, fnmadd in binary32 and binary64, with one
 * rounding (cases whose separately rounded product would give a different answer), rounding
 * modes, signed zeros and the invalid cases. Goldens: hand-computed (noted per group) and
 * confirmed on qemu-system-riscv{32,64} -M spike (tests/isa/run_qemu.sh). */
#include "tests/isa/fp_test.h"

#define ONE_S 0x3f800000
#define MONE_S 0xbf800000
#define ONE_D 0x3ff0000000000000
#define MONE_D 0xbff0000000000000
/* (1 + 2^-23) * (1 - 2^-23) = 1 - 2^-46 exactly; rounded alone it would be 1.0. */
#define A_S 0x3f800001
#define B_S 0x3f7ffffe
/* (1 + 2^-52) * (1 - 2^-52) = 1 - 2^-104. */
#define A_D 0x3ff0000000000001
#define B_D 0x3feffffffffffffe

ISA_BEGIN
    FP_ENABLE

    TEST_FP3_S(1, fmadd.s, rne, 0x40a00000, 0, ONE_S, 0x40000000, 0x40400000) /* 1*2+3 = 5 */
    TEST_FP3_S(2, fmadd.s, rne, 0xa8800000, 0, A_S, B_S, MONE_S)  /* a*b - 1 = -2^-46 */
    TEST_FP3_S(3, fmsub.s, rne, 0xa8800000, 0, A_S, B_S, ONE_S)   /* a*b - 1 */
    TEST_FP3_S(4, fnmsub.s, rne, 0x28800000, 0, A_S, B_S, ONE_S)  /* -(a*b) + 1 = 2^-46 */
    TEST_FP3_S(5, fnmadd.s, rne, 0x28800000, 0, A_S, B_S, MONE_S) /* -(a*b) - (-1) */
    /* 1*1 + 2^-24: the sum is a tie, rounded once per mode. */
    TEST_FP3_S(6, fmadd.s, rne, ONE_S, FLAG_NX, ONE_S, ONE_S, 0x33800000)
    TEST_FP3_S(7, fmadd.s, rtz, ONE_S, FLAG_NX, ONE_S, ONE_S, 0x33800000)
    TEST_FP3_S(8, fmadd.s, rdn, ONE_S, FLAG_NX, ONE_S, ONE_S, 0x33800000)
    TEST_FP3_S(9, fmadd.s, rup, 0x3f800001, FLAG_NX, ONE_S, ONE_S, 0x33800000)
    TEST_FP3_S(10, fmadd.s, rmm, 0x3f800001, FLAG_NX, ONE_S, ONE_S, 0x33800000)
    /* -(1*1) - 2^-24 = -(1 + 2^-24) */
    TEST_FP3_S(11, fnmadd.s, rdn, 0xbf800001, FLAG_NX, ONE_S, ONE_S, 0x33800000)
    TEST_FP3_S(12, fnmadd.s, rup, MONE_S, FLAG_NX, ONE_S, ONE_S, 0x33800000)
    /* inf * 0 + qNaN is invalid on RISC-V; inf * 1 - inf too. */
    TEST_FP3_S(13, fmadd.s, rne, 0x7fc00000, FLAG_NV, 0x7f800000, 0x00000000, 0x7fc00000)
    TEST_FP3_S(14, fmadd.s, rne, 0x7fc00000, FLAG_NV, 0x7f800000, ONE_S, 0xff800000)
    TEST_FP3_S(15, fmadd.s, rne, 0x7fc00000, 0, 0x7fc00000, ONE_S, ONE_S)
    /* Signed zeros: 0*1 + -0 is +0 (RNE) or -0 (RDN); -(0*1) - 0 is -0. */
    TEST_FP3_S(16, fmadd.s, rne, 0x00000000, 0, 0x00000000, ONE_S, 0x80000000)
    TEST_FP3_S(17, fmadd.s, rdn, 0x80000000, 0, 0x00000000, ONE_S, 0x80000000)
    TEST_FP3_S(18, fnmadd.s, rne, 0x80000000, 0, 0x00000000, ONE_S, 0x00000000)
    /* Product overflow absorbed by nothing: max * 2 + 1 overflows. */
    TEST_FP3_S(19, fmadd.s, rne, 0x7f800000, FLAG_OF | FLAG_NX, 0x7f7fffff, 0x40000000, ONE_S)

    TEST_FP3_D(30, fmadd.d, rne, 0xb970000000000000, 0, A_D, B_D, MONE_D) /* -2^-104 */
    TEST_FP3_D(31, fmsub.d, rne, 0xb970000000000000, 0, A_D, B_D, ONE_D)
    TEST_FP3_D(32, fnmsub.d, rne, 0x3970000000000000, 0, A_D, B_D, ONE_D)
    TEST_FP3_D(33, fnmadd.d, rne, 0x3970000000000000, 0, A_D, B_D, MONE_D)
    /* 1*1 + 2^-53, a tie. */
    TEST_FP3_D(34, fmadd.d, rne, ONE_D, FLAG_NX, ONE_D, ONE_D, 0x3ca0000000000000)
    TEST_FP3_D(35, fmadd.d, rup, 0x3ff0000000000001, FLAG_NX, ONE_D, ONE_D, 0x3ca0000000000000)
    TEST_FP3_D(36, fmadd.d, rmm, 0x3ff0000000000001, FLAG_NX, ONE_D, ONE_D, 0x3ca0000000000000)
    TEST_FP3_D(37, fmadd.d, rtz, ONE_D, FLAG_NX, ONE_D, ONE_D, 0x3ca0000000000000)
    /* A product far below the addend (2^-600 squared) only makes the sum inexact. */
    TEST_FP3_D(38, fmadd.d, rne, ONE_D, FLAG_NX, 0x1a70000000000000, 0x1a70000000000000, ONE_D)
    TEST_FP3_D(39, fmadd.d, rup, 0x3ff0000000000001, FLAG_NX, 0x1a70000000000000, 0x1a70000000000000, ONE_D)
    TEST_FP3_D(40, fnmsub.d, rtz, 0x3fefffffffffffff, FLAG_NX, 0x1a70000000000000, 0x1a70000000000000, ONE_D)
    TEST_FP3_D(41, fmadd.d, rne, 0x7ff8000000000000, FLAG_NV, 0x0000000000000000, 0xfff0000000000000, 0x7ff8000000000000)
    TEST_FP3_D(42, fnmsub.d, rdn, 0x8000000000000000, 0, 0x0000000000000000, ONE_D, 0x0000000000000000)
ISA_END
FP_DATA
