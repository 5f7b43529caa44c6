/* Deliberately failing test: case 3 expects a wrong sum, so the run must end with tohost = 7
 * (exit code 3). Registered by CMakeLists.txt as a test that checks exactly that. */
#include "tests/isa/isa_test.h"

ISA_BEGIN
    TEST_RR(1, add, 3, 1, 2)
    TEST_RR(2, add, 4, 2, 2)
    TEST_RR(3, add, 6, 2, 3)
    TEST_RR(4, add, 8, 4, 4)
ISA_END
