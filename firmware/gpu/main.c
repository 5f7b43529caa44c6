/* GSP firmware: boot, HBM initialisation, then the mailbox loop, which also collects channel
 * error reports (docs/gpu/device.md). */
#include "firmware/gpu/gsp.h"
#include "firmware/lib/csr.h"
#include "sw/include/nodevp/gpu_abi.h"

struct gsp_counters gsp_counters;

uint32_t gsp_wait(uint32_t mask) {
    for (;;) {
        uint32_t pending = gsp_reg_read(GPU_GSP_INT_STATUS) & mask;
        if (pending) {
            gsp_reg_write(GPU_GSP_INT_STATUS, pending);
            return pending;
        }
        /* mstatus.MIE is 0: WFI returns when MEIP is pending, without a trap. */
        __asm__ volatile("wfi");
    }
}

static void gsp_respond(uint32_t status) {
    gsp_reg_write(GPU_MBOX_RSP(0), status);
    gsp_reg_write(GPU_MBOX_D2H, 1);
}

int main(void) {
    gsp_reg_write(GPU_GSP_INT_ENABLE, GPU_GSP_INT_ENABLE_DOORBELL_MASK |
                                          GPU_GSP_INT_ENABLE_CHANNEL_ERROR_MASK |
                                          GPU_GSP_INT_ENABLE_HBM_MASK);
    csr_write(mie, CSR_MIP_MEIP);

    gsp_counters.hbm_result = gsp_hbm_init();
    gsp_reg_write(GPU_MBOX_RSP(1), GPU_FW_VERSION);
    gsp_reg_write(GPU_MBOX_RSP(2), gsp_counters.hbm_result);
    gsp_reg_write(GPU_MBOX_RSP(3), gsp_reg_read(GPU_CHANNELS));
    gsp_respond(GPU_MBOX_READY);

    for (;;) {
        uint32_t pending =
            gsp_wait(GPU_GSP_INT_STATUS_DOORBELL_MASK | GPU_GSP_INT_STATUS_CHANNEL_ERROR_MASK);
        if (pending & GPU_GSP_INT_STATUS_CHANNEL_ERROR_MASK) gsp_collect_errors();
        if (pending & GPU_GSP_INT_STATUS_DOORBELL_MASK) {
            for (unsigned i = 1; i < GPU_MBOX_RSP_COUNT; ++i) gsp_reg_write(GPU_MBOX_RSP(i), 0);
            uint32_t status = gsp_command();
            gsp_counters.requests++;
            if (status != GPU_ST_OK && status != GPU_ST_EMPTY) gsp_counters.failed++;
            gsp_respond(status);
        }
    }
}
