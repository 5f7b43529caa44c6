/* RV32I/RV64I register-register ALU: add sub sll slt sltu xor srl sra or and. */
#include "tests/isa/isa_test.h"

ISA_BEGIN
    TEST_RR(1, add, 5, 2, 3)
    TEST_RR(2, add, -2, -1, -1)
    TEST_RR(3, add, XV(0x80000000, 0x80000000), 0x7fffffff, 1)
    TEST_RR(4, add, 0, -1, 1)
    TEST_RR_SAME(5, add, 0x2468, 0x1234)
    TEST_RR_X0(6, add, 1, 2)

    TEST_RR(10, sub, -1, 2, 3)
    TEST_RR(11, sub, 0, -7, -7)
    TEST_RR(12, sub, XV(0x80000000, -0x80000000), 0, XV(0x80000000, 0x80000000))
    TEST_RR(13, sub, 1, 0, -1)
    TEST_RR_SAME(14, sub, 0, 0x55)

    TEST_RR(20, sll, 0x100, 1, 8)
    TEST_RR(21, sll, XV(0x80000000, 0x8000000000000000), 1, XV(31, 63))
    TEST_RR(22, sll, 2, 1, XV(33, 65)) /* only the low log2(XLEN) bits of rs2 count */
    TEST_RR(23, sll, XV(0xfffffff0, 0xfffffffffffffff0), -1, 4)
    TEST_RR(24, sll, 7, 7, 0)

    TEST_RR(30, slt, 1, -1, 0)
    TEST_RR(31, slt, 0, 0, -1)
    TEST_RR(32, slt, 0, 5, 5)
    TEST_RR(33, slt, 1, XV(0x80000000, 0x8000000000000000), 0)
    TEST_RR_SAME(34, slt, 0, 9)

    TEST_RR(40, sltu, 0, -1, 0)
    TEST_RR(41, sltu, 1, 0, -1)
    TEST_RR(42, sltu, 0, 5, 5)
    TEST_RR(43, sltu, 1, 4, 5)

    TEST_RR(50, xor, 0x0ff0, 0x0f0f, 0x00ff)
    TEST_RR(51, xor, -1, 0, -1)
    TEST_RR_SAME(52, xor, 0, 0x1234)

    TEST_RR(60, srl, 0x1, 0x100, 8)
    TEST_RR(61, srl, XV(0x7fffffff, 0x7fffffffffffffff), -1, 1)
    TEST_RR(62, srl, 1, -1, XV(31, 63))
    TEST_RR(63, srl, XV(0x3fffffff, 0x3fffffffffffffff), -1, XV(34, 66))

    TEST_RR(70, sra, -1, -1, 1)
    TEST_RR(71, sra, XV(0xc0000000, 0xc000000000000000), XV(0x80000000, 0x8000000000000000), 1)
    TEST_RR(72, sra, -1, XV(0x80000000, 0x8000000000000000), XV(31, 63))
    TEST_RR(73, sra, 0x10, 0x40, 2)
    TEST_RR(74, sra, -2, -8, XV(34, 66))

    TEST_RR(80, or, 0x0fff, 0x0f0f, 0x00ff)
    TEST_RR(81, or, -1, XV(0xaaaaaaaa, 0xaaaaaaaaaaaaaaaa), XV(0x55555555, 0x5555555555555555))
    TEST_RR_SAME(82, or, 0x77, 0x77)

    TEST_RR(90, and, 0x000f, 0x0f0f, 0x00ff)
    TEST_RR(91, and, 0, XV(0xaaaaaaaa, 0xaaaaaaaaaaaaaaaa), XV(0x55555555, 0x5555555555555555))
    TEST_RR_SAME(92, and, 0x77, 0x77)
    TEST_RR_X0(93, and, -1, -1)
ISA_END
