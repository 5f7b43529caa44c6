/* The time CSR (rdtime) advances. Reference: QEMU virt, since spike lacks the time CSR; virt has
 * no HTIF, so the check is a0 == 1 at the final loop (firmware/README.md). */
#include "tests/isa/isa_test.h"

ISA_BEGIN
    ISA_CASE(1)
    rdtime a1
    li a2, 20000
1:  addi a2, a2, -1
    bnez a2, 1b
    rdtime a0
    bltu a1, a0, 2f /* strictly later after 20000 iterations at any plausible timebase */
    j isa_fail
2:
#if __riscv_xlen == 32
    ISA_CASE(2)
    rdtimeh a0
    csrr a1, timeh
    bltu a1, a0, isa_fail_near
#endif
    j isa_pass
isa_fail_near:
    j isa_fail
ISA_END
