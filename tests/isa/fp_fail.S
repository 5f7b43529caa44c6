/* Deliberately failing F test: case 2 expects the RTZ value of 1/3 from an RNE division (the
 * right answer is 0x3eaaaaab), so the run must end with exit code 2. Registered by
 * CMakeLists.txt as a test that checks exactly that: FP result checks can fail. */
#include "tests/isa/fp_test.h"

ISA_BEGIN
    FP_ENABLE
    TEST_FP2_S(1, fdiv.s, rtz, 0x3eaaaaaa, FLAG_NX, 0x3f800000, 0x40400000)
    TEST_FP2_S(2, fdiv.s, rne, 0x3eaaaaaa, FLAG_NX, 0x3f800000, 0x40400000)
    TEST_FP2_S(3, fdiv.s, rne, 0x3eaaaaab, FLAG_NX, 0x3f800000, 0x40400000)
ISA_END
FP_DATA
