#include "firmware/lib/trap.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "firmware/lib/csr.h"
#include "firmware/lib/node_rt.h"

static trap_handler_fn trap_exceptions[TRAP_CAUSES_MAX];
static trap_handler_fn trap_interrupts[TRAP_CAUSES_MAX];

bool trap_register(bool interrupt, unsigned code, trap_handler_fn fn) {
    if (code >= TRAP_CAUSES_MAX) return false;
    (interrupt ? trap_interrupts : trap_exceptions)[code] = fn;
    __asm__ volatile("fence rw, rw" ::: "memory");
    return true;
}

unsigned trap_insn_length(unsigned long pc) {
    return ((*(const volatile uint16_t*)pc) & 3) == 3 ? 4 : 2;
}

void trap_dispatch(struct trap_frame* frame);
void trap_dispatch(struct trap_frame* frame) {
    bool interrupt = (frame->mcause & CSR_MCAUSE_INTERRUPT) != 0;
    unsigned long code = frame->mcause & ~CSR_MCAUSE_INTERRUPT;
    trap_handler_fn fn = 0;
    if (code < TRAP_CAUSES_MAX) fn = (interrupt ? trap_interrupts : trap_exceptions)[code];
    if (fn) {
        fn(frame);
        return;
    }
    printf("unhandled trap on hart %u: %s=0x%lx %s=0x%lx %s=0x%lx\n", node_hartid(),
           CSR_NAME(CSR_XCAUSE), frame->mcause, CSR_NAME(CSR_XEPC), frame->mepc,
           CSR_NAME(CSR_XTVAL), frame->mtval);
    exit(TRAP_UNHANDLED_EXIT);
}
