/* RV64I word operations: addw subw sllw srlw sraw addiw slliw srliw sraiw (results are the low
 * 32 bits sign-extended). */
#include "tests/isa/isa_test.h"

ISA_BEGIN
    TEST_RR(1, addw, 0xffffffff80000000, 0x7fffffff, 1)
    TEST_RR(2, addw, 5, 0x100000002, 3)
    TEST_RR(3, addw, 0, -1, 1)
    TEST_RR(10, subw, -1, 0, 1)
    TEST_RR(11, subw, -1, 0x100000000, 1)
    TEST_RR(12, subw, 0x7fffffff, 0x80000000, 1)
    TEST_RR(20, sllw, 0xffffffff80000000, 1, 31)
    TEST_RR(21, sllw, 1, 1, 32) /* shamt is rs2[4:0] */
    TEST_RR(22, sllw, 0x20, 0x100000001, 5)
    TEST_RR(30, srlw, 1, 0xffffffff80000000, 31)
    TEST_RR(31, srlw, -1, -1, 0)
    TEST_RR(32, srlw, 0x7fffffff, -1, 1)
    TEST_RR(33, srlw, 0x7fffffff, -1, 33)
    TEST_RR(40, sraw, -1, 0x80000000, 31)
    TEST_RR(41, sraw, 0x3fffffff, 0xffffffff7fffffff, 1)
    TEST_RR(42, sraw, 0xfffffffff8000000, 0x80000000, 4)
    TEST_RI(50, addiw, 0xffffffff80000000, 0x7fffffff, 1)
    TEST_RI(51, addiw, -1, 0xffffffff, 0) /* sext.w */
    TEST_RI(52, addiw, 0x7ff, 0x100000000, 2047)
    TEST_RI(53, addiw, -2048, 0, -2048)
    TEST_RI(60, slliw, 0xffffffff80000000, 1, 31)
    TEST_RI(61, slliw, 0, 0x100000000, 1)
    TEST_RI(62, srliw, 0x0fffffff, -1, 4)
    TEST_RI(63, srliw, -1, -1, 0)
    TEST_RI(64, sraiw, 0xfffffffff8000000, 0x80000000, 4)
    TEST_RI(65, sraiw, 0x12, 0xffffffff00001234, 8)
    TEST_RR_X0(66, addw, 1, 1)
ISA_END
