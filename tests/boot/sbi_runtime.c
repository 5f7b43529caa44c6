/* The S-mode runtime as OpenSBI's payload (--boot sbi): runs in S mode (mhartid is an illegal
 * instruction there), its hartid comes from SBI's a0, the timer interrupt comes through SBI
 * set_timer as STIP, the UART's receive interrupt (MCR loopback) through the PLIC's S context as
 * SEIP, and a second hart starts through SBI HSM and runs node_secondary_main. Exits 0 on pass. */
#include <stdint.h>
#include <stdio.h>

#include "firmware/lib/clint.h"
#include "firmware/lib/csr.h"
#include "firmware/lib/node_rt.h"
#include "firmware/lib/plic.h"
#include "firmware/lib/trap.h"
#include "firmware/lib/uart.h"
#include "gen/node.h"
#include "tests/firmware/check.h"

#define SBI_RT_TIMER_TICKS 100 /* 10 us at NODE_TIMEBASE_HZ = 10 MHz */

static volatile unsigned sbi_illegal_traps, sbi_timer_irqs, sbi_ext_irqs, sbi_bad_claims;
static volatile unsigned long sbi_illegal_cause;
static volatile char sbi_rx;
static volatile unsigned sbi_secondary_hart = ~0u;

static void sbi_on_illegal(struct trap_frame* frame) {
    ++sbi_illegal_traps;
    sbi_illegal_cause = frame->mcause;
    frame->mepc += trap_insn_length(frame->mepc);
}

static void sbi_on_timer(struct trap_frame* frame) {
    (void)frame;
    ++sbi_timer_irqs;
    clint_set_mtimecmp(node_hartid(), UINT64_MAX); /* clears STIP */
}

static void sbi_on_external(struct trap_frame* frame) {
    (void)frame;
    unsigned ctx = plic_context(node_hartid());
    uint32_t source = plic_claim(ctx);
    if (source != NODE_UART0_IRQ) {
        ++sbi_bad_claims;
    } else {
        while (uart_read_reg(UART_LSR) & UART_LSR_DR_MASK)
            sbi_rx = (char)uart_read_reg(UART_RBR_THR);
        ++sbi_ext_irqs;
    }
    if (source) plic_complete(ctx, source);
}

void node_secondary_main(unsigned hartid) {
    __atomic_store_n(&sbi_secondary_hart, hartid, __ATOMIC_RELEASE);
    node_park();
}

int main(void) {
    unsigned hart = node_hartid();
    CHECK_EQ(hart, 0);

    /* S mode: reading mhartid traps as an illegal instruction (scause 2). */
    trap_register(false, CSR_CAUSE_ILLEGAL_INSTRUCTION, sbi_on_illegal);
    (void)csr_read(mhartid);
    CHECK_EQ(sbi_illegal_traps, 1);
    CHECK_EQ(sbi_illegal_cause, CSR_CAUSE_ILLEGAL_INSTRUCTION);

    /* Timer through SBI: STIP traps once the time CSR passes the programmed value. */
    trap_register(true, CSR_IRQ_X_TIMER, sbi_on_timer);
    csr_set(CSR_XIE, CSR_XIP_TIMER);
    csr_set(CSR_XSTATUS, CSR_XSTATUS_IE);
    uint64_t start = clint_mtime();
    clint_set_mtimecmp(hart, start + SBI_RT_TIMER_TICKS);
    for (unsigned spin = 0; sbi_timer_irqs == 0 && spin < 1000; ++spin) __asm__ volatile("wfi");
    uint64_t woke = clint_mtime();
    CHECK_EQ(sbi_timer_irqs, 1);
    CHECK(woke >= start + SBI_RT_TIMER_TICKS);
    printf("sbi_runtime: timer interrupt after %llu ticks\n", (unsigned long long)(woke - start));

    /* UART receive interrupt through the PLIC's S context (loopback: nothing is printed). */
    unsigned ctx = plic_context(hart);
    CHECK_EQ(ctx, plic_context_s(hart));
    trap_register(true, CSR_IRQ_X_EXT, sbi_on_external);
    plic_set_priority(NODE_UART0_IRQ, 1);
    plic_set_threshold(ctx, 0);
    plic_enable(ctx, NODE_UART0_IRQ, 1);
    uart_write_reg(UART_MCR, UART_MCR_LOOP_MASK | UART_MCR_OUT2_MASK);
    uart_write_reg(UART_IER, UART_IER_ERBFI_MASK);
    csr_set(CSR_XIE, CSR_XIP_EXT);
    uart_putc('S');
    for (unsigned spin = 0; sbi_ext_irqs == 0 && spin < 1000000; ++spin) {
    }
    uart_write_reg(UART_IER, 0);
    uart_write_reg(UART_MCR, 0);
    csr_clear(CSR_XSTATUS, CSR_XSTATUS_IE);
    CHECK_EQ(sbi_bad_claims, 0);
    CHECK_EQ(sbi_ext_irqs, 1);
    CHECK_EQ(sbi_rx, 'S');
    printf("sbi_runtime: UART interrupt through PLIC context %u\n", ctx);

    /* Hart 1 was started through SBI HSM by the runtime. */
    if (node_hart_count() > 1) {
        for (unsigned spin = 0; spin < 10000000; ++spin)
            if (__atomic_load_n(&sbi_secondary_hart, __ATOMIC_ACQUIRE) != ~0u) break;
        CHECK_EQ(sbi_secondary_hart, 1);
        printf("sbi_runtime: hart 1 started through SBI HSM\n");
    }
    printf("sbi_runtime: pass\n");
    return 0;
}
