/* Sv39 (RV64): translation with 4 KiB pages, 2 MiB and 1 GiB superpages; misaligned superpages,
 * invalid and reserved PTEs, non-canonical addresses; U/S permissions, SUM, MXR; A/D updates
 * written back to the PTE; page-fault causes (12/13/15) and tval; SFENCE.VMA making a remapped
 * data page and a remapped code page visible; TVM; MPRV; an access fault (5) when the walk reads
 * unmapped memory or memory PMP denies to S mode, and (5/7, virtual tval) when a translated
 * access reaches nothing.
 *
 * M mode builds the tables (below), maps all memory to S/U with PMP entry 15 and runs short
 * blocks in S (IN_S ... END_S, inline, on the identity-mapped 1 GiB page of the program) or U
 * (RUN_U, at VA 0x40008000). Traps go to vm_trap (M): an ecall from S/U returns to M after the
 * block; any other trap records mcause/mepc/mtval in s10/s9/s8 and resumes at s7 (then cleared)
 * in the trapping mode; a trap with s7 = 0 fails the case. Results are checked in M.
 * Built with -DNODEVP_QEMU_XCHECK it also passes on qemu-system-riscv64 7.2 -M spike (case 19,
 * where QEMU raises a page fault instead of the spec's access fault, is left out).
 *
 * Virtual map (root table `root`, PTE flags: V R W X U A D):
 *   0x0080000000 1 GiB -> 0x80000000, RWX A D          the program, data, tables (S only)
 *   0x00c0000000 1 GiB -> 0x80000000, R A              read-only alias
 *   0x0100000000 1 GiB -> 0x80200000, R A              misaligned gigapage
 *   0x0040000000 l0[0] -> page_a, R W (A = D = 0)      A/D updates
 *                l0[1] -> page_b, R W U A D            user page
 *                l0[2] -> page_a, R A                  read-only
 *                l0[3] -> page_a, X A                  execute-only (MXR)
 *                l0[4]    invalid
 *                l0[5] -> page_a, W A D                reserved (W without R)
 *                l0[6] -> code_page1 (later code_page2), R X A
 *                l0[7] -> page_a (later page_c), R A
 *                l0[8] -> ucode_page, R X U A
 *   0x0040200000 2 MiB -> 0x80400000, R W A D
 *   0x0040400000 2 MiB -> 0x80401000, R W A D          misaligned megapage
 *   0x0040600000 2 MiB -> 0x40000000, R W A D          nothing there (access fault) */
#include "tests/isa/vm_test.h"

#define VA_L0 0x40000000
#define VA_PAGE_AD (VA_L0 + 0x0000)
#define VA_USER (VA_L0 + 0x1000)
#define VA_RO (VA_L0 + 0x2000)
#define VA_XO (VA_L0 + 0x3000)
#define VA_INVALID (VA_L0 + 0x4000)
#define VA_WONLY (VA_L0 + 0x5000)
#define VA_CODE (VA_L0 + 0x6000)
#define VA_REMAP (VA_L0 + 0x7000)
#define VA_UCODE (VA_L0 + 0x8000)
#define VA_MEGA 0x40200000
#define VA_MEGA_BAD 0x40400000
#define VA_HOLE 0x40600000
#define PA_HOLE 0x40000000
#define VA_GIGA_RO 0xc0000000
#define VA_GIGA_BAD 0x100000000
#define PA_MEGA 0x80400000

/* Runs the U code at VA_UCODE (ld a0, 0(a1); ecall) with a1 = va. */
#define RUN_U(va)             \
    li a1, va;                \
    li s7, VA_UCODE + 4;      \
    la s6, 7f;                \
    li t0, MSTATUS_MPP;       \
    csrc mstatus, t0;         \
    li t0, VA_UCODE;          \
    csrw mepc, t0;            \
    mret;                     \
    7:

