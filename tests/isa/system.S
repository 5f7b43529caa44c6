/* fence, fence.i (self-modifying code), ecall, ebreak, mret, wfi with a pending enabled
 * interrupt and MIE = 0 (resumes without taking it). */
#include "tests/isa/isa_test.h"

#define MIP_SSIP (1 << 1)
#define MSTATUS_MIE (1 << 3)
#define MSTATUS_MPIE (1 << 7)
#define MSTATUS_MPP (3 << 11)
#define ADDI_A0_ZERO_42 0x02a00513 /* addi a0, zero, 42 */

ISA_BEGIN
    ISA_CASE(1)
    la a1, smc_data
    li a2, 3
    sw a2, 0(a1)
    fence rw, rw
    fence
    fence r, w
    fence.tso
    lw a0, 0(a1)
    ISA_EXPECT(a0, 3)

    ISA_CASE(2) /* patched code runs after fence.i */
    la a1, 1f
    li a2, ADDI_A0_ZERO_42
    sw a2, 0(a1)
    fence.i
    li a0, 0
    .option push
    .option norvc
1:  addi a0, zero, 1
    .option pop
    ISA_EXPECT(a0, 42)

    ISA_CASE(3)
    ISA_TRAPS_RECORDED
1:  ecall
    ISA_TRAPS_UNEXPECTED
    ISA_EXPECT(s10, 11)
    la a0, 1b
    ISA_EXPECT_REG(s9, a0)

    ISA_CASE(4)
    ISA_TRAPS_RECORDED
    .option push
    .option norvc
1:  ebreak
    .option pop
    ISA_TRAPS_UNEXPECTED
    ISA_EXPECT(s10, 3)
    la a0, 1b
    ISA_EXPECT_REG(s9, a0)

    ISA_CASE(5) /* mret jumps to mepc, MIE <- MPIE, MPIE <- 1 */
    csrw mie, zero
    li a1, MSTATUS_MPP | MSTATUS_MPIE
    csrs mstatus, a1
    li a1, MSTATUS_MIE
    csrc mstatus, a1
    la a1, 1f
    csrw mepc, a1
    mret
    j isa_fail
1:  csrr a0, mstatus
    andi a1, a0, MSTATUS_MIE
    ISA_EXPECT(a1, MSTATUS_MIE)
    andi a1, a0, MSTATUS_MPIE
    ISA_EXPECT(a1, MSTATUS_MPIE)
    li a1, MSTATUS_MIE
    csrc mstatus, a1

    ISA_CASE(6) /* wfi returns when an enabled interrupt is pending, even with MIE = 0 */
    li a1, MIP_SSIP
    csrs mie, a1
    csrs mip, a1
    wfi
    csrr a0, mip
    andi a0, a0, MIP_SSIP
    ISA_EXPECT(a0, MIP_SSIP)
    csrc mip, a1
    csrc mie, a1
    csrr a0, mip
    andi a0, a0, MIP_SSIP
    ISA_EXPECT(a0, 0)
ISA_END

    .data
    .balign 8
smc_data:
    .dword 0
