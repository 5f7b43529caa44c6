/* jal and jalr: link value, targets, offset and low-bit clearing of jalr, rd = x0, rd = rs1. */
#include "tests/isa/isa_test.h"

ISA_BEGIN
    ISA_CASE(1)
    jal a0, 1f
2:  j isa_fail
1:  la a1, 2b /* link = address of the instruction after the jal */
    ISA_EXPECT_REG(a0, a1)

    ISA_CASE(2)
    j 1f
3:  j 4f /* backward target */
1:  jal x0, 3b
    j isa_fail
4:

    ISA_CASE(3)
    la a1, 1f
    jalr a0, 0(a1)
2:  j isa_fail
1:  la a2, 2b
    ISA_EXPECT_REG(a0, a2)

    ISA_CASE(4) /* positive offset */
    la a1, 1f
    addi a1, a1, -8
    jalr x0, 8(a1)
    j isa_fail
1:

    ISA_CASE(5) /* bit 0 of the target is cleared */
    la a1, 1f
    addi a1, a1, 1
    jalr x0, 0(a1)
    j isa_fail
1:

    ISA_CASE(6) /* rd == rs1: the target uses the old rs1 */
    la a1, 1f
    jalr a1, 0(a1)
2:  j isa_fail
1:  la a2, 2b
    ISA_EXPECT_REG(a1, a2)

    ISA_CASE(7) /* call and return through ra */
    call 1f
    j 2f
1:  ret
2:
ISA_END
