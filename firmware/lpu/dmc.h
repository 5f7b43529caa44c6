/* DMC firmware internals: register access on the DMC's private bus and the pieces of main. */
#ifndef NODEVP_FIRMWARE_LPU_DMC_H
#define NODEVP_FIRMWARE_LPU_DMC_H

#include <stdint.h>

#include "gen/node.h"

static inline uint32_t dmc_reg_read(uint32_t offset) {
    return *(volatile uint32_t*)(uintptr_t)(LPU_DMC_REGS_BASE + offset);
}
static inline void dmc_reg_write(uint32_t offset, uint32_t value) {
    *(volatile uint32_t*)(uintptr_t)(LPU_DMC_REGS_BASE + offset) = value;
}
static inline volatile uint32_t* dmc_sram_word(uint32_t offset) {
    return (volatile uint32_t*)(uintptr_t)(LPU_DMC_SRAM_BASE + offset);
}

/* Sleeps until one of `mask` (DMC_INT_STATUS bits) is pending, clears those bits and returns
 * them. Other pending bits stay pending. */
uint32_t dmc_wait(uint32_t mask);

/* DMA: one transfer in direction `dir` (LPU_DMA_DIR_*); returns 0 on success. */
int dmc_dma(uint32_t dir, uint64_t src, uint64_t dst, uint32_t length);

/* Boot self-test of the SRAM and its ECC (selftest.c): 0 on pass, else the failed step (1..).
 * *corrected receives the number of single-bit errors corrected meanwhile. */
uint32_t dmc_selftest(uint32_t* corrected);

/* Executes the request in MBOX_REQ and fills MBOX_RSP (command.c); returns the status word. */
uint32_t dmc_command(void);

/* Counters reported by LPU_CMD_STATUS. */
struct dmc_counters {
    uint32_t commands;
    uint32_t errors;
    uint32_t programs;
    uint32_t dma_bytes;
    uint32_t selftest;
};
extern struct dmc_counters dmc_counters;

#endif /* NODEVP_FIRMWARE_LPU_DMC_H */
