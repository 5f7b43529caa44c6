/* M extension divides: div divu rem remu (+ divw divuw remw remuw on RV64), including divide by
 * zero and signed overflow, which do not trap. */
#include "tests/isa/isa_test.h"

#define XMIN XV(0x80000000, 0x8000000000000000)

ISA_BEGIN
    TEST_RR(1, div, 3, 20, 6)
    TEST_RR(2, div, -3, -20, 6)
    TEST_RR(3, div, -3, 20, -6)
    TEST_RR(4, div, 3, -20, -6)
    TEST_RR(5, div, -1, 20, 0)
    TEST_RR(6, div, XMIN, XMIN, -1)

    TEST_RR(10, divu, 3, 20, 6)
    TEST_RR(11, divu, XV(0x2aaaaaa7, 0x2aaaaaaaaaaaaaa7), -20, 6)
    TEST_RR(12, divu, -1, 20, 0)
    TEST_RR(13, divu, 0, XMIN, -1)

    TEST_RR(20, rem, 2, 20, 6)
    TEST_RR(21, rem, -2, -20, 6)
    TEST_RR(22, rem, 2, 20, -6)
    TEST_RR(23, rem, -2, -20, -6)
    TEST_RR(24, rem, 20, 20, 0)
    TEST_RR(25, rem, 0, XMIN, -1)

    TEST_RR(30, remu, 2, 20, 6)
    TEST_RR(31, remu, 2, -20, 6)
    TEST_RR(32, remu, -20, -20, 0)
    TEST_RR(33, remu, XMIN, XMIN, -1)
    TEST_RR_SAME(34, remu, 0, 9)
#if __riscv_xlen == 64
    TEST_RR(40, divw, -3, -20, 6)
    TEST_RR(41, divw, 3, 0x100000014, 6) /* only the low words count */
    TEST_RR(42, divw, -1, 20, 0)
    TEST_RR(43, divw, 0xffffffff80000000, 0x80000000, -1)
    TEST_RR(44, divuw, 0x2aaaaaa7, -20, 6)
    TEST_RR(45, divuw, -1, 20, 0)
    TEST_RR(46, divuw, 0xffffffff80000000, 0x80000000, 1) /* result sign-extends from bit 31 */
    TEST_RR(47, remw, -2, -20, 6)
    TEST_RR(48, remw, 0xffffffff80000001, 0x80000001, 0)
    TEST_RR(49, remw, 0, 0x80000000, -1)
    TEST_RR(50, remuw, 2, -20, 6)
    TEST_RR(51, remuw, 0xffffffff80000000, 0x80000000, 0)
    TEST_RR(52, remuw, 1, 0x100000007, 3)
#endif
ISA_END
