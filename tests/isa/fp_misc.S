/* F and D non-arithmetic instructions and state: fmin/fmax (-0 < +0, one NaN returns the other,
 * sNaN sets NV), fsgnj*, fclass, feq/flt/fle (quiet vs signalling), fmv, flw/fsw/fld/fsd, NaN
 * boxing, the fflags/frm/fcsr fields, misa, and mstatus.FS (Off makes F/D illegal, writes make
 * it Dirty, SD follows). Goldens: the ISA manual's rules, applied by hand per case, confirmed on
 * qemu-system-riscv{32,64} -M spike (tests/isa/run_qemu.sh). */
#include "tests/isa/fp_test.h"

#define ONE_S 0x3f800000
#define TWO_S 0x40000000
#define QNAN_S 0x7fc00000
#define SNAN_S 0x7f800001
#define ONE_D 0x3ff0000000000000
#define TWO_D 0x4000000000000000
#define QNAN_D 0x7ff8000000000000
#define SNAN_D 0x7ff0000000000001
#define UNBOXED 0x000000003f800000 /* 1.0f without the NaN box: reads as the canonical NaN */
#define SD_SHIFT XV(31, 63)

ISA_BEGIN
    FP_ENABLE

    TEST_FP2N_S(1, fmin.s, ONE_S, 0, ONE_S, TWO_S)
    TEST_FP2N_S(2, fmax.s, TWO_S, 0, ONE_S, TWO_S)
    TEST_FP2N_S(3, fmin.s, 0x80000000, 0, 0x00000000, 0x80000000)
    TEST_FP2N_S(4, fmin.s, 0x80000000, 0, 0x80000000, 0x00000000)
    TEST_FP2N_S(5, fmax.s, 0x00000000, 0, 0x80000000, 0x00000000)
    TEST_FP2N_S(6, fmax.s, 0x00000000, 0, 0x00000000, 0x80000000)
    TEST_FP2N_S(7, fmin.s, ONE_S, 0, QNAN_S, ONE_S)
    TEST_FP2N_S(8, fmin.s, ONE_S, 0, ONE_S, 0x7fc12345)
    TEST_FP2N_S(9, fmax.s, ONE_S, FLAG_NV, SNAN_S, ONE_S)
    TEST_FP2N_S(10, fmin.s, QNAN_S, 0, 0x7fc12345, QNAN_S)
    TEST_FP2N_S(11, fmax.s, QNAN_S, FLAG_NV, SNAN_S, 0x7fc12345)
    TEST_FP2N_S(12, fmin.s, 0xff800000, 0, 0xff800000, ONE_S)
    TEST_FP2N_D(13, fmin.d, 0x8000000000000000, 0, 0x0000000000000000, 0x8000000000000000)
    TEST_FP2N_D(14, fmax.d, 0x0000000000000000, 0, 0x8000000000000000, 0x0000000000000000)
    TEST_FP2N_D(15, fmax.d, TWO_D, FLAG_NV, SNAN_D, TWO_D)
    TEST_FP2N_D(16, fmin.d, QNAN_D, FLAG_NV, QNAN_D, SNAN_D)
    TEST_FP2N_D(17, fmin.d, 0xbff0000000000000, 0, ONE_D, 0xbff0000000000000)
    /* An improperly boxed single is the canonical NaN: fmin returns the other operand. */
    ISA_CASE(18)
    FP_LOAD_D(fa1, UNBOXED)
    FP_LOAD_S(fa2, TWO_S)
    fmin.s fa0, fa1, fa2
    FP_EXPECT_S(fa0, TWO_S)
    FP_EXPECT_FLAGS(0)

    /* Sign injection copies bits: no canonicalisation, no flags. */
    TEST_FP2N_S(20, fsgnj.s, 0xbf800000, 0, ONE_S, 0xc0000000)
    TEST_FP2N_S(21, fsgnjn.s, ONE_S, 0, ONE_S, 0xc0000000)
    TEST_FP2N_S(22, fsgnjx.s, ONE_S, 0, 0xbf800000, 0xc0000000)
    TEST_FP2N_S(23, fsgnjn.s, 0xffc12345, 0, 0x7fc12345, 0x7fc12345)
    TEST_FP2N_S(24, fsgnjx.s, SNAN_S | 0x80000000, 0, SNAN_S, 0xbf800000)
    TEST_FP2N_D(25, fsgnj.d, 0xbff0000000000000, 0, ONE_D, 0x8000000000000000)
    TEST_FP2N_D(26, fsgnjn.d, 0x3ff0000000000000, 0, 0xbff0000000000000, 0x8000000000000000)
    TEST_FP2N_D(27, fsgnjx.d, 0xfff0000000000001, 0, 0x7ff0000000000001, 0x8000000000000000)
    ISA_CASE(28) /* unboxed input: the canonical NaN with the sign of rs2 */
    FP_LOAD_D(fa1, UNBOXED)
    FP_LOAD_S(fa2, 0xbf800000)
    fsgnj.s fa0, fa1, fa2
    FP_EXPECT_D(fa0, 0xffffffffffc00000)

    /* fclass: one bit per class. */
