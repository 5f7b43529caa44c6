/* GSP firmware internals: register and HBM access on the GSP's private bus, and the pieces of
 * main (docs/gpu/device.md). */
#ifndef NODEVP_FIRMWARE_GPU_GSP_H
#define NODEVP_FIRMWARE_GPU_GSP_H

#include <stdint.h>

#include "gen/node.h"

static inline uint32_t gsp_reg_read(uint32_t offset) {
    return *(volatile uint32_t*)(uintptr_t)(GPU_GSP_REGS_BASE + offset);
}
static inline void gsp_reg_write(uint32_t offset, uint32_t value) {
    *(volatile uint32_t*)(uintptr_t)(GPU_GSP_REGS_BASE + offset) = value;
}
static inline volatile uint32_t* gsp_hbm_word(uint32_t offset) {
    return (volatile uint32_t*)(uintptr_t)(GPU_GSP_HBM_BASE + offset);
}

/* Sleeps until one of `mask` (GSP_INT_STATUS bits) is pending, clears those bits and returns
 * them. Other pending bits stay pending. */
uint32_t gsp_wait(uint32_t mask);

/* HBM initialisation (hbm.c): the training sequence, then a pattern test through the GSP's HBM
 * window. Returns a GPU_HBM_* result. */
uint32_t gsp_hbm_init(void);

/* Executes the request in MBOX_REQ, fills MBOX_RSP[1..] (command.c); returns the status word. */
uint32_t gsp_command(void);

/* Reads CHAN_ERR_GSP, clears it and appends one error-log record per stopped channel. */
void gsp_collect_errors(void);

/* Counters reported by GPU_CMD_STATUS. */
struct gsp_counters {
    uint32_t requests;
    uint32_t failed;
    uint32_t channel_errors;
    uint32_t hbm_result;
};
extern struct gsp_counters gsp_counters;

#endif /* NODEVP_FIRMWARE_GPU_GSP_H */
