/* Compressed FP loads and stores: c.fld, c.fsd, c.fldsp, c.fsdsp (RV32 and RV64) and c.flw,
 * c.fsw, c.flwsp, c.fswsp (RV32 only; those slots are c.ld/c.sd/c.ldsp/c.sdsp on RV64).
 * c.fldsp/c.flwsp may load f0. Goldens: the stored patterns themselves, read back through
 * integer loads; confirmed on qemu-system-riscv{32,64} -M spike (tests/isa/run_qemu.sh). */
#include "tests/isa/fp_test.h"

ISA_BEGIN
    FP_ENABLE
    .option rvc
    la sp, fp_rvc_area + 64
    la s0, fp_rvc_area

    ISA_CASE(1) /* c.fsd / c.fld with 3-bit registers and a scaled offset */
    FP_LOAD_D(fa1, 0x0123456789abcdef)
    c.fsd fa1, 24(s0)
    c.fld fa2, 24(s0)
    FP_EXPECT_D(fa2, 0x0123456789abcdef)
    lw a0, 24(s0)
    ISA_EXPECT(a0, SEXT32(0x89abcdef))
    lw a0, 28(s0)
    ISA_EXPECT(a0, 0x01234567)

    ISA_CASE(2) /* c.fsdsp / c.fldsp, into f0 */
    FP_LOAD_D(fa3, 0xc00921fb54442d18)
    c.fsdsp fa3, 16(sp)
    c.fldsp f0, 16(sp)
    FP_EXPECT_D(f0, 0xc00921fb54442d18)
    c.fldsp ft1, 16(sp)
    FP_EXPECT_D(ft1, 0xc00921fb54442d18)
    lw a0, 84(s0)
    ISA_EXPECT(a0, SEXT32(0xc00921fb))

    ISA_CASE(3) /* the largest offsets: 248(rs1') and 504(sp) */
    FP_LOAD_D(fs1, 0x3ff0000000000001)
    c.fsd fs1, 248(s0)
    c.fld fa5, 248(s0)
    FP_EXPECT_D(fa5, 0x3ff0000000000001)
    c.fsdsp fs1, 504(sp)
    c.fldsp fa4, 504(sp)
    FP_EXPECT_D(fa4, 0x3ff0000000000001)
    lw a0, 568(s0)
    ISA_EXPECT(a0, 1)

#if __riscv_xlen == 32
    ISA_CASE(4) /* c.fsw / c.flw: the loaded single is NaN-boxed */
    FP_LOAD_S(fa1, 0x40490fdb)
    c.fsw fa1, 124(s0)
    c.flw fa2, 124(s0)
    FP_EXPECT_D(fa2, 0xffffffff40490fdb)
    lw a0, 124(s0)
    ISA_EXPECT(a0, 0x40490fdb)

    ISA_CASE(5) /* c.fswsp / c.flwsp, into f0 */
    FP_LOAD_S(fa3, 0xbf800000)
    c.fswsp fa3, 252(sp)
    c.flwsp f0, 252(sp)
    FP_EXPECT_D(f0, 0xffffffffbf800000)
    lw a0, 316(s0)
    ISA_EXPECT(a0, SEXT32(0xbf800000))
#endif
ISA_END
FP_DATA
    .data
    .balign 16
fp_rvc_area:
    .space 1024