#define TEST_FCLASS_S(n, expected, v) \
    ISA_CASE(n);                      \
    FP_LOAD_S(fa1, v);                \
    fclass.s a0, fa1;                 \
    ISA_EXPECT(a0, expected)
#define TEST_FCLASS_D(n, expected, v) \
    ISA_CASE(n);                      \
    FP_LOAD_D(fa1, v);                \
    fclass.d a0, fa1;                 \
    ISA_EXPECT(a0, expected)
    TEST_FCLASS_S(30, 1 << 0, 0xff800000)
    TEST_FCLASS_S(31, 1 << 1, 0xbf800000)
    TEST_FCLASS_S(32, 1 << 2, 0x807fffff)
    TEST_FCLASS_S(33, 1 << 3, 0x80000000)
    TEST_FCLASS_S(34, 1 << 4, 0x00000000)
    TEST_FCLASS_S(35, 1 << 5, 0x00000001)
    TEST_FCLASS_S(36, 1 << 6, 0x7f7fffff)
    TEST_FCLASS_S(37, 1 << 7, 0x7f800000)
    TEST_FCLASS_S(38, 1 << 8, SNAN_S)
    TEST_FCLASS_S(39, 1 << 9, QNAN_S)
    TEST_FCLASS_D(40, 1 << 0, 0xfff0000000000000)
    TEST_FCLASS_D(41, 1 << 2, 0x800fffffffffffff)
    TEST_FCLASS_D(42, 1 << 5, 0x0000000000000001)
    TEST_FCLASS_D(43, 1 << 6, 0x0010000000000000)
    TEST_FCLASS_D(44, 1 << 8, SNAN_D)
    TEST_FCLASS_D(45, 1 << 9, QNAN_D)
    TEST_FCLASS_D(46, 1 << 9, 0xffffffff7f800001) /* a boxed single is a quiet NaN as double */
    ISA_CASE(47)
    FP_LOAD_D(fa1, UNBOXED)
    fclass.s a0, fa1
    ISA_EXPECT(a0, 1 << 9)

    /* Comparisons: feq is quiet (NV only for sNaN); flt/fle signal on any NaN. */
    TEST_FCMP_S(50, feq.s, 1, 0, ONE_S, ONE_S)
    TEST_FCMP_S(51, feq.s, 1, 0, 0x00000000, 0x80000000)
    TEST_FCMP_S(52, feq.s, 0, 0, QNAN_S, ONE_S)
    TEST_FCMP_S(53, feq.s, 0, FLAG_NV, SNAN_S, ONE_S)
    TEST_FCMP_S(54, flt.s, 0, FLAG_NV, QNAN_S, ONE_S)
    TEST_FCMP_S(55, fle.s, 0, FLAG_NV, ONE_S, QNAN_S)
    TEST_FCMP_S(56, flt.s, 0, 0, 0x80000000, 0x00000000)
    TEST_FCMP_S(57, fle.s, 1, 0, 0x80000000, 0x00000000)
    TEST_FCMP_S(58, flt.s, 1, 0, 0xff800000, 0xff7fffff)
    TEST_FCMP_S(59, fle.s, 0, 0, TWO_S, ONE_S)
    TEST_FCMP_S(60, flt.s, 1, 0, 0xc0000000, 0xbf800000)
    TEST_FCMP_D(61, feq.d, 0, 0, QNAN_D, QNAN_D)
    TEST_FCMP_D(62, feq.d, 0, FLAG_NV, QNAN_D, SNAN_D)
    TEST_FCMP_D(63, flt.d, 1, 0, ONE_D, TWO_D)
    TEST_FCMP_D(64, fle.d, 0, FLAG_NV, QNAN_D, TWO_D)
    TEST_FCMP_D(65, fle.d, 1, 0, 0x8000000000000000, 0x0000000000000000)

    /* Moves and NaN boxing: fmv.w.x and flw box; fmv.x.w and fsw take the low 32 bits as they
     * are (sign-extended into x on RV64), even from an unboxed register. */
    ISA_CASE(70)
    FP_LOAD_S(fa1, 0xbf800000)
    FP_EXPECT_D(fa1, 0xffffffffbf800000)
    fmv.x.w a0, fa1
    ISA_EXPECT(a0, SEXT32(0xbf800000))
    ISA_CASE(71)
    FP_LOAD_D(fa1, 0x123456789abcdef0)
    fmv.x.w a0, fa1
    ISA_EXPECT(a0, SEXT32(0x9abcdef0))
    la t5, fp_scratch
    fsw fa1, 8(t5)
    lw a0, 8(t5)
    ISA_EXPECT(a0, SEXT32(0x9abcdef0))
    ISA_CASE(72)
    la t5, fp_scratch
    li t0, SEXT32(0x40490fdb)
    sw t0, 8(t5)
    flw fa2, 8(t5)
    FP_EXPECT_D(fa2, 0xffffffff40490fdb)
    ISA_CASE(73)
    FP_LOAD_D(fa1, 0x0123456789abcdef)
    la t5, fp_scratch
    fsd fa1, 8(t5)
    fld fa3, 8(t5)
    FP_EXPECT_D(fa3, 0x0123456789abcdef)
    lw a0, 8(t5)
    ISA_EXPECT(a0, SEXT32(0x89abcdef))
    lw a0, 12(t5)
    ISA_EXPECT(a0, 0x01234567)
    ISA_CASE(74) /* f0 is a real register */
    FP_LOAD_S(f0, TWO_S)
    fadd.s f0, f0, f0
    FP_EXPECT_S(f0, 0x40800000)
    FP_EXPECT_FLAGS(0)
