/* WFI wake-up with MIE = 0: with MTIE enabled but interrupts globally off, wfi returns once
 * mtime reaches mtimecmp, MTIP is observed pending, and no trap is taken. */
#include <stdint.h>
#include <stdio.h>

#include "firmware/lib/clint.h"
#include "firmware/lib/csr.h"
#include "firmware/lib/trap.h"
#include "gen/node.h"
#include "tests/firmware/check.h"

#define WFI_DELAY (NODE_TIMEBASE_HZ / 1000) /* 1 ms */
#define WFI_MAX_WAKEUPS 1000                /* wfi may return early; bound the loop */

static volatile unsigned wfi_traps;

static void wfi_on_timer(struct trap_frame* frame) {
    (void)frame;
    ++wfi_traps;
    clint_set_mtimecmp(0, UINT64_MAX);
}

int main(void) {
    trap_register(true, CSR_IRQ_M_TIMER, wfi_on_timer);
    csr_clear(mstatus, CSR_MSTATUS_MIE);
    uint64_t deadline = clint_mtime() + WFI_DELAY;
    clint_set_mtimecmp(0, deadline);
    csr_set(mie, CSR_MIP_MTIP);
    unsigned wakeups = 0;
    while ((csr_read(mip) & CSR_MIP_MTIP) == 0 && wakeups < WFI_MAX_WAKEUPS) {
        __asm__ volatile("wfi");
        ++wakeups;
    }
    uint64_t now = clint_mtime();
    /* No times or wake-up counts in the output: it must be the same in both fabric fidelities. */
    printf("wfi: woke at or after the deadline: %s, mip=0x%lx\n", now >= deadline ? "yes" : "no",
           csr_read(mip));
    CHECK((csr_read(mip) & CSR_MIP_MTIP) != 0);
    CHECK(now >= deadline);
    CHECK(wakeups >= 1);
    CHECK_EQ(wfi_traps, 0);
    csr_clear(mie, CSR_MIP_MTIP);
    clint_set_mtimecmp(0, UINT64_MAX);
    return 0;
}
