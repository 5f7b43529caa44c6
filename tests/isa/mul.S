/* M extension multiplies: mul mulh mulhsu mulhu. */
#include "tests/isa/isa_test.h"

#define XMIN XV(0x80000000, 0x8000000000000000)

ISA_BEGIN
    TEST_RR(1, mul, 21, 3, 7)
    TEST_RR(2, mul, 1, -1, -1)
    TEST_RR(3, mul, -6, -2, 3)
    TEST_RR(4, mul, XV(0xfffffffe, 0xfffffffe), 0x7fffffff, 2)
    TEST_RR(5, mul, 0, XMIN, 2) /* low half only */
    TEST_RR_SAME(6, mul, 0x10000, 0x100)

    TEST_RR(10, mulh, XV(0x40000000, 0x4000000000000000), XMIN, XMIN)
    TEST_RR(11, mulh, 0, -1, -1)
    TEST_RR(12, mulh, -1, -1, 1)
    TEST_RR(13, mulh, 0, 7, 3)
    TEST_RR(14, mulh, -1, XMIN, 1)

    TEST_RR(20, mulhsu, -1, -1, -1) /* -1 * (2^XLEN - 1) */
    TEST_RR(21, mulhsu, -1, -1, 1)
    TEST_RR(22, mulhsu, 0, 1, -1)
    TEST_RR(23, mulhsu, 1, 2, -1)
    TEST_RR(24, mulhsu, XV(0xc0000000, 0xc000000000000000), XMIN, XMIN)

    TEST_RR(30, mulhu, -2, -1, -1)
    TEST_RR(31, mulhu, 1, -1, 2)
    TEST_RR(32, mulhu, 1, XMIN, 2)
    TEST_RR(33, mulhu, 0, 7, 3)
    TEST_RR(34, mulhu, XV(0x40000000, 0x4000000000000000), XMIN, XMIN)
    TEST_RR_X0(35, mulhu, -1, -1)
#if __riscv_xlen == 64
    TEST_RR(40, mulw, -2, 0x7fffffff, 2)
    TEST_RR(41, mulw, 3, 0x100000001, 3)
    TEST_RR(42, mulw, 0xffffffff80000000, 0x40000000, 2)
#endif
ISA_END
