/* Loads and stores: lb lh lw lbu lhu sb sh sw (+ lwu ld sd on RV64); sign and zero extension,
 * negative and positive offsets, byte lanes of a store. */
#include "tests/isa/isa_test.h"

#define TEST_LD(n, insn, expected, offset) \
    ISA_CASE(n);                           \
    la a1, isa_data;                       \
    insn a0, offset(a1);                   \
    ISA_EXPECT(a0, expected)

ISA_BEGIN
    /* isa_data bytes: 81 82 83 84 05 06 07 f8 (little-endian) */
    TEST_LD(1, lb, -0x7f, 0)
    TEST_LD(2, lb, 0x05, 4)
    TEST_LD(3, lbu, 0x81, 0)
    TEST_LD(4, lbu, 0xf8, 7)
    TEST_LD(5, lh, XV(0xffff8281, 0xffffffffffff8281), 0)
    TEST_LD(6, lh, 0x0605, 4)
    TEST_LD(7, lhu, 0x8281, 0)
    TEST_LD(8, lhu, 0x8483, 2)
    TEST_LD(9, lw, XV(0x84838281, 0xffffffff84838281), 0)
    TEST_LD(10, lw, XV(0xf8070605, 0xfffffffff8070605), 4)
#if __riscv_xlen == 64
    TEST_LD(11, lwu, 0x84838281, 0)
    TEST_LD(12, ld, 0xf807060584838281, 0)
#endif

    ISA_CASE(20) /* negative offset */
    la a1, isa_data + 4
    lbu a0, -3(a1)
    ISA_EXPECT(a0, 0x82)

    ISA_CASE(21) /* sb writes one byte lane */
    la a1, isa_scratch
    li a2, -1
    sw a2, 0(a1)
    li a2, 0x1234
    sb a2, 1(a1)
    lw a0, 0(a1)
    ISA_EXPECT(a0, XV(0xffff34ff, 0xffffffffffff34ff))

    ISA_CASE(22) /* sh writes two byte lanes */
    la a1, isa_scratch
    sw zero, 0(a1)
    li a2, 0x12345678
    sh a2, 2(a1)
    lw a0, 0(a1)
    ISA_EXPECT(a0, 0x56780000)

    ISA_CASE(23)
    la a1, isa_scratch
    li a2, 0x0badcafe
    sw a2, 4(a1)
    lw a0, 4(a1)
    ISA_EXPECT(a0, 0x0badcafe)

    ISA_CASE(24) /* store with negative offset */
    la a1, isa_scratch + 8
    li a2, 0x5a
    sb a2, -1(a1)
    lbu a0, -1(a1)
    ISA_EXPECT(a0, 0x5a)
#if __riscv_xlen == 64
    ISA_CASE(25)
    la a1, isa_scratch
    li a2, 0x0123456789abcdef
    sd a2, 8(a1)
    ld a0, 8(a1)
    ISA_EXPECT(a0, 0x0123456789abcdef)
    lwu a0, 12(a1)
    ISA_EXPECT(a0, 0x01234567)
    lw a0, 8(a1)
    ISA_EXPECT(a0, 0xffffffff89abcdef)
#endif

    ISA_CASE(26) /* a load into x0 is discarded */
    la a1, isa_data
    lw x0, 0(a1)
    ISA_EXPECT(x0, 0)
ISA_END

    .data
    .balign 8
isa_data:
    .byte 0x81, 0x82, 0x83, 0x84, 0x05, 0x06, 0x07, 0xf8
isa_scratch:
    .dword 0, 0