ISA_BEGIN
    la t0, vm_trap
    csrw mtvec, t0
    li s7, 0
    la s0, root
    la s1, l1
    la s2, l0
    li t0, 0x80000000
    MKPTE(t1, t0, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
    sd t1, 2 * 8(s0)
    MKPTE(t1, s1, PTE_V)
    sd t1, 1 * 8(s0)
    MKPTE(t1, t0, PTE_V | PTE_R | PTE_A)
    sd t1, 3 * 8(s0)
    li t0, 0x80200000
    MKPTE(t1, t0, PTE_V | PTE_R | PTE_A)
    sd t1, 4 * 8(s0)
    MKPTE(t1, s2, PTE_V)
    sd t1, 0 * 8(s1)
    li t0, PA_MEGA
    MKPTE(t1, t0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
    sd t1, 1 * 8(s1)
    li t0, PA_MEGA + 0x1000
    MKPTE(t1, t0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
    sd t1, 2 * 8(s1)
    li t0, PA_HOLE
    MKPTE(t1, t0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
    sd t1, 3 * 8(s1)
    la t0, page_a
    MKPTE(t1, t0, PTE_V | PTE_R | PTE_W)
    sd t1, 0 * 8(s2)
    la t0, page_b
    MKPTE(t1, t0, PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D)
    sd t1, 1 * 8(s2)
    la t0, page_a
    MKPTE(t1, t0, PTE_V | PTE_R | PTE_A)
    sd t1, 2 * 8(s2)
    MKPTE(t1, t0, PTE_V | PTE_X | PTE_A)
    sd t1, 3 * 8(s2)
    MKPTE(t1, t0, PTE_V | PTE_W | PTE_A | PTE_D)
    sd t1, 5 * 8(s2)
    la t0, code_page1
    MKPTE(t1, t0, PTE_V | PTE_R | PTE_X | PTE_A)
    sd t1, 6 * 8(s2)
    la t0, page_a
    MKPTE(t1, t0, PTE_V | PTE_R | PTE_A)
    sd t1, 7 * 8(s2)
    la t0, ucode_page
    MKPTE(t1, t0, PTE_V | PTE_R | PTE_X | PTE_U | PTE_A)
    sd t1, 8 * 8(s2)
    la t0, page_a
    li t1, 0x1111
    sd t1, 0(t0)
    la t0, page_b
    li t1, 0x2222
    sd t1, 0(t0)
    la t0, page_c
    li t1, 0x3333
    sd t1, 0(t0)
    /* PMP entry 15: everything, RWX (S and U have no access without a matching entry). */
    li t0, -1
    csrw pmpaddr15, t0
    li t0, 0x1f << 56
    csrw pmpcfg2, t0
    srli t0, s0, 12
    li t1, 8 << 60
    or t0, t0, t1
    csrw satp, t0
    sfence.vma

    ISA_CASE(1) /* a load translates, sets A and leaves D clear */
    IN_S
    S_LOAD(VA_PAGE_AD)
    END_S
    EXPECT_NO_FAULT
    ISA_EXPECT(a0, 0x1111)
    ld t0, 0 * 8(s2)
    andi t1, t0, PTE_A
    ISA_EXPECT(t1, PTE_A)
    andi t1, t0, PTE_D
    ISA_EXPECT(t1, 0)

    ISA_CASE(2) /* a store reaches page_a and sets D */
    IN_S
    S_STORE(VA_PAGE_AD, 0x5555)
    END_S
    EXPECT_NO_FAULT
    la t0, page_a
    ld a0, 0(t0)
    ISA_EXPECT(a0, 0x5555)
    ld t0, 0 * 8(s2)
    andi t1, t0, PTE_D
    ISA_EXPECT(t1, PTE_D)

    ISA_CASE(3) /* 2 MiB page: VA_MEGA + 0x1238 is PA_MEGA + 0x1238 */
    IN_S
    S_STORE(VA_MEGA + 0x1238, 0x77)
    END_S
    EXPECT_NO_FAULT
    li t0, PA_MEGA + 0x1238
    ld a0, 0(t0)
    ISA_EXPECT(a0, 0x77)

    ISA_CASE(4) /* 1 GiB page: VA_GIGA_RO aliases 0x80000000 */
    la t2, page_b
    li t0, 0x80000000
    sub t2, t2, t0
    li t0, VA_GIGA_RO
    add t2, t2, t0
    IN_S
    li s10, -1
    la s7, 1f
    ld a0, 0(t2)
1:
    END_S
    EXPECT_NO_FAULT
    ISA_EXPECT(a0, 0x2222)

    ISA_CASE(5) /* misaligned superpages fault */
    IN_S
    S_LOAD(VA_MEGA_BAD + 8)
    mv s5, s10
    mv s4, s8
    S_LOAD(VA_GIGA_BAD)
    END_S
    ISA_EXPECT(s5, CAUSE_LOAD_PAGE)
    ISA_EXPECT(s4, VA_MEGA_BAD + 8)
    EXPECT_FAULT(CAUSE_LOAD_PAGE, VA_GIGA_BAD)

    ISA_CASE(6) /* invalid PTE: load and store page faults */
    IN_S
    S_LOAD(VA_INVALID + 8)
    mv s5, s10
    mv s4, s8
    S_STORE(VA_INVALID + 16, 1)
    END_S
    ISA_EXPECT(s5, CAUSE_LOAD_PAGE)
    ISA_EXPECT(s4, VA_INVALID + 8)
    EXPECT_FAULT(CAUSE_STORE_PAGE, VA_INVALID + 16)

    ISA_CASE(7) /* W without R is reserved: faults even for stores */
    IN_S
    S_LOAD(VA_WONLY)
    mv s5, s10
    S_STORE(VA_WONLY, 1)
    END_S
    ISA_EXPECT(s5, CAUSE_LOAD_PAGE)
    EXPECT_FAULT(CAUSE_STORE_PAGE, VA_WONLY)

    ISA_CASE(8) /* read-only page: store and AMO fault (15), load works */
    IN_S
    S_STORE(VA_RO + 8, 1)
    mv s5, s10
    mv s4, s8
    li s10, -1
    li a1, VA_RO
    la s7, 1f
    amoadd.d a0, zero, (a1)
1:
    mv s3, s10
    S_LOAD(VA_RO)
    END_S
    ISA_EXPECT(s5, CAUSE_STORE_PAGE)
    ISA_EXPECT(s4, VA_RO + 8)
    ISA_EXPECT(s3, CAUSE_STORE_PAGE)
    EXPECT_NO_FAULT
    ISA_EXPECT(a0, 0x5555)

    ISA_CASE(9) /* S reads a U page only with SUM (also right after a load from the page below) */
    IN_S
    S_LOAD(VA_PAGE_AD + 0xff8)
    mv s3, s10
    S_LOAD(VA_USER)
    mv s5, s10
    li t0, MSTATUS_SUM
    csrs sstatus, t0
    S_LOAD(VA_USER)
    li t0, MSTATUS_SUM
    csrc sstatus, t0
    END_S
    ISA_EXPECT(s3, -1)
    ISA_EXPECT(s5, CAUSE_LOAD_PAGE)
    EXPECT_NO_FAULT
    ISA_EXPECT(a0, 0x2222)

    ISA_CASE(10) /* an execute-only page is readable only with MXR */
    IN_S
    S_LOAD(VA_XO)
    mv s5, s10
    li t0, MSTATUS_MXR
    csrs sstatus, t0
    S_LOAD(VA_XO)
    li t0, MSTATUS_MXR
    csrc sstatus, t0
    END_S
    ISA_EXPECT(s5, CAUSE_LOAD_PAGE)
    EXPECT_NO_FAULT
    ISA_EXPECT(a0, 0x5555)

    ISA_CASE(11) /* U reads its page; not an S page */
    li s10, -1
    li a0, -1
    RUN_U(VA_USER)
    EXPECT_NO_FAULT
    ISA_EXPECT(a0, 0x2222)
    li s10, -1
    RUN_U(VA_RO)
    EXPECT_FAULT(CAUSE_LOAD_PAGE, VA_RO)

    ISA_CASE(12) /* S cannot execute a U page */
    IN_S
    li s10, -1
    li t0, VA_UCODE
    la s7, 1f
    jalr ra, t0
1:
    END_S
    EXPECT_FAULT(CAUSE_FETCH_PAGE, VA_UCODE)

    ISA_CASE(13) /* U cannot execute an S page (resumes at the U code's ecall) */
    li s10, -1
    li s7, VA_UCODE + 4
    la s6, 1f
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, VA_CODE
    csrw mepc, t0
    mret
1:
    EXPECT_FAULT(CAUSE_FETCH_PAGE, VA_CODE)

    ISA_CASE(14) /* non-canonical Sv39 address: bit 39 set, bit 38 clear */
    IN_S
    S_LOAD(0x8000000000)
    END_S
    EXPECT_FAULT(CAUSE_LOAD_PAGE, 0x8000000000)

    ISA_CASE(15) /* a remapped code page runs its new code after SFENCE.VMA */
    la t2, code_page2
    MKPTE(t2, t2, PTE_V | PTE_R | PTE_X | PTE_A)
    IN_S
    li s10, -1
    li t0, VA_CODE
    jalr ra, t0
    mv s5, a0
    sd t2, 6 * 8(s2)
    sfence.vma
    li t0, VA_CODE
    jalr ra, t0
    END_S
    EXPECT_NO_FAULT
    ISA_EXPECT(s5, 1)
    ISA_EXPECT(a0, 2)

    ISA_CASE(16) /* a remapped data page is read after SFENCE.VMA */
    la t2, page_c
    MKPTE(t2, t2, PTE_V | PTE_R | PTE_A)
    IN_S
    S_LOAD(VA_REMAP)
    mv s5, a0
    sd t2, 7 * 8(s2)
    sfence.vma
    S_LOAD(VA_REMAP)
    END_S
    ISA_EXPECT(s5, 0x5555)
    EXPECT_NO_FAULT
    ISA_EXPECT(a0, 0x3333)

    ISA_CASE(17) /* TVM: satp and SFENCE.VMA are illegal in S */
    li t0, MSTATUS_TVM
    csrs mstatus, t0
    IN_S
    li s10, -1
    la s7, 1f
    csrr a0, satp
1:
    mv s5, s10
    li s10, -1
    la s7, 1f
    sfence.vma
1:
    END_S
    li t0, MSTATUS_TVM
    csrc mstatus, t0
    ISA_EXPECT(s5, CAUSE_ILLEGAL)
    ISA_EXPECT(s10, CAUSE_ILLEGAL)

    ISA_CASE(18) /* MPRV with MPP = S translates M's loads; without it the VA is physical */
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, MPP_S | MSTATUS_MPRV
    csrs mstatus, t0
    li a1, VA_REMAP
    li s10, -1
    ld a0, 0(a1)
    li t0, MSTATUS_MPRV
    csrc mstatus, t0
    EXPECT_NO_FAULT
    ISA_EXPECT(a0, 0x3333)
    S_LOAD(VA_REMAP)
    EXPECT_FAULT(CAUSE_LOAD_ACCESS, VA_REMAP)

#ifndef NODEVP_QEMU_XCHECK /* QEMU 7.2 raises a page fault for a PTE read that fails */
    ISA_CASE(19) /* the walk reading unmapped memory is an access fault of the load */
    csrr s3, satp
    li t0, 8 << 60 | (0x40000000 >> 12)
    csrw satp, t0
    sfence.vma
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, MPP_S | MSTATUS_MPRV
    csrs mstatus, t0
    S_LOAD(VA_REMAP)
    li t0, MSTATUS_MPRV
    csrc mstatus, t0
    csrw satp, s3
    sfence.vma
    EXPECT_FAULT(CAUSE_LOAD_ACCESS, VA_REMAP)
#endif

    ISA_CASE(20) /* PMP denies S the root table: the walk's read is an access fault */
    srli t0, s0, 2
    ori t0, t0, 0x1ff /* NAPOT, 4 KiB */
    csrw pmpaddr0, t0
    li t0, 0x18 /* NAPOT, no permission */
    csrw pmpcfg0, t0
    sfence.vma
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, MPP_S | MSTATUS_MPRV
    csrs mstatus, t0
    S_LOAD(VA_REMAP)
    li t0, MSTATUS_MPRV
    csrc mstatus, t0
    csrw pmpcfg0, zero
    sfence.vma
    EXPECT_FAULT(CAUSE_LOAD_ACCESS, VA_REMAP)

    ISA_CASE(21) /* a translated access to nothing: access faults with the virtual address */
    IN_S
    S_LOAD(VA_HOLE + 0x10)
    mv s5, s10
    mv s4, s8
    S_STORE(VA_HOLE + 0x18, 1)
    END_S
    ISA_EXPECT(s5, CAUSE_LOAD_ACCESS)
    ISA_EXPECT(s4, VA_HOLE + 0x10)
    EXPECT_FAULT(7, VA_HOLE + 0x18)
ISA_END

    VM_TRAP_HANDLER

    .balign 4096
code_page1:
    li a0, 1
    ret
    .balign 4096
code_page2:
    li a0, 2
    ret
    .balign 4096
ucode_page:
    ld a0, 0(a1)
    ecall
    .balign 4096

    .data
    .balign 4096
root: .zero 4096
l1: .zero 4096
l0: .zero 4096
page_a: .zero 4096
page_b: .zero 4096
page_c: .zero 4096
