/* Illegal instruction trap: mcause 2, mepc at the instruction, mtval = its bits; the handler
 * skips it and execution continues. */
#include <stdint.h>
#include <stdio.h>

#include "firmware/lib/csr.h"
#include "firmware/lib/trap.h"
#include "tests/firmware/check.h"

#define ILLEGAL_CSRW_CYCLE 0xc0001073u /* csrrw x0, cycle, x0: write to a read-only CSR */

static volatile unsigned long illegal_mcause, illegal_mepc, illegal_mtval;
static volatile unsigned illegal_count;

static void illegal_on_trap(struct trap_frame* frame) {
    illegal_mcause = frame->mcause;
    illegal_mepc = frame->mepc;
    illegal_mtval = frame->mtval;
    ++illegal_count;
    frame->mepc += trap_insn_length(frame->mepc);
}

int main(void) {
    trap_register(false, CSR_CAUSE_ILLEGAL_INSTRUCTION, illegal_on_trap);
    unsigned long where;
    __asm__ volatile(
        "la %0, 1f\n"
        "1: .word %1\n"
        : "=&r"(where)
        : "i"(ILLEGAL_CSRW_CYCLE));
    printf("illegal: mcause=%lu mepc=0x%lx mtval=0x%lx\n", illegal_mcause, illegal_mepc,
           illegal_mtval);
    CHECK_EQ(illegal_count, 1);
    CHECK_EQ(illegal_mcause, CSR_CAUSE_ILLEGAL_INSTRUCTION);
    CHECK_EQ(illegal_mepc, where);
    CHECK_EQ(illegal_mtval, ILLEGAL_CSRW_CYCLE);
    return 0;
}
