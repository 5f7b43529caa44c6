/* CLINT: mtime (NODE_TIMEBASE_HZ), mtimecmp and msip per hart. */
#ifndef NODEVP_FIRMWARE_CLINT_H
#define NODEVP_FIRMWARE_CLINT_H

#include <stdint.h>

uint64_t clint_mtime(void);
/* Writes mtimecmp[hart] without a spurious intermediate match (also on RV32). */
void clint_set_mtimecmp(unsigned hart, uint64_t value);
uint64_t clint_mtimecmp(unsigned hart);
void clint_set_msip(unsigned hart, int pending);

#endif /* NODEVP_FIRMWARE_CLINT_H */
