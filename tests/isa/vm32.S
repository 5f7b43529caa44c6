/* Sv32 (RV32): a 4 KiB page with A/D updates written back, a 4 MiB megapage, a misaligned
 * megapage, an invalid PTE, a U page that S reads only with SUM. Harness: vm_test.h.
 *
 * Virtual map (root table `root`):
 *   0x80000000 4 MiB -> 0x80000000, RWX A D       the program, data, tables (S only)
 *   0x40000000 l0[0] -> page_a, R W (A = D = 0)
 *              l0[1] -> page_b, R W U A D
 *              l0[2]    invalid
 *   0x40400000 4 MiB -> 0x80400000, R W A D
 *   0x40800000 4 MiB -> 0x80401000, R W A D        misaligned megapage */
#include "tests/isa/vm_test.h"

#define VA_PAGE_AD 0x40000000
#define VA_USER 0x40001000
#define VA_INVALID 0x40002000
#define VA_MEGA 0x40400000
#define VA_MEGA_BAD 0x40800000
#define PA_MEGA 0x80400000

ISA_BEGIN
    la t0, vm_trap
    csrw mtvec, t0
    li s7, 0
    la s0, root
    la s2, l0
    li t0, 0x80000000
    MKPTE(t1, t0, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
    li t2, 0x200 * 4 /* out of reach of a 12-bit offset */
    add t2, s0, t2
    sw t1, 0(t2)
    MKPTE(t1, s2, PTE_V)
    sw t1, 0x100 * 4(s0)
    li t0, PA_MEGA
    MKPTE(t1, t0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
    sw t1, 0x101 * 4(s0)
    li t0, PA_MEGA + 0x1000
    MKPTE(t1, t0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
    sw t1, 0x102 * 4(s0)
    la t0, page_a
    MKPTE(t1, t0, PTE_V | PTE_R | PTE_W)
    sw t1, 0 * 4(s2)
    la t0, page_b
    MKPTE(t1, t0, PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D)
    sw t1, 1 * 4(s2)
    la t0, page_a
    li t1, 0x1111
    sw t1, 0(t0)
    la t0, page_b
    li t1, 0x2222
    sw t1, 0(t0)
    li t0, -1 /* PMP entry 15: everything, RWX */
    csrw pmpaddr15, t0
    li t0, 0x1f << 24
    csrw pmpcfg3, t0
    srli t0, s0, 12
    li t1, 1 << 31
    or t0, t0, t1
    csrw satp, t0
    sfence.vma

    ISA_CASE(1) /* a load translates, sets A and leaves D clear */
    IN_S
    S_LOAD(VA_PAGE_AD)
    END_S
    EXPECT_NO_FAULT
    ISA_EXPECT(a0, 0x1111)
    lw t0, 0(s2)
    andi t1, t0, PTE_A | PTE_D
    ISA_EXPECT(t1, PTE_A)

    ISA_CASE(2) /* a store reaches page_a and sets D */
    IN_S
    S_STORE(VA_PAGE_AD + 4, 0x5555)
    END_S
    EXPECT_NO_FAULT
    la t0, page_a
    lw a0, 4(t0)
    ISA_EXPECT(a0, 0x5555)
    lw t0, 0(s2)
    andi t1, t0, PTE_D
    ISA_EXPECT(t1, PTE_D)

    ISA_CASE(3) /* 4 MiB page */
    IN_S
    S_STORE(VA_MEGA + 0x1238, 0x77)
    END_S
    EXPECT_NO_FAULT
    li t0, PA_MEGA + 0x1238
    lw a0, 0(t0)
    ISA_EXPECT(a0, 0x77)

    ISA_CASE(4) /* misaligned megapage, invalid PTE */
    IN_S
    S_LOAD(VA_MEGA_BAD + 8)
    mv s5, s10
    mv s4, s8
    S_STORE(VA_INVALID, 1)
    END_S
    ISA_EXPECT(s5, CAUSE_LOAD_PAGE)
    ISA_EXPECT(s4, VA_MEGA_BAD + 8)
    EXPECT_FAULT(CAUSE_STORE_PAGE, VA_INVALID)

    ISA_CASE(5) /* S reads a U page only with SUM */
    IN_S
    S_LOAD(VA_USER)
    mv s5, s10
    li t0, MSTATUS_SUM
    csrs sstatus, t0
    S_LOAD(VA_USER)
    li t0, MSTATUS_SUM
    csrc sstatus, t0
    END_S
    ISA_EXPECT(s5, CAUSE_LOAD_PAGE)
    EXPECT_NO_FAULT
    ISA_EXPECT(a0, 0x2222)
ISA_END

    VM_TRAP_HANDLER

    .data
    .balign 4096
root: .zero 4096
l0: .zero 4096
page_a: .zero 4096
page_b: .zero 4096
