/* Helpers of the F/D ISA tests (on top of isa_test.h). Values are raw IEEE-754 encodings.
 * FP_ENABLE sets mstatus.FS to Initial. Register use as in isa_test.h, plus: fa1..fa3 operands,
 * fa0 the result, t5 the address of fp_scratch (16 bytes, provided by FP_DATA), s7 fflags.
 * Single results are compared on their low 32 bits (fmv.x.w sign-extends them on RV64, so the
 * expected value is sign-extended with SEXT32); double results on all 64 bits (through memory on
 * RV32, which has no fmv.x.d). Every case clears fflags first and checks it after. */
#ifndef NODEVP_TESTS_ISA_FP_TEST_H
#define NODEVP_TESTS_ISA_FP_TEST_H

#include "tests/isa/isa_test.h"

#define MSTATUS_FS_INITIAL (1 << 13)
#define MSTATUS_FS (3 << 13)
#define FLAG_NX 1
#define FLAG_UF 2
#define FLAG_OF 4
#define FLAG_DZ 8
#define FLAG_NV 16

#define SEXT32(v) ((((v) & 0xffffffff) ^ 0x80000000) - 0x80000000)
#define LO32(v) SEXT32((v) & 0xffffffff)
#define HI32(v) SEXT32(((v) >> 32) & 0xffffffff)

#define FP_ENABLE               \
    li t0, MSTATUS_FS_INITIAL;  \
    csrs mstatus, t0;           \
    csrwi fflags, 0;            \
    csrwi frm, 0

#define FP_DATA             \
    .data;                  \
    .balign 16;             \
    fp_scratch: .space 16;  \
    .text

#define FP_LOAD_S(freg, bits) \
    li t0, SEXT32(bits);      \
    fmv.w.x freg, t0

#if __riscv_xlen == 64
#define FP_LOAD_D(freg, bits) \
    li t0, bits;              \
    fmv.d.x freg, t0
#define FP_EXPECT_D(freg, bits) \
    fmv.x.d a0, freg;           \
    ISA_EXPECT(a0, bits)
#else
#define FP_LOAD_D(freg, bits)  \
    la t5, fp_scratch;         \
    li t0, LO32(bits);         \
    sw t0, 0(t5);              \
    li t0, HI32(bits);         \
    sw t0, 4(t5);              \
    fld freg, 0(t5)
#define FP_EXPECT_D(freg, bits) \
    la t5, fp_scratch;          \
    fsd freg, 0(t5);            \
    lw a0, 0(t5);               \
    ISA_EXPECT(a0, LO32(bits)); \
    lw a0, 4(t5);               \
    ISA_EXPECT(a0, HI32(bits))
#endif

#define FP_EXPECT_S(freg, bits) \
    fmv.x.w a0, freg;           \
    ISA_EXPECT(a0, SEXT32(bits))

/* Reads and clears fflags, then compares. */
#define FP_EXPECT_FLAGS(flags) \
    csrrw s7, fflags, zero;    \
    ISA_EXPECT(s7, flags)

/* fa0 = op(fa1, fa2) with rounding mode rm (rne, rtz, rdn, rup, rmm, dyn). */
#define TEST_FP2_S(n, op, rm, expected, flags, a, b) \
    ISA_CASE(n);                                     \
    FP_LOAD_S(fa1, a);                               \
    FP_LOAD_S(fa2, b);                               \
    csrwi fflags, 0;                                 \
    op fa0, fa1, fa2, rm;                            \
    FP_EXPECT_S(fa0, expected);                      \
    FP_EXPECT_FLAGS(flags)
#define TEST_FP2_D(n, op, rm, expected, flags, a, b) \
    ISA_CASE(n);                                     \
    FP_LOAD_D(fa1, a);                               \
    FP_LOAD_D(fa2, b);                               \
    csrwi fflags, 0;                                 \
    op fa0, fa1, fa2, rm;                            \
    FP_EXPECT_D(fa0, expected);                      \
    FP_EXPECT_FLAGS(flags)
/* Same without a rounding-mode operand (fmin, fmax, fsgnj*). */
#define TEST_FP2N_S(n, op, expected, flags, a, b) \
    ISA_CASE(n);                                  \
    FP_LOAD_S(fa1, a);                            \
    FP_LOAD_S(fa2, b);                            \
    csrwi fflags, 0;                              \
    op fa0, fa1, fa2;                             \
    FP_EXPECT_S(fa0, expected);                   \
    FP_EXPECT_FLAGS(flags)
#define TEST_FP2N_D(n, op, expected, flags, a, b) \
    ISA_CASE(n);                                  \
    FP_LOAD_D(fa1, a);                            \
    FP_LOAD_D(fa2, b);                            \
    csrwi fflags, 0;                              \
    op fa0, fa1, fa2;                             \
    FP_EXPECT_D(fa0, expected);                   \
    FP_EXPECT_FLAGS(flags)
/* fa0 = op(fa1) (fsqrt). */
#define TEST_FP1_S(n, op, rm, expected, flags, a) \
    ISA_CASE(n);                                  \
    FP_LOAD_S(fa1, a);                            \
    csrwi fflags, 0;                              \
    op fa0, fa1, rm;                              \
    FP_EXPECT_S(fa0, expected);                   \
    FP_EXPECT_FLAGS(flags)