#if __riscv_xlen == 64
    ISA_CASE(75)
    li a1, 0xfedcba9876543210
    fmv.d.x fa1, a1
    fmv.x.d a0, fa1
    ISA_EXPECT_REG(a0, a1)
#endif

    /* fcsr = frm << 5 | fflags; fields are 3 and 5 bits wide; flags accrue. */
    ISA_CASE(80)
    li a1, 0x1ff
    csrw fcsr, a1
    csrr a0, fcsr
    ISA_EXPECT(a0, 0xff)
    csrr a0, frm
    ISA_EXPECT(a0, 7)
    csrr a0, fflags
    ISA_EXPECT(a0, 0x1f)
    csrwi frm, 2
    csrr a0, fcsr
    ISA_EXPECT(a0, 0x5f)
    li a1, 0xff
    csrw fflags, a1
    csrr a0, fflags
    ISA_EXPECT(a0, 0x1f)
    csrw fcsr, zero
    ISA_CASE(81)
    FP_LOAD_S(fa1, ONE_S)
    FP_LOAD_S(fa2, 0x40400000)
    fdiv.s fa0, fa1, fa2
    fsqrt.s fa0, fa2
    FP_LOAD_S(fa2, 0)
    fdiv.s fa0, fa1, fa2
    FP_EXPECT_FLAGS(FLAG_NX | FLAG_DZ)

    /* misa has F and D. */
    ISA_CASE(90)
    csrr a0, misa
    andi a0, a0, (1 << 5) | (1 << 3)
    ISA_EXPECT(a0, (1 << 5) | (1 << 3))

    /* FS = Clean: an f-register write, a flag write or an fcsr write makes it Dirty, and SD
     * (the top bit of mstatus and sstatus) reads 1 exactly when FS is Dirty. */
