/* Bare-metal runtime of nodevp host programs (firmware/README.md).
 * Boot: every hart enters _start; hart 0 clears .bss, initialises the UART and stdio, then
 * calls main(); main's return value (or exit()) ends the run through node_exit(). Every other
 * hart calls node_secondary_main(hartid), whose weak default parks the hart in WFI. */
#ifndef NODEVP_FIRMWARE_NODE_RT_H
#define NODEVP_FIRMWARE_NODE_RT_H

#include <stdint.h>

int main(void);
/* Entry point of harts other than 0; override it to give them work. Must not return. */
void node_secondary_main(unsigned hartid);
/* Ends the run through the sysctl finisher: 0 = pass, otherwise fail with code (1..0xffff). */
__attribute__((noreturn)) void node_exit(int code);
unsigned node_hartid(void);
/* Device tree handed over in a1 at reset (0 if none). */
const void* node_dtb(void);
/* Harts running this program: the cpu nodes of the DTB's /cpus (hartids 0..n-1 assumed),
 * capped at NODE_RT_HARTS_MAX, or 1 without a valid DTB. */
unsigned node_hart_count(void);
__attribute__((noreturn)) void node_park(void);

#endif /* NODEVP_FIRMWARE_NODE_RT_H */
