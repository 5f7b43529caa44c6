/* Conditional branches: beq bne blt bge bltu bgeu, taken (both directions) and not taken. */
#include "tests/isa/isa_test.h"

ISA_BEGIN
    TEST_BR_TAKEN(1, beq, 0, 0)
    TEST_BR_TAKEN(2, beq, -1, -1)
    TEST_BR_NOT_TAKEN(3, beq, 0, 1)
    TEST_BR_NOT_TAKEN(4, beq, -1, 1)

    TEST_BR_TAKEN(10, bne, 0, 1)
    TEST_BR_TAKEN(11, bne, -1, 1)
    TEST_BR_NOT_TAKEN(12, bne, 7, 7)

    TEST_BR_TAKEN(20, blt, -1, 0)
    TEST_BR_TAKEN(21, blt, 0, 1)
    TEST_BR_TAKEN(22, blt, XV(0x80000000, 0x8000000000000000), XV(0x7fffffff, 0x7fffffffffffffff))
    TEST_BR_NOT_TAKEN(23, blt, 1, 1)
    TEST_BR_NOT_TAKEN(24, blt, 0, -1)

    TEST_BR_TAKEN(30, bge, 0, -1)
    TEST_BR_TAKEN(31, bge, 1, 1)
    TEST_BR_NOT_TAKEN(32, bge, -1, 0)
    TEST_BR_NOT_TAKEN(33, bge, XV(0x80000000, 0x8000000000000000), 0)

    TEST_BR_TAKEN(40, bltu, 0, -1)
    TEST_BR_TAKEN(41, bltu, 1, 2)
    TEST_BR_NOT_TAKEN(42, bltu, -1, 0)
    TEST_BR_NOT_TAKEN(43, bltu, 3, 3)

    TEST_BR_TAKEN(50, bgeu, -1, 0)
    TEST_BR_TAKEN(51, bgeu, 3, 3)
    TEST_BR_NOT_TAKEN(52, bgeu, 0, -1)
    TEST_BR_NOT_TAKEN(53, bgeu, 1, 2)

    /* A taken branch does not execute the instruction after it. */
    ISA_CASE(60)
    li a0, 0
    beq zero, zero, 1f
    li a0, 1
1:  ISA_EXPECT(a0, 0)
ISA_END
