/* Zicsr: csrrw csrrs csrrc csrrwi csrrsi csrrci on mscratch; rs1 = x0 / uimm = 0 forms do not
 * write (so they work on read-only CSRs); writing a read-only CSR is an illegal instruction;
 * misa reports the width and IMAC; the counters advance. The time CSR is in time.S (QEMU's
 * spike machine, the reference for this file, has none). */
#include "tests/isa/isa_test.h"

#define MISA_IMAC ((1 << ('I' - 'A')) | (1 << ('M' - 'A')) | (1 << ('A' - 'A')) | (1 << ('C' - 'A')))

ISA_BEGIN
    ISA_CASE(1)
    li a1, 0x1234
    csrw mscratch, a1
    li a2, 0x5678
    csrrw a0, mscratch, a2
    ISA_EXPECT(a0, 0x1234)
    csrr a0, mscratch
    ISA_EXPECT(a0, 0x5678)

    ISA_CASE(2)
    li a2, 0x0f0f
    csrw mscratch, a2
    li a1, 0x00f0
    csrrs a0, mscratch, a1
    ISA_EXPECT(a0, 0x0f0f)
    csrr a0, mscratch
    ISA_EXPECT(a0, 0x0fff)

    ISA_CASE(3)
    li a1, 0x0ff0
    csrrc a0, mscratch, a1
    ISA_EXPECT(a0, 0x0fff)
    csrr a0, mscratch
    ISA_EXPECT(a0, 0x000f)

    ISA_CASE(4)
    csrrwi a0, mscratch, 31
    ISA_EXPECT(a0, 0x000f)
    csrrsi a0, mscratch, 0x0
    ISA_EXPECT(a0, 31)
    csrrci a0, mscratch, 0x11
    ISA_EXPECT(a0, 31)
    csrrsi a0, mscratch, 0x40 & 0x1f
    csrr a0, mscratch
    ISA_EXPECT(a0, 0x0e)
    csrrsi a0, mscratch, 1
    csrr a0, mscratch
    ISA_EXPECT(a0, 0x0f)

    ISA_CASE(5) /* all XLEN bits of mscratch are writable */
    li a1, -1
    csrw mscratch, a1
    csrr a0, mscratch
    ISA_EXPECT(a0, -1)
    csrrw x0, mscratch, zero
    csrr a0, mscratch
    ISA_EXPECT(a0, 0)

    ISA_CASE(6) /* rd = rs1: old value read before the write */
    li a1, 9
    csrw mscratch, a1
    li a1, 3
    csrrw a1, mscratch, a1
    ISA_EXPECT(a1, 9)
    csrr a0, mscratch
    ISA_EXPECT(a0, 3)

    ISA_CASE(7) /* reading read-only CSRs with rs1 = x0 / uimm = 0 does not trap */
    csrr a0, mhartid
    ISA_EXPECT(a0, 0)
    csrrs a0, mhartid, x0
    csrrci a0, mhartid, 0
    ISA_EXPECT(a0, 0)

    ISA_CASE(8)
    csrr a0, misa
#if __riscv_xlen == 64
    srli a1, a0, 62
#else
    srli a1, a0, 30
#endif
    ISA_EXPECT(a1, XV(1, 2))
    li a2, MISA_IMAC
    and a0, a0, a2
    ISA_EXPECT_REG(a0, a2)

    ISA_CASE(9) /* writing a read-only CSR: illegal instruction, CSR unchanged */
    ISA_TRAPS_RECORDED
1:  csrw mhartid, a2
    ISA_TRAPS_UNEXPECTED
    ISA_EXPECT(s10, 2)
    la a0, 1b
    ISA_EXPECT_REG(s9, a0)
    csrr a0, mhartid
    ISA_EXPECT(a0, 0)

    ISA_CASE(10) /* counters advance */
    csrr a1, mcycle
    csrr a2, minstret
    rdcycle a3
    rdinstret a4
    nop
    nop
    csrr a0, minstret
    bgeu a2, a0, isa_fail
    rdinstret a0
    bgeu a4, a0, isa_fail
    rdcycle a0
    bltu a0, a3, isa_fail

ISA_END
