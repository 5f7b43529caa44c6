/* RV32I/RV64I immediate ALU: addi slti sltiu xori ori andi slli srli srai, lui, auipc. */
#include "tests/isa/isa_test.h"

ISA_BEGIN
    TEST_RI(1, addi, 5, 2, 3)
    TEST_RI(2, addi, -1, 0, -1)
    TEST_RI(3, addi, 0x7ff, 0, 2047)
    TEST_RI(4, addi, -2048, 0, -2048)
    TEST_RI(5, addi, XV(0x80000000, 0x80000000), 0x7fffffff, 1)
    TEST_RI(6, addi, 0, 1, -1)

    TEST_RI(10, slti, 1, -1, 0)
    TEST_RI(11, slti, 0, 0, -1)
    TEST_RI(12, slti, 0, 2047, 2047)
    TEST_RI(13, slti, 1, -2049, -2048)

    TEST_RI(20, sltiu, 1, 0, -1) /* the immediate sign-extends, then compares unsigned */
    TEST_RI(21, sltiu, 0, -1, 1)
    TEST_RI(22, sltiu, 1, 0, 1) /* seqz */
    TEST_RI(23, sltiu, 0, 5, 5)

    TEST_RI(30, xori, -1, 0, -1) /* sign-extended immediate */
    TEST_RI(31, xori, 0x0f0, 0x00f, 0x0ff)
    TEST_RI(32, xori, ~0x1234, 0x1234, -1) /* not */

    TEST_RI(40, ori, 0x0ff, 0x00f, 0x0f0)
    TEST_RI(41, ori, -1, 0x1234, -1)
    TEST_RI(42, ori, XV(0xfffff800, 0xfffffffffffff800), 0, -2048)

    TEST_RI(50, andi, 0x00f, 0x0ff, 0x00f)
    TEST_RI(51, andi, XV(0xfffff800, 0xfffffffffffff800), -1, -2048)
    TEST_RI(52, andi, 0, 0x800, 0x7ff)

    TEST_RI(60, slli, 0x100, 1, 8)
    TEST_RI(61, slli, XV(0x80000000, 0x8000000000000000), 1, XV(31, 63))
    TEST_RI(62, slli, 7, 7, 0)
    TEST_RI(63, srli, XV(0x7fffffff, 0x7fffffffffffffff), -1, 1)
    TEST_RI(64, srli, 1, -1, XV(31, 63))
    TEST_RI(65, srli, 0x12, 0x1234, 8)
    TEST_RI(66, srai, -1, -1, 1)
    TEST_RI(67, srai, XV(0xc0000000, 0xc000000000000000), XV(0x80000000, 0x8000000000000000), 1)
    TEST_RI(68, srai, -1, XV(0x80000000, 0x8000000000000000), XV(31, 63))
    TEST_RI(69, srai, 0x12, 0x1234, 8)
#if __riscv_xlen == 64
    TEST_RI(70, slli, 0x100000000, 1, 32) /* RV64: 6-bit shamt */
    TEST_RI(71, srli, 0xffffffff, -1, 32)
    TEST_RI(72, srai, 0xffffffffff800000, 0x8000000000000000, 40)
#endif

    ISA_CASE(80)
    lui a0, 0x12345
    ISA_EXPECT(a0, 0x12345000)
    ISA_CASE(81)
    lui a0, 0x80000 /* bit 31 sign-extends on RV64 */
    ISA_EXPECT(a0, XV(0x80000000, 0xffffffff80000000))
    ISA_CASE(82)
    lui a0, 0xfffff
    ISA_EXPECT(a0, -4096)
    ISA_CASE(83)
    lui x0, 0x1
    ISA_EXPECT(x0, 0)

    ISA_CASE(90)
1:  auipc a0, 0
    la a1, 1b
    ISA_EXPECT_REG(a0, a1)
    ISA_CASE(91)
2:  auipc a0, 1
    la a1, 2b
    sub a0, a0, a1
    ISA_EXPECT(a0, 0x1000)
    ISA_CASE(92)
3:  auipc a0, 0xfffff /* -4096 */
    la a1, 3b
    sub a0, a1, a0
    ISA_EXPECT(a0, 0x1000)
ISA_END
