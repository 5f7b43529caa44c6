/* Machine CSRs that OpenSBI and U-Boot probe: mconfigptr, menvcfg/senvcfg (FIOM only; menvcfgh on
 * RV32), mcountinhibit (TM read-only zero; CY and IR freeze mcycle and minstret), hpm counters and
 * events (read as zero), no Sstc (stimecmp is illegal), the odd pmpcfg CSRs of RV64 (illegal),
 * satp WARL (Sv39 on RV64 / Sv32 on RV32 accepted, other modes leave satp unchanged, ASIDLEN 0).
 * Expected values from the privileged spec and docs/cpu.md (implementation choices: these WARL
 * results differ on QEMU, which is not a reference for this file). */
#include "tests/isa/isa_test.h"

#define CSR_MCONFIGPTR 0xf15
#define CSR_MENVCFG 0x30a
#define CSR_MENVCFGH 0x31a
#define CSR_SENVCFG 0x10a
#define CSR_MCOUNTINHIBIT 0x320
#define CSR_MHPMCOUNTER3 0xb03
#define CSR_MHPMEVENT3 0x323
#define CSR_STIMECMP 0x14d
#define CSR_PMPCFG1 0x3a1

ISA_BEGIN
    ISA_CASE(1)
    csrr a0, CSR_MCONFIGPTR
    ISA_EXPECT(a0, 0)

    ISA_CASE(2) /* menvcfg/senvcfg keep FIOM only */
    li t0, -1
    csrw CSR_MENVCFG, t0
    csrr a0, CSR_MENVCFG
    ISA_EXPECT(a0, 1)
    csrw CSR_SENVCFG, t0
    csrr a0, CSR_SENVCFG
    ISA_EXPECT(a0, 1)
    csrw CSR_MENVCFG, zero
    csrr a0, CSR_MENVCFG
    ISA_EXPECT(a0, 0)
#if __riscv_xlen == 32
    csrw CSR_MENVCFGH, t0
    csrr a0, CSR_MENVCFGH
    ISA_EXPECT(a0, 0)
#endif

    ISA_CASE(3) /* mcountinhibit: TM is zero; IR and CY freeze the counters */
    li t0, -1
    csrw CSR_MCOUNTINHIBIT, t0
    csrr a0, CSR_MCOUNTINHIBIT
    ISA_EXPECT(a0, 0xfffffffd)
    csrr a1, minstret
    nop
    nop
    nop
    csrr a2, minstret
    ISA_EXPECT_REG(a1, a2)
    csrr a1, mcycle
    nop
    nop
    nop
    csrr a2, mcycle
    ISA_EXPECT_REG(a1, a2)
    csrw CSR_MCOUNTINHIBIT, zero
    csrr a1, minstret
    nop
    nop
    nop
    csrr a2, minstret
    sub a0, a2, a1
    ISA_EXPECT(a0, 4)
    csrr a1, mcycle
    nop
    csrr a2, mcycle
    sub a0, a2, a1
    ISA_EXPECT_NONZERO(a0)

    ISA_CASE(4) /* hpm counters and events read as zero */
    li t0, -1
    csrw CSR_MHPMCOUNTER3, t0
    csrr a0, CSR_MHPMCOUNTER3
    ISA_EXPECT(a0, 0)
    csrw CSR_MHPMEVENT3, t0
    csrr a0, CSR_MHPMEVENT3
    ISA_EXPECT(a0, 0)

    ISA_CASE(5) /* no Sstc: stimecmp is an illegal instruction */
    ISA_TRAPS_RECORDED
    csrr a0, CSR_STIMECMP
    ISA_TRAPS_UNEXPECTED
    ISA_EXPECT(s10, 2)
#if __riscv_xlen == 64
    ISA_TRAPS_RECORDED
    csrr a0, CSR_PMPCFG1
    ISA_TRAPS_UNEXPECTED
    ISA_EXPECT(s10, 2)
#endif

    ISA_CASE(6) /* satp WARL */
    csrw satp, zero
#if __riscv_xlen == 64
    li t0, 9 << 60 | 0x12345 /* Sv48: not supported, the write has no effect */
    csrw satp, t0
    csrr a0, satp
    ISA_EXPECT(a0, 0)
    li t0, 8 << 60 | 0xffff << 44 | 0x12345 /* Sv39 with ASID all ones: ASIDLEN is 0 */
    csrw satp, t0
    csrr a0, satp
    ISA_EXPECT(a0, 8 << 60 | 0x12345)
#else
    li t0, 1 << 31 | 0x1ff << 22 | 0x12345 /* Sv32 with ASID all ones */
    csrw satp, t0
    csrr a0, satp
    ISA_EXPECT(a0, 1 << 31 | 0x12345)
#endif
    csrw satp, zero
    csrr a0, satp
    ISA_EXPECT(a0, 0)
ISA_END
