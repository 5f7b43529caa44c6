/* CLINT timer: MTIP follows mtime >= mtimecmp; the M timer interrupt is taken TIMER_TICKS times,
 * each no earlier than its deadline, with the handler re-arming mtimecmp. */
#include <stdint.h>
#include <stdio.h>

#include "firmware/lib/clint.h"
#include "firmware/lib/csr.h"
#include "firmware/lib/trap.h"
#include "gen/node.h"
#include "tests/firmware/check.h"

#define TIMER_TICKS 3
#define TIMER_PERIOD (NODE_TIMEBASE_HZ / 1000) /* 1 ms of simulated time */

static volatile unsigned timer_count;
static volatile int timer_early;
static uint64_t timer_deadline;

/* The interrupt line may reach mip a little after the CLINT write (temporal decoupling), so
 * poll for up to TIMER_PERIOD ticks. Returns whether MTIP reached the wanted state. */
static int timer_mtip_becomes(int pending) {
    uint64_t limit = clint_mtime() + TIMER_PERIOD;
    do {
        if (((csr_read(mip) & CSR_MIP_MTIP) != 0) == pending) return 1;
    } while (clint_mtime() < limit);
    return 0;
}

static void timer_on_interrupt(struct trap_frame* frame) {
    (void)frame;
    if (clint_mtime() < timer_deadline) timer_early = 1;
    ++timer_count;
    timer_deadline = timer_count < TIMER_TICKS ? timer_deadline + TIMER_PERIOD : UINT64_MAX;
    clint_set_mtimecmp(0, timer_deadline);
}

int main(void) {
    clint_set_mtimecmp(0, 0);
    CHECK(timer_mtip_becomes(1));
    clint_set_mtimecmp(0, UINT64_MAX);
    CHECK(timer_mtip_becomes(0));
    printf("timer: MTIP follows mtimecmp\n");

    trap_register(true, CSR_IRQ_M_TIMER, timer_on_interrupt);
    uint64_t start = clint_mtime();
    timer_deadline = start + TIMER_PERIOD;
    clint_set_mtimecmp(0, timer_deadline);
    csr_set(mie, CSR_MIP_MTIP);
    csr_set(mstatus, CSR_MSTATUS_MIE);
    while (timer_count < TIMER_TICKS) __asm__ volatile("wfi");
    csr_clear(mstatus, CSR_MSTATUS_MIE);
    uint64_t elapsed = clint_mtime() - start;

    /* No times in the output: it must be the same in both fabric fidelities. */
    printf("timer: %u interrupts, %d early, took at least %u periods: %s\n", timer_count,
           timer_early, TIMER_TICKS, elapsed >= TIMER_TICKS * TIMER_PERIOD ? "yes" : "no");
    CHECK_EQ(timer_count, TIMER_TICKS);
    CHECK_EQ(timer_early, 0);
    CHECK(elapsed >= TIMER_TICKS * TIMER_PERIOD);
    CHECK(timer_mtip_becomes(0));
    return 0;
}
