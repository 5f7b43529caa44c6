/* PMP (RV32 and RV64): 16 entries with grain 4 (pmpaddr reads back every written bit, the
 * entries 16..63 read as zero), cfg WARL (bits 6:5 zero, W without R dropped), U mode denied when
 * no entry matches, TOR, NA4 (and a partial match on RV64), NAPOT, the lock applying to M mode
 * and freezing the entry and the address below a TOR entry. Every denied access is in DRAM,
 * a DMI region: the fast path must see the permissions too (case 8 stores through it first).
 *
 * U code (u_load, u_store, u_ld: one access at a1, then ecall; u_load2: a1 and a1 + 4) runs from the program text. Every
 * trap goes to pmp_trap: mcause/mepc/mtval into s10/s9/s8, then back to M at s7 (cleared); a
 * trap with s7 = 0 fails the case. So a U access that works ends with s10 = 8 (the ecall).
 * Built with -DNODEVP_QEMU_XCHECK it also passes on qemu-system-riscv{32,64} 7.2 -M spike (the
 * WARL checks of cases 1 and 2 and the no-active-entry check of case 3, where QEMU departs from
 * the spec or makes other choices, are left out). */
#include "tests/isa/isa_test.h"

#define MSTATUS_MPP (3 << 11)
#define CAUSE_FETCH_ACCESS 1
#define CAUSE_LOAD_ACCESS 5
#define CAUSE_STORE_ACCESS 7
#define CAUSE_ECALL_U 8
#define CFG_R 0x01
#define CFG_W 0x02
#define CFG_X 0x04
#define CFG_TOR 0x08
#define CFG_NA4 0x10
#define CFG_NAPOT 0x18
#define CFG_L 0x80

/* Runs `entry` in U mode with a1 = address; back in M at the end of the macro. */
#define U_RUN(entry, address) \
    li s10, -1;               \
    li s8, -1;                \
    li a0, -1;                \
    la a1, address;           \
    la s7, 7f;                \
    li t0, MSTATUS_MPP;       \
    csrc mstatus, t0;         \
    la t0, entry;             \
    csrw mepc, t0;            \
    mret;                     \
    7:

#define EXPECT_ALLOWED ISA_EXPECT(s10, CAUSE_ECALL_U)
/* Fails unless the last trap had this cause and mtval == address. */
#define EXPECT_DENIED(cause, address) \
    ISA_EXPECT(s10, cause);           \
    la t5, address;                   \
    ISA_EXPECT_REG(s8, t5)

ISA_BEGIN
    la t0, pmp_trap
    csrw mtvec, t0
    li s7, 0
    la t0, buf
    li t1, 0x1234
    sw t1, 8(t0)

    ISA_CASE(1) /* grain 4: every address bit reads back; entries 16..63 are not implemented */
    csrw pmpcfg0, zero
    li t0, -1
    csrw pmpaddr0, t0
    csrr a0, pmpaddr0
#ifndef NODEVP_QEMU_XCHECK /* QEMU 7.2 keeps bits 63:54 and has no pmpaddr16..63 */
    ISA_EXPECT(a0, XV(0xffffffff, 0x3fffffffffffff))
    csrw pmpaddr15, t0
    csrr a0, pmpaddr15
    ISA_EXPECT(a0, XV(0xffffffff, 0x3fffffffffffff))
    csrw 0x3c0, t0 /* pmpaddr16 */
    csrr a0, 0x3c0
    ISA_EXPECT(a0, 0)
#endif
    csrw pmpaddr0, zero
    csrw pmpaddr15, zero

    ISA_CASE(2) /* cfg WARL: bits 6:5 read as zero, W without R is not kept */
    li t0, 0x60 | CFG_TOR | CFG_W
    csrw pmpcfg0, t0
    csrr a0, pmpcfg0
#ifndef NODEVP_QEMU_XCHECK /* QEMU 7.2 stores the byte as written */
    ISA_EXPECT(a0, CFG_TOR)
#endif
    csrw pmpcfg0, zero

    ISA_CASE(3) /* no entry matches: U mode cannot even fetch */
#ifndef NODEVP_QEMU_XCHECK /* QEMU 7.2 allows everything while no entry is active */
    U_RUN(u_load, buf + 8)
    EXPECT_DENIED(CAUSE_FETCH_ACCESS, u_load)
    la t5, u_load
    ISA_EXPECT_REG(s9, t5)
#endif
    li t0, CFG_NA4 /* entry 0 active, matching only 0..3 */
    csrw pmpcfg0, t0
    U_RUN(u_load, buf + 8)
    EXPECT_DENIED(CAUSE_FETCH_ACCESS, u_load)
    csrw pmpcfg0, zero

    ISA_CASE(4) /* entry 15 grants everything */
    li t0, -1
    csrw pmpaddr15, t0
#if __riscv_xlen == 64
    li t0, (CFG_NAPOT | CFG_R | CFG_W | CFG_X) << 56
    csrw pmpcfg2, t0
#else
    li t0, (CFG_NAPOT | CFG_R | CFG_W | CFG_X) << 24
    csrw pmpcfg3, t0
