/* C extension: every RV32C/RV64C integer instruction, written as explicit c.* mnemonics. */
#include "tests/isa/isa_test.h"

ISA_BEGIN
    .option rvc
    la sp, rvc_stack + 256

    ISA_CASE(1)
    c.addi4spn s0, sp, 16
    sub a0, s0, sp
    ISA_EXPECT(a0, 16)

    ISA_CASE(2)
    li a0, 0x5a5a5a5a
    c.sw a0, 4(s0)
    c.lw a1, 4(s0)
    ISA_EXPECT(a1, 0x5a5a5a5a)
    li a0, -2
    c.sw a0, 8(s0)
    c.lw a1, 8(s0)
    ISA_EXPECT(a1, -2)

    ISA_CASE(3)
    c.nop
    li a0, 10
    c.addi a0, -3
    ISA_EXPECT(a0, 7)
    c.addi a0, 31
    ISA_EXPECT(a0, 38)

    ISA_CASE(4)
    c.li a0, -32
    ISA_EXPECT(a0, -32)
    c.li a0, 31
    ISA_EXPECT(a0, 31)

    ISA_CASE(5)
    mv s1, sp
    c.addi16sp sp, -64
    sub a0, s1, sp
    ISA_EXPECT(a0, 64)
    c.addi16sp sp, 496
    sub a0, sp, s1
    ISA_EXPECT(a0, 432)
    mv sp, s1

    ISA_CASE(6)
    c.lui a0, 0x1f
    ISA_EXPECT(a0, 0x1f000)
    c.lui a0, 0xfffff
    ISA_EXPECT(a0, -4096)

    ISA_CASE(7)
    li s0, -16
    c.srli s0, 4
    ISA_EXPECT(s0, XV(0x0fffffff, 0x0fffffffffffffff))
    li s0, -16
    c.srai s0, 4
    ISA_EXPECT(s0, -1)
    li s0, 0x1237
    c.andi s0, -2
    ISA_EXPECT(s0, 0x1236)
    c.andi s0, 0xf
    ISA_EXPECT(s0, 6)

    ISA_CASE(8)
    li s0, 10
    li s1, 3
    c.sub s0, s1
    ISA_EXPECT(s0, 7)
    li s0, 0x0ff0
    li s1, 0x00ff
    c.xor s0, s1
    ISA_EXPECT(s0, 0x0f0f)
    li s0, 0x0ff0
    c.or s0, s1
    ISA_EXPECT(s0, 0x0fff)
    li s0, 0x0ff0
    c.and s0, s1
    ISA_EXPECT(s0, 0x00f0)

    ISA_CASE(9)
    li a0, 0
    c.j 1f
    li a0, 1
1:  ISA_EXPECT(a0, 0)

    ISA_CASE(10)
    li s0, 0
    c.beqz s0, 1f
    j isa_fail
1:  li s0, 1
    c.beqz s0, isa_fail_near
    c.bnez s0, 2f
    j isa_fail
2:  li s0, 0
    c.bnez s0, isa_fail_near

    ISA_CASE(11)
    li a0, 1
    c.slli a0, 4
    ISA_EXPECT(a0, 16)
    li a0, 1
    c.slli a0, XV(31, 63)
    ISA_EXPECT(a0, XV(0x80000000, 0x8000000000000000))

    ISA_CASE(12)
    li a0, 0x13572468
    c.swsp a0, 12(sp)
    c.lwsp a1, 12(sp)
    ISA_EXPECT(a1, 0x13572468)

    ISA_CASE(13)
    la a1, 1f
    c.jr a1
    j isa_fail
1:

    ISA_CASE(14)
    la a1, 1f
    c.jalr a1
2:  j isa_fail
1:  la a2, 2b
    ISA_EXPECT_REG(ra, a2)

    ISA_CASE(15)
    li a1, 0x777
    c.mv a0, a1
    ISA_EXPECT(a0, 0x777)
    li a0, 5
    c.add a0, a1
    ISA_EXPECT(a0, 0x77c)

    ISA_CASE(16)
    ISA_TRAPS_RECORDED
1:  c.ebreak
    ISA_TRAPS_UNEXPECTED
    ISA_EXPECT(s10, 3)
    la a0, 1b
    ISA_EXPECT_REG(s9, a0)
#if __riscv_xlen == 32
    ISA_CASE(17)
    c.jal 1f
2:  j isa_fail
1:  la a2, 2b
    ISA_EXPECT_REG(ra, a2)
#else
    ISA_CASE(20)
    c.addi4spn s0, sp, 16
    li a0, 0x0123456789abcdef
    c.sd a0, 8(s0)
    c.ld a1, 8(s0)
    ISA_EXPECT(a1, 0x0123456789abcdef)

    ISA_CASE(21)
    li a0, -0x7edcba9876543211
    c.sdsp a0, 24(sp)
    c.ldsp a1, 24(sp)
    ISA_EXPECT(a1, -0x7edcba9876543211)

    ISA_CASE(22)
    li a0, 0x7fffffff
    c.addiw a0, 1
    ISA_EXPECT(a0, 0xffffffff80000000)
    li a0, 0x100000005
    c.addiw a0, 0 /* sext.w */
    ISA_EXPECT(a0, 5)

    ISA_CASE(23)
    li s0, 0x7fffffff
    li s1, 1
    c.addw s0, s1
    ISA_EXPECT(s0, 0xffffffff80000000)
    li s0, 0
    c.subw s0, s1
    ISA_EXPECT(s0, -1)
    li s0, 0x100000000
    c.subw s0, s1
    ISA_EXPECT(s0, -1)
#endif
    j isa_pass
isa_fail_near:
    j isa_fail
ISA_END

    .data
    .balign 16
rvc_stack:
    .space 512
