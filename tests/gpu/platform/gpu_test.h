/* Helpers of the GPU platform tests on top of the host driver (sw/driver): the node, BAR0
 * access, mailbox statuses and interrupt counts in the form the checks compare. */
#ifndef NODEVP_TESTS_GPU_TEST_H
#define NODEVP_TESTS_GPU_TEST_H

#include <stdint.h>

#include "nodevp/driver.h"

extern struct nv_node gpu_node;

/* nv_init from the boot DTB, nv_gpu_boot with the embedded GSP firmware and the checks of a good
 * boot (BOOT_OK, READY with the HBM initialised, its interrupt). A failure ends the run. */
void gpu_test_boot(void);
uint32_t gpu_read(uint32_t offset);
void gpu_write(uint32_t offset, uint32_t value);
/* The GSP's status word (GPU_ST_*) of the request a driver call made (it must have been
 * answered: not NV_E_TIMEOUT / NV_E_INVALID / NV_E_NO_MEMORY). */
uint32_t gpu_st(int driver_result);
/* Interrupts of the GPU the PLIC delivered since the last call (pending ones included). */
unsigned gpu_claims(void);

#endif /* NODEVP_TESTS_GPU_TEST_H */
