/* Helpers of the LPU platform tests on top of the host driver (sw/driver): the node, register
 * access, mailbox statuses and interrupt counts in the form the checks compare. */
#ifndef NODEVP_TESTS_LPU_TEST_H
#define NODEVP_TESTS_LPU_TEST_H

#include <stdint.h>

#include "nodevp/driver.h"

extern struct nv_node lpu_node;

/* nv_init from the boot DTB; a failure ends the run. */
void lpu_test_init(void);
/* nv_lpu_boot with the embedded firmware, then the checks of a good boot: BOOT_OK, DMC running,
 * READY (version, self-test passed, at least one ECC correction), its interrupt. */
void lpu_test_boot(unsigned lpu);
uint32_t lpu_read(unsigned lpu, uint32_t offset);
void lpu_write(unsigned lpu, uint32_t offset, uint32_t value);
/* The DMC's status word (LPU_ST_*) of the request a driver call made; the call must have been
 * answered (not NV_E_TIMEOUT / NV_E_INVALID). */
uint32_t lpu_st(unsigned lpu, int driver_result);
/* Interrupts of LPU `lpu` the PLIC delivered since the last call (pending ones included). */
unsigned lpu_claims(unsigned lpu);

#endif /* NODEVP_TESTS_LPU_TEST_H */
