/* A hart without F and D (the default "imac"): misa has neither letter, mstatus.FS is
 * hard-wired to Off, and F/D instructions, their compressed forms and fflags/frm/fcsr are
 * illegal instructions. Run on nodevp's default configuration; on QEMU with f and d disabled
 * (tests/isa/run_qemu.sh). Goldens: the ISA manual (misa, mstatus.FS). */
#include "tests/isa/isa_test.h"

ISA_BEGIN
    ISA_CASE(1)
    csrr a0, misa
    andi a0, a0, (1 << 5) | (1 << 3)
    ISA_EXPECT(a0, 0)

    ISA_CASE(2)
    li t0, 3 << 13
    csrs mstatus, t0
    csrr a0, mstatus
    and a0, a0, t0
    ISA_EXPECT(a0, 0)

    ISA_CASE(3)
    la t5, absent_data
    la s0, absent_data
    ISA_TRAPS_RECORDED
    flw fa0, 0(t5)
    ISA_EXPECT(s10, 2)
    li s10, -1
    fadd.d fa0, fa1, fa2
    ISA_EXPECT(s10, 2)
    li s10, -1
    fmv.x.w a0, fa0
    ISA_EXPECT(s10, 2)
    li s10, -1
    csrr a0, fcsr
    ISA_EXPECT(s10, 2)
    li s10, -1
    csrwi fflags, 1
    ISA_EXPECT(s10, 2)
    li s10, -1
    .option push
    .option rvc
    c.fld fa0, 0(s0)
    c.nop /* back to 4-byte alignment: the norvc .balign below cannot pad by 2 */
    .option pop
    ISA_EXPECT(s10, 2)
    ISA_TRAPS_UNEXPECTED
ISA_END
    .data
    .balign 8
absent_data:
    .dword 0
