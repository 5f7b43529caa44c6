/* Self-checking ISA test environment (nodevp's own). One test program = ISA_BEGIN, numbered
 * cases, ISA_END. Hart 0 runs the cases; other harts park in WFI. Register use: gp holds the
 * current case number, a0 the result, a1/a2 the operands, t6 the expected value; a case may
 * clobber every register except gp, sp and tp.
 * Result through HTIF: tohost = 1 on pass, (case << 1) | 1 on the first failing case. An
 * unexpected trap fails the current case. Values that differ by width use XV(v32, v64).
 * Code is assembled with .option norvc (so every base instruction is tested in its 32-bit form);
 * rvc.S switches compression on explicitly. */
#ifndef NODEVP_TESTS_ISA_TEST_H
#define NODEVP_TESTS_ISA_TEST_H

#include "firmware/lib/asm.h"

#if __riscv_xlen == 64
#define XV(v32, v64) v64
#else
#define XV(v32, v64) v32
#endif

#define ISA_BEGIN                  \
    .section .text.init, "ax";     \
    .option norelax;               \
    .option norvc;                 \
    .globl _start;                 \
    _start:                        \
    csrr t0, mhartid;              \
    bnez t0, isa_park;             \
    la t0, isa_unexpected_trap;    \
    csrw mtvec, t0;                \
    li gp, 0;

#define ISA_END                    \
    isa_pass:                      \
    li a0, 1;                      \
    j isa_report;                  \
    isa_fail:                      \
    slli a0, gp, 1;                \
    ori a0, a0, 1;                 \
    isa_report:                    \
    fence;                         \
    la t0, tohost;                 \
    sw a0, 0(t0);                  \
    sw zero, 4(t0);                \
    1: j 1b;                       \
    .balign 4;                     \
    isa_unexpected_trap:           \
    j isa_fail;                    \
    .balign 4;                     \
    isa_trap_record:               \
    csrr s10, mcause;              \
    csrr s9, mepc;                 \
    csrr s8, mtval;                \
    lhu t0, 0(s9);                 \
    andi t0, t0, 3;                \
    addi t1, s9, 2;                \
    li t2, 3;                      \
    bne t0, t2, 8f;                \
    addi t1, s9, 4;                \
    8: csrw mepc, t1;              \
    mret;                          \
    isa_park:                      \
    wfi;                           \
    j isa_park;                    \
    .section .tohost, "aw", @progbits; \
    .balign 64;                    \
    .globl tohost;                 \
    .type tohost, @object;         \
    .size tohost, 8;               \
    tohost: .dword 0;              \
    .balign 64;                    \
    .globl fromhost;               \
    .type fromhost, @object;       \
    .size fromhost, 8;             \
    fromhost: .dword 0;            \
    .text

#define ISA_CASE(n) li gp, n

/* Between ISA_TRAPS_RECORDED and ISA_TRAPS_UNEXPECTED, a trap records mcause in s10, mepc in
 * s9 and mtval in s8, and execution resumes after the trapping instruction. */
#define ISA_TRAPS_RECORDED       \
    la t0, isa_trap_record;      \
    csrw mtvec, t0;              \
    li s10, -1;                  \
    li s9, -1;                   \
    li s8, -1
#define ISA_TRAPS_UNEXPECTED     \
    la t0, isa_unexpected_trap;  \
    csrw mtvec, t0

/* Fails the current case unless reg == expected. */
#define ISA_EXPECT(reg, expected) \
    li t6, expected;              \
    beq reg, t6, 9f;              \
    j isa_fail;                   \
    9:

/* Fails the current case if reg == 0. */
#define ISA_EXPECT_NONZERO(reg) \
    bnez reg, 9f;               \
    j isa_fail;                 \
    9:

/* Fails the current case unless reg == other (both registers). */
#define ISA_EXPECT_REG(reg, other) \
    beq reg, other, 9f;            \
    j isa_fail;                    \
    9:

/* rd = insn(rs1, rs2) with rd, rs1, rs2 distinct; also checks the operands survive. */
#define TEST_RR(n, insn, expected, v1, v2) \
    ISA_CASE(n);                           \
    li a1, v1;                             \
    li a2, v2;                             \
    insn a0, a1, a2;                       \
    ISA_EXPECT(a0, expected);              \
    ISA_EXPECT(a1, v1);                    \
    ISA_EXPECT(a2, v2)

/* rd = rs1 = rs2: the sources are read before the destination is written. */
#define TEST_RR_SAME(n, insn, expected, v) \
    ISA_CASE(n);                           \
    li a1, v;                              \
    insn a1, a1, a1;                       \
    ISA_EXPECT(a1, expected)

/* rd = insn(rs1, imm). */
#define TEST_RI(n, insn, expected, v1, imm) \
    ISA_CASE(n);                            \
    li a1, v1;                              \
    insn a0, a1, imm;                       \
    ISA_EXPECT(a0, expected);               \
    ISA_EXPECT(a1, v1)

/* A write to x0 is discarded. */
#define TEST_RR_X0(n, insn, v1, v2) \
    ISA_CASE(n);                    \
    li a1, v1;                      \
    li a2, v2;                      \
    insn x0, a1, a2;                \
    mv a0, x0;                      \
    ISA_EXPECT(a0, 0)

/* Forward branch that must be taken, then a backward one. */
#define TEST_BR_TAKEN(n, insn, v1, v2) \
    ISA_CASE(n);                       \
    li a1, v1;                         \
    li a2, v2;                         \
    insn a1, a2, 1f;                   \
    j isa_fail;                        \
    2: j 3f;                           \
    1: insn a1, a2, 2b;                \
    j isa_fail;                        \
    3:

#define TEST_BR_NOT_TAKEN(n, insn, v1, v2) \
    ISA_CASE(n);                           \
    li a1, v1;                             \
    li a2, v2;                             \
    insn a1, a2, 1f;                       \
    j 2f;                                  \
    1: j isa_fail;                         \
    2:

#endif /* NODEVP_TESTS_ISA_TEST_H */