#endif
    U_RUN(u_load, buf + 8)
    EXPECT_ALLOWED
    ISA_EXPECT(a0, 0x1234)

    ISA_CASE(5) /* entry 1: TOR [buf, buf + 0x100) read-only; the lowest entry decides */
    la t0, buf
    srli t0, t0, 2
    csrw pmpaddr0, t0
    la t0, buf + 0x100
    srli t0, t0, 2
    csrw pmpaddr1, t0
    li t0, (CFG_TOR | CFG_R) << 8
    csrw pmpcfg0, t0
    U_RUN(u_load, buf + 8)
    EXPECT_ALLOWED
    ISA_EXPECT(a0, 0x1234)
    U_RUN(u_store, buf + 8)
    EXPECT_DENIED(CAUSE_STORE_ACCESS, buf + 8)
    U_RUN(u_store, buf + 0xfc)
    EXPECT_DENIED(CAUSE_STORE_ACCESS, buf + 0xfc)
    U_RUN(u_store, buf + 0x100)
    EXPECT_ALLOWED
    U_RUN(u_load, buf - 4)
    EXPECT_ALLOWED

    ISA_CASE(6) /* entry 2: NA4 at buf + 0x200, no permission */
    la t0, buf + 0x200
    srli t0, t0, 2
    csrw pmpaddr2, t0
    li t0, CFG_NA4 << 16
    csrs pmpcfg0, t0
    U_RUN(u_load, buf + 0x200)
    EXPECT_DENIED(CAUSE_LOAD_ACCESS, buf + 0x200)
    U_RUN(u_load, buf + 0x204)
    EXPECT_ALLOWED
    U_RUN(u_load, buf + 0x1fc)
    EXPECT_ALLOWED
    U_RUN(u_load2, buf + 0x1fc) /* the second load, one word on, must not ride the first's window */
    EXPECT_DENIED(CAUSE_LOAD_ACCESS, buf + 0x200)
#if __riscv_xlen == 64
    /* NA4 with R: a word inside works, a doubleword matching only half of it fails */
    li t0, CFG_R << 16
    csrs pmpcfg0, t0
    U_RUN(u_load, buf + 0x200)
    EXPECT_ALLOWED
    U_RUN(u_ld, buf + 0x200)
    EXPECT_DENIED(CAUSE_LOAD_ACCESS, buf + 0x200)
#endif

    ISA_CASE(7) /* entry 3: NAPOT 256 bytes at buf + 0x400, execute only */
    la t0, buf + 0x400
    srli t0, t0, 2
    ori t0, t0, 0x1f
    csrw pmpaddr3, t0
    li t0, (CFG_NAPOT | CFG_X) << 24
    csrs pmpcfg0, t0
    U_RUN(u_load, buf + 0x400)
    EXPECT_DENIED(CAUSE_LOAD_ACCESS, buf + 0x400)
    U_RUN(u_load, buf + 0x4fc)
    EXPECT_DENIED(CAUSE_LOAD_ACCESS, buf + 0x4fc)
    U_RUN(u_store, buf + 0x480)
    EXPECT_DENIED(CAUSE_STORE_ACCESS, buf + 0x480)
    U_RUN(u_load, buf + 0x500)
    EXPECT_ALLOWED
    U_RUN(u_load, buf + 0x3fc)
    EXPECT_ALLOWED

    ISA_CASE(8) /* locking entry 1 (TOR, R) binds M too and freezes pmpaddr0/1 and its cfg */
    la a1, buf + 0x10
    li t0, 7
    sw t0, 0(a1) /* M may store (through the fast path) before the lock */
    li t0, CFG_L << 8
    csrs pmpcfg0, t0
    li s10, -1
    la s7, 1f
    sw t0, 0(a1)
1:
    EXPECT_DENIED(CAUSE_STORE_ACCESS, buf + 0x10)
    lw a0, 0(a1)
    ISA_EXPECT(a0, 7)
    csrw pmpaddr0, zero
    csrw pmpaddr1, zero
    csrr a0, pmpaddr0
    la t0, buf
    srli t0, t0, 2
    ISA_EXPECT_REG(a0, t0)
    csrr a0, pmpaddr1
    la t0, buf + 0x100
    srli t0, t0, 2
    ISA_EXPECT_REG(a0, t0)
    li t0, 0xff << 8
    csrc pmpcfg0, t0
    csrr a0, pmpcfg0
    srli a0, a0, 8
    andi a0, a0, 0xff
    ISA_EXPECT(a0, CFG_L | CFG_TOR | CFG_R)
ISA_END

    .balign 4
pmp_trap:
    csrr s10, mcause
    csrr s9, mepc
    csrr s8, mtval
    beqz s7, 1f
    li t0, MSTATUS_MPP
    csrs mstatus, t0
    csrw mepc, s7
    li s7, 0
    mret
1:  j isa_fail

u_load:
    lw a0, 0(a1)
    ecall
u_load2:
    lw a0, 0(a1)
    lw a0, 4(a1)
    ecall
u_store:
    li a2, 0x5a
    sw a2, 0(a1)
    ecall
#if __riscv_xlen == 64
u_ld:
    ld a0, 0(a1)
    ecall
#endif

    .data
    .balign 4096
buf: .zero 4096
