/* CLINT: mtime (NODE_TIMEBASE_HZ), mtimecmp and msip per hart.
 * S mode (NODE_RT_SMODE): the same calls through the time CSR and SBI: set_mtimecmp programs this
 * hart's supervisor timer (STIP; other harts' requests are ignored), set_msip raises / clears
 * SSIP (an IPI). */
#ifndef NODEVP_FIRMWARE_CLINT_H
#define NODEVP_FIRMWARE_CLINT_H

#include <stdint.h>

uint64_t clint_mtime(void);
/* Writes mtimecmp[hart] without a spurious intermediate match (also on RV32). */
void clint_set_mtimecmp(unsigned hart, uint64_t value);
uint64_t clint_mtimecmp(unsigned hart);
void clint_set_msip(unsigned hart, int pending);

#endif /* NODEVP_FIRMWARE_CLINT_H */