#define SET_FS_CLEAN            \
    li t0, MSTATUS_FS;          \
    csrc mstatus, t0;           \
    li t0, 2 << 13;             \
    csrs mstatus, t0
#define EXPECT_FS(fs, sd)       \
    csrr a0, mstatus;           \
    srli a1, a0, 13;            \
    andi a1, a1, 3;             \
    ISA_EXPECT(a1, fs);         \
    srli a1, a0, SD_SHIFT;      \
    ISA_EXPECT(a1, sd)
    ISA_CASE(91)
    SET_FS_CLEAN
    EXPECT_FS(2, 0)
    csrr a0, sstatus
    srli a1, a0, SD_SHIFT
    ISA_EXPECT(a1, 0)
    fadd.s fa0, fa1, fa1
    EXPECT_FS(3, 1)
    csrr a0, sstatus
    srli a1, a0, SD_SHIFT
    ISA_EXPECT(a1, 1)
    srli a1, a0, 13
    andi a1, a1, 3
    ISA_EXPECT(a1, 3)
    ISA_CASE(92)
    SET_FS_CLEAN
    li t0, 0x3f800000
    fmv.w.x fa1, t0
    EXPECT_FS(3, 1)
    ISA_CASE(93)
    SET_FS_CLEAN
    la t5, fp_scratch
    flw fa1, 0(t5)
    EXPECT_FS(3, 1)
    ISA_CASE(94)
    SET_FS_CLEAN
    csrwi fflags, 0
    EXPECT_FS(3, 1)
    ISA_CASE(95)
    SET_FS_CLEAN
    csrwi frm, 0
    EXPECT_FS(3, 1)

    /* FS = Off: every F/D instruction and the FP CSRs are illegal; the registers keep their
     * values. */
    ISA_CASE(100)
    FP_LOAD_D(fs0, 0x4045000000000000)
    li t0, MSTATUS_FS
    csrc mstatus, t0
    EXPECT_FS(0, 0)
    ISA_TRAPS_RECORDED
    fadd.d fa0, fs0, fs0
    ISA_EXPECT(s10, 2)
    li s10, -1
    la t5, fp_scratch
    flw fa0, 0(t5)
    ISA_EXPECT(s10, 2)
    li s10, -1
    fsd fs0, 0(t5)
    ISA_EXPECT(s10, 2)
    li s10, -1
    fmv.x.w a0, fs0
    ISA_EXPECT(s10, 2)
    li s10, -1
    fmv.w.x fa0, zero
    ISA_EXPECT(s10, 2)
    li s10, -1
    csrr a0, fflags
    ISA_EXPECT(s10, 2)
    li s10, -1
    csrwi frm, 1
    ISA_EXPECT(s10, 2)
    li s10, -1
    csrr a0, fcsr
    ISA_EXPECT(s10, 2)
    li s10, -1
    fcvt.w.d a0, fs0
    ISA_EXPECT(s10, 2)
    ISA_TRAPS_UNEXPECTED
    li t0, MSTATUS_FS_INITIAL
    csrs mstatus, t0
    FP_EXPECT_D(fs0, 0x4045000000000000)
ISA_END
FP_DATA
