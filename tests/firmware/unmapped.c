/* Access outside every region: a load from the gap between UART0 and the GPU window (computed
 * from gen/node.h) raises a load access fault (mcause 5, mtval = address); a store there raises
 * a store access fault (mcause 7). The handler skips the access. */
#include <stdint.h>
#include <stdio.h>

#include "firmware/lib/csr.h"
#include "firmware/lib/trap.h"
#include "gen/node.h"
#include "tests/firmware/check.h"

static volatile unsigned long fault_mcause, fault_mtval;
static volatile unsigned fault_count;

static void fault_on_trap(struct trap_frame* frame) {
    fault_mcause = frame->mcause;
    fault_mtval = frame->mtval;
    ++fault_count;
    frame->mepc += trap_insn_length(frame->mepc);
}

int main(void) {
    _Static_assert(NODE_UART0_BASE + NODE_UART0_SIZE < NODE_GPU_BASE, "UART0 precedes the GPU");
    const uint64_t gap = (NODE_UART0_BASE + NODE_UART0_SIZE + NODE_GPU_BASE) / 2 & ~7ull;
    volatile uint32_t* p = (volatile uint32_t*)(uintptr_t)gap;
    trap_register(false, CSR_CAUSE_LOAD_ACCESS_FAULT, fault_on_trap);
    trap_register(false, CSR_CAUSE_STORE_ACCESS_FAULT, fault_on_trap);

    (void)*p;
    printf("unmapped: load 0x%llx -> mcause=%lu mtval=0x%lx\n", (unsigned long long)gap,
           fault_mcause, fault_mtval);
    CHECK_EQ(fault_count, 1);
    CHECK_EQ(fault_mcause, CSR_CAUSE_LOAD_ACCESS_FAULT);
    CHECK_EQ(fault_mtval, gap);

    *p = 0x1234;
    printf("unmapped: store 0x%llx -> mcause=%lu mtval=0x%lx\n", (unsigned long long)gap,
           fault_mcause, fault_mtval);
    CHECK_EQ(fault_count, 2);
    CHECK_EQ(fault_mcause, CSR_CAUSE_STORE_ACCESS_FAULT);
    CHECK_EQ(fault_mtval, gap);
    return 0;
}
