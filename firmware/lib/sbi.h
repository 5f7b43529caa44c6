/* SBI calls (RISC-V SBI specification v1.0) for the S-mode runtime (NODE_RT_SMODE,
 * firmware/README.md). OpenSBI 1.1, the firmware --boot sbi runs under, implements the legacy
 * console (no DBCN, which came with SBI 2.0), TIME, IPI, HSM and SRST. Every call returns the SBI
 * error (0 = success). */
#ifndef NODEVP_FIRMWARE_SBI_H
#define NODEVP_FIRMWARE_SBI_H

#include <stdint.h>

#define SBI_EXT_LEGACY_PUTCHAR 0x01
#define SBI_EXT_TIME 0x54494D45
#define SBI_EXT_IPI 0x735049
#define SBI_EXT_HSM 0x48534D
#define SBI_EXT_SRST 0x53525354

#define SBI_SRST_SHUTDOWN 0
#define SBI_SRST_COLD_REBOOT 1
#define SBI_SRST_REASON_NONE 0
#define SBI_SRST_REASON_SYSFAIL 1

struct sbi_ret {
    long error;
    long value;
};

struct sbi_ret sbi_call(unsigned long ext, unsigned long fid, unsigned long a0, unsigned long a1,
                        unsigned long a2);
void sbi_console_putchar(char c);
/* Programs the next supervisor timer interrupt (STIP) at `stime` (time CSR units); clears STIP. */
long sbi_set_timer(uint64_t stime);
/* Raises SSIP on the harts of `mask` (bit i = hart base + i). */
long sbi_send_ipi(unsigned long mask, unsigned long base);
/* Starts a stopped hart at `addr` in S mode with a0 = hartid, a1 = opaque. */
long sbi_hart_start(unsigned long hartid, unsigned long addr, unsigned long opaque);
/* Returns only on failure. */
long sbi_system_reset(uint32_t type, uint32_t reason);

#endif /* NODEVP_FIRMWARE_SBI_H */
