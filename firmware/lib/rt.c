/* C side of the boot sequence (crt0.S), exit, and picolibc's stdio/TLS hookup. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "firmware/lib/csr.h"
#include "firmware/lib/dtb.h"
#include "firmware/lib/mmio.h"
#include "firmware/lib/node_rt.h"
#include "firmware/lib/rt_config.h"
#include "firmware/lib/sbi.h"
#include "firmware/lib/uart.h"
#include "gen/node.h"

extern char __tdata_start[], __tdata_end[], __tbss_start[], __tbss_end[];

static const void* rt_dtb;
static unsigned rt_harts;
static unsigned rt_boot_hart; /* runs main(): hart 0 in M mode, the hart SBI entered in S mode */
static char rt_tls[NODE_RT_HARTS_MAX][NODE_RT_TLS_SIZE] __attribute__((aligned(16)));

static int rt_stdout_put(char c, FILE* f) {
    (void)f;
#ifdef NODE_RT_SMODE
    sbi_console_putchar(c);
#else
    uart_putc(c);
#endif
    return (unsigned char)c;
}

static FILE rt_stdout = FDEV_SETUP_STREAM(rt_stdout_put, NULL, NULL, _FDEV_SETUP_WRITE);
FILE* const stdout = &rt_stdout;
FILE* const stderr = &rt_stdout;
FILE* const stdin = NULL;

void node_park(void) {
    for (;;) __asm__ volatile("wfi");
}

void node_exit(int code) {
#ifdef NODE_RT_SMODE
    /* SBI SRST shuts down through OpenSBI's sifive_test driver, which cannot carry a code (a
     * failure reason becomes FAIL with code 0, exit 1). A failure code is written to the
     * finisher directly (OpenSBI leaves it to S mode), so it reaches nodevp's exit status. */
    if (code == 0) sbi_system_reset(SBI_SRST_SHUTDOWN, SBI_SRST_REASON_NONE);
#endif
    uint32_t v = code == 0
                     ? SYSCTL_FINISHER_PASS
                     : (SYSCTL_FINISHER_FAIL | ((uint32_t)code << SYSCTL_FINISHER_CODE_SHIFT));
    mmio_write32(NODE_SYSCTL_BASE + SYSCTL_FINISHER, v);
#ifdef NODE_RT_SMODE
    sbi_system_reset(SBI_SRST_SHUTDOWN, SBI_SRST_REASON_SYSFAIL);
#endif
    node_park();
}

void _exit(int code) {
    node_exit(code);
}

unsigned node_hartid(void) {
#ifdef NODE_RT_SMODE
    return (unsigned)csr_read(sscratch); /* set by crt0 from SBI's a0 */
#else
    return (unsigned)csr_read(mhartid);
#endif
}
const void* node_dtb(void) {
    return rt_dtb;
}
unsigned node_hart_count(void) {
    return rt_harts;
}

__attribute__((weak)) void node_secondary_main(unsigned hartid) {
    (void)hartid;
    node_park();
}

/* Gives the hart its own copy of the TLS template and points tp at it. */
static void rt_tls_init(unsigned hartid) {
    size_t tdata = (size_t)(__tdata_end - __tdata_start);
    size_t tbss = (size_t)(__tbss_end - __tbss_start);
    char* block = rt_tls[hartid];
    if (tdata + tbss > NODE_RT_TLS_SIZE) {
        uart_puts("node_rt: TLS image larger than NODE_RT_TLS_SIZE\n");
        node_exit(NODE_RT_EXIT_TLS);
    }
    memcpy(block, __tdata_start, tdata);
    memset(block + tdata, 0, tbss);
    __asm__ volatile("mv tp, %0" ::"r"(block));
}

void rt_init_hart0(const void* dtb, unsigned long hartid);
void rt_init_hart0(const void* dtb, unsigned long hartid) {
    rt_dtb = dtb;
    rt_boot_hart = (unsigned)hartid;
    unsigned n = dtb_count_cpus(dtb);
    rt_harts = n == 0 ? 1 : n > NODE_RT_HARTS_MAX ? NODE_RT_HARTS_MAX : n;
#ifdef NODE_RT_SMODE
    /* OpenSBI set the UART up; the other harts wait in OpenSBI until started here. They run
     * crt0 into rt_boot_released, which crt0 sets on this hart when this returns. */
    extern char _start[];
    for (unsigned h = 0; h < rt_harts; ++h)
        if (h != rt_boot_hart) sbi_hart_start(h, (unsigned long)_start, (unsigned long)dtb);
#else
    uart_init();
#endif
}

void rt_start(unsigned long hartid, const void* dtb);
void rt_start(unsigned long hartid, const void* dtb) {
    (void)dtb;
    rt_tls_init((unsigned)hartid);
    if (hartid != rt_boot_hart) {
        node_secondary_main((unsigned)hartid);
        node_park();
    }
    exit(main());
}
