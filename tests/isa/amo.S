/* A extension: lr/sc and every AMO, .w on both widths and .d on RV64. */
#include "tests/isa/isa_test.h"

/* Memory holds init; insn returns the old value (sign-extended) and leaves new in memory. */
#define TEST_AMO(n, insn, st, ld, init, operand, old, new) \
    ISA_CASE(n);                                           \
    la a1, amo_word;                                       \
    li a3, init;                                           \
    st a3, 0(a1);                                          \
    li a2, operand;                                        \
    insn a0, a2, (a1);                                     \
    ISA_EXPECT(a0, old);                                   \
    ld a4, 0(a1);                                          \
    ISA_EXPECT(a4, new)

#define TEST_AMOW(n, insn, init, operand, old, new) TEST_AMO(n, insn, sw, lw, init, operand, old, new)
#define TEST_AMOD(n, insn, init, operand, old, new) TEST_AMO(n, insn, sd, ld, init, operand, old, new)

ISA_BEGIN
    TEST_AMOW(1, amoswap.w, 0x12345678, 0x0badcafe, 0x12345678, 0x0badcafe)
    TEST_AMOW(2, amoadd.w, 0x7fffffff, 1, 0x7fffffff, XV(0x80000000, 0xffffffff80000000))
    TEST_AMOW(3, amoadd.w, -1, 1, -1, 0)
    TEST_AMOW(4, amoxor.w, 0x0ff0, 0x00ff, 0x0ff0, 0x0f0f)
    TEST_AMOW(5, amoand.w, 0x0ff0, 0x00ff, 0x0ff0, 0x00f0)
    TEST_AMOW(6, amoor.w, 0x0ff0, 0x00ff, 0x0ff0, 0x0fff)
    TEST_AMOW(7, amomin.w, -5, 3, -5, -5)
    TEST_AMOW(8, amomin.w, 7, -2, 7, -2)
    TEST_AMOW(9, amomax.w, -5, 3, -5, 3)
    TEST_AMOW(10, amomax.w, 7, -2, 7, 7)
    TEST_AMOW(11, amominu.w, -5, 3, -5, 3)
    TEST_AMOW(12, amominu.w, 2, 3, 2, 2)
    TEST_AMOW(13, amomaxu.w, -5, 3, -5, -5)
    TEST_AMOW(14, amomaxu.w, 2, 3, 2, 3)
    TEST_AMOW(15, amoswap.w.aqrl, 1, 2, 1, 2)

    ISA_CASE(20) /* rd = x0 still updates memory */
    la a1, amo_word
    li a2, 5
    sw a2, 0(a1)
    amoadd.w x0, a2, (a1)
    lw a0, 0(a1)
    ISA_EXPECT(a0, 10)

    ISA_CASE(21) /* lr/sc pair succeeds and stores */
    la a1, amo_word
    li a2, 0x80000000
    sw a2, 0(a1)
    lr.w a0, (a1)
    ISA_EXPECT(a0, XV(0x80000000, 0xffffffff80000000))
    li a2, 77
    sc.w a3, a2, (a1)
    ISA_EXPECT(a3, 0)
    lw a0, 0(a1)
    ISA_EXPECT(a0, 77)

    ISA_CASE(22) /* sc without a reservation fails and does not store */
    la a1, amo_word
    li a2, 99
    sc.w a3, a2, (a1)
    ISA_EXPECT_NONZERO(a3)
    lw a0, 0(a1)
    ISA_EXPECT(a0, 77)
#if __riscv_xlen == 64
    TEST_AMOW(30, amomin.w, 5, 0xffffffff00000001, 5, 1) /* only the low word of rs2 counts */
    TEST_AMOD(31, amoswap.d, 0x0123456789abcdef, -1, 0x0123456789abcdef, -1)
    TEST_AMOD(32, amoadd.d, 0xffffffff, 1, 0xffffffff, 0x100000000)
    TEST_AMOD(33, amoxor.d, 0xff00ff00ff00ff00, -1, 0xff00ff00ff00ff00, 0x00ff00ff00ff00ff)
    TEST_AMOD(34, amoand.d, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xff00ff00ff00ff00, 0x0f000f000f000f00)
    TEST_AMOD(35, amoor.d, 0xff00000000000000, 1, 0xff00000000000000, 0xff00000000000001)
    TEST_AMOD(36, amomin.d, 0x8000000000000000, 1, 0x8000000000000000, 0x8000000000000000)
    TEST_AMOD(37, amomax.d, 0x8000000000000000, 1, 0x8000000000000000, 1)
    TEST_AMOD(38, amominu.d, -1, 1, -1, 1)
    TEST_AMOD(39, amomaxu.d, -1, 1, -1, -1)

    ISA_CASE(40)
    la a1, amo_word
    li a2, 0x100000000
    sd a2, 0(a1)
    lr.d a0, (a1)
    ISA_EXPECT(a0, 0x100000000)
    li a2, -7
    sc.d a3, a2, (a1)
    ISA_EXPECT(a3, 0)
    ld a0, 0(a1)
    ISA_EXPECT(a0, -7)
    sc.d a3, a2, (a1)
    ISA_EXPECT_NONZERO(a3)
#endif
ISA_END

    .data
    .balign 8
amo_word:
    .dword 0
