/* Shared by the virtual-memory ISA tests (vm.S: Sv39, vm32.S: Sv32). M mode builds the page
 * tables and runs short blocks in S mode (IN_S ... END_S, inline). Traps go to vm_trap (M,
 * VM_TRAP_HANDLER): an ecall from S/U returns to M after the block (s6); any other trap records
 * mcause/mepc/mtval in s10/s9/s8 and resumes at s7 (then cleared) in the trapping mode; a trap
 * with s7 = 0 fails the case. */
#ifndef NODEVP_TESTS_ISA_VM_TEST_H
#define NODEVP_TESTS_ISA_VM_TEST_H

#include "tests/isa/isa_test.h"

#define PTE_V 0x01
#define PTE_R 0x02
#define PTE_W 0x04
#define PTE_X 0x08
#define PTE_U 0x10
#define PTE_A 0x40
#define PTE_D 0x80
#define MSTATUS_MPP (3 << 11)
#define MPP_S (1 << 11)
#define MPP_U 0
#define MSTATUS_MPRV (1 << 17)
#define MSTATUS_SUM (1 << 18)
#define MSTATUS_MXR (1 << 19)
#define MSTATUS_TVM (1 << 20)
#define CAUSE_ILLEGAL 2
#define CAUSE_LOAD_ACCESS 5
#define CAUSE_FETCH_PAGE 12
#define CAUSE_LOAD_PAGE 13
#define CAUSE_STORE_PAGE 15

/* dst = leaf or pointer PTE for the physical address in pa. */
#define MKPTE(dst, pa, flags) \
    srli dst, pa, 12;         \
    slli dst, dst, 10;        \
    ori dst, dst, flags

/* Runs the code up to END_S in S mode; END_S returns to M. */
#define IN_S                  \
    la s6, 7f;                \
    li t0, MSTATUS_MPP;       \
    csrc mstatus, t0;         \
    li t0, MPP_S;             \
    csrs mstatus, t0;         \
    la t0, 6f;                \
    csrw mepc, t0;            \
    mret;                     \
    6:
#define END_S \
    ecall;    \
    7:

/* In S mode: a0 = load(va), or s10/s8 = the fault's cause and tval. */
#define S_LOAD(va)  \
    li s10, -1;     \
    li s8, -1;      \
    li a0, -1;      \
    li a1, va;      \
    la s7, 5f;      \
    REG_L a0, 0(a1);\
    5:
#define S_STORE(va, value) \
    li s10, -1;            \
    li s8, -1;             \
    li a1, va;             \
    li a2, value;          \
    la s7, 5f;             \
    REG_S a2, 0(a1);       \
    5:

/* Fails unless the last recorded trap had this cause and tval. */
#define EXPECT_FAULT(cause, tval) \
    ISA_EXPECT(s10, cause);       \
    ISA_EXPECT(s8, tval)
#define EXPECT_NO_FAULT ISA_EXPECT(s10, -1)

#define VM_TRAP_HANDLER \
    .balign 4; \
    vm_trap: \
    csrr t0, mcause; \
    li t1, 8; \
    beq t0, t1, 1f; \
    li t1, 9; \
    beq t0, t1, 1f; \
    beqz s7, 2f; \
    mv s10, t0; \
    csrr s9, mepc; \
    csrr s8, mtval; \
    csrw mepc, s7; \
    li s7, 0; \
    mret; \
    1: li t0, MSTATUS_MPP; \
    csrs mstatus, t0; \
    csrw mepc, s6; \
    mret; \
    2: li t0, MSTATUS_MPRV; \
    csrc mstatus, t0; \
    j isa_fail;

#endif /* NODEVP_TESTS_ISA_VM_TEST_H */