#define TEST_FP1_D(n, op, rm, expected, flags, a) \
    ISA_CASE(n);                                  \
    FP_LOAD_D(fa1, a);                            \
    csrwi fflags, 0;                              \
    op fa0, fa1, rm;                              \
    FP_EXPECT_D(fa0, expected);                   \
    FP_EXPECT_FLAGS(flags)
/* fa0 = op(fa1, fa2, fa3) (the fused multiply-adds). */
#define TEST_FP3_S(n, op, rm, expected, flags, a, b, c) \
    ISA_CASE(n);                                        \
    FP_LOAD_S(fa1, a);                                  \
    FP_LOAD_S(fa2, b);                                  \
    FP_LOAD_S(fa3, c);                                  \
    csrwi fflags, 0;                                    \
    op fa0, fa1, fa2, fa3, rm;                          \
    FP_EXPECT_S(fa0, expected);                         \
    FP_EXPECT_FLAGS(flags)
#define TEST_FP3_D(n, op, rm, expected, flags, a, b, c) \
    ISA_CASE(n);                                        \
    FP_LOAD_D(fa1, a);                                  \
    FP_LOAD_D(fa2, b);                                  \
    FP_LOAD_D(fa3, c);                                  \
    csrwi fflags, 0;                                    \
    op fa0, fa1, fa2, fa3, rm;                          \
    FP_EXPECT_D(fa0, expected);                         \
    FP_EXPECT_FLAGS(flags)
/* a0 = op(fa1, fa2) (feq, flt, fle). */
#define TEST_FCMP_S(n, op, expected, flags, a, b) \
    ISA_CASE(n);                                  \
    FP_LOAD_S(fa1, a);                            \
    FP_LOAD_S(fa2, b);                            \
    csrwi fflags, 0;                              \
    op a0, fa1, fa2;                              \
    ISA_EXPECT(a0, expected);                     \
    FP_EXPECT_FLAGS(flags)
#define TEST_FCMP_D(n, op, expected, flags, a, b) \
    ISA_CASE(n);                                  \
    FP_LOAD_D(fa1, a);                            \
    FP_LOAD_D(fa2, b);                            \
    csrwi fflags, 0;                              \
    op a0, fa1, fa2;                              \
    ISA_EXPECT(a0, expected);                     \
    FP_EXPECT_FLAGS(flags)
/* a0 = fcvt.<int>.<fmt>(fa1) with rm; expected is the full x register. */
#define TEST_FCVT_TO_INT_S(n, op, rm, expected, flags, a) \
    ISA_CASE(n);                                          \
    FP_LOAD_S(fa1, a);                                    \
    csrwi fflags, 0;                                      \
    op a0, fa1, rm;                                       \
    ISA_EXPECT(a0, expected);                             \
    FP_EXPECT_FLAGS(flags)
#define TEST_FCVT_TO_INT_D(n, op, rm, expected, flags, a) \
    ISA_CASE(n);                                          \
    FP_LOAD_D(fa1, a);                                    \
    csrwi fflags, 0;                                      \
    op a0, fa1, rm;                                       \
    ISA_EXPECT(a0, expected);                             \
    FP_EXPECT_FLAGS(flags)
/* fa0 = fcvt.<fmt>.<int>(a1) with rm. */
#define TEST_FCVT_FROM_INT_S(n, op, rm, expected, flags, v) \
    ISA_CASE(n);                                            \
    li a1, v;                                               \
    csrwi fflags, 0;                                        \
    op fa0, a1, rm;                                         \
    FP_EXPECT_S(fa0, expected);                             \
    FP_EXPECT_FLAGS(flags)
#define TEST_FCVT_FROM_INT_D(n, op, rm, expected, flags, v) \
    ISA_CASE(n);                                            \
    li a1, v;                                               \
    csrwi fflags, 0;                                        \
    op fa0, a1, rm;                                         \
    FP_EXPECT_D(fa0, expected);                             \
    FP_EXPECT_FLAGS(flags)

/* Exact conversions (fcvt.d.w, fcvt.d.wu, fcvt.d.s) take no rounding-mode operand. */
#define TEST_FCVT_FROM_INT_D_EXACT(n, op, expected, v) \
    ISA_CASE(n);                                       \
    li a1, v;                                          \
    csrwi fflags, 0;                                   \
    op fa0, a1;                                        \
    FP_EXPECT_D(fa0, expected);                        \
    FP_EXPECT_FLAGS(0)
#define TEST_FP1N_D(n, op, expected, flags, a) \
    ISA_CASE(n);                               \
    FP_LOAD_S(fa1, a);                         \
    csrwi fflags, 0;                           \
    op fa0, fa1;                               \
    FP_EXPECT_D(fa0, expected);                \
    FP_EXPECT_FLAGS(flags)

/* fa0 = fcvt.s.d(fa1) with rm: a binary64 operand, a binary32 result. */
#define TEST_FCVT_S_D(n, rm, expected, flags, a) \
    ISA_CASE(n);                                 \
    FP_LOAD_D(fa1, a);                           \
    csrwi fflags, 0;                             \
    fcvt.s.d fa0, fa1, rm;                       \
    FP_EXPECT_S(fa0, expected);                  \
    FP_EXPECT_FLAGS(flags)

#endif /* NODEVP_TESTS_ISA_FP_TEST_H */
