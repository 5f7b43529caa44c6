/* LPU DMC firmware: boot, self-test, then the mailbox command loop (docs/lpu/device.md). */
#include "firmware/lib/csr.h"
#include "firmware/lpu/dmc.h"
#include "firmware/lpu/lpu_mbox.h"

struct dmc_counters dmc_counters;

uint32_t dmc_wait(uint32_t mask) {
    for (;;) {
        uint32_t pending = dmc_reg_read(LPU_DMC_INT_STATUS) & mask;
        if (pending) {
            dmc_reg_write(LPU_DMC_INT_STATUS, pending);
            return pending;
        }
        /* mstatus.MIE is 0: WFI returns when MEIP is pending, without a trap. */
        __asm__ volatile("wfi");
    }
}

int dmc_dma(uint32_t dir, uint64_t src, uint64_t dst, uint32_t length) {
    dmc_reg_write(LPU_DMA_SRC, (uint32_t)src);
    dmc_reg_write(LPU_DMA_SRC + 4, (uint32_t)(src >> 32));
    dmc_reg_write(LPU_DMA_DST, (uint32_t)dst);
    dmc_reg_write(LPU_DMA_DST + 4, (uint32_t)(dst >> 32));
    dmc_reg_write(LPU_DMA_LEN, length);
    dmc_reg_write(LPU_DMA_CTRL, (dir << LPU_DMA_CTRL_DIR_SHIFT) | LPU_DMA_CTRL_START_MASK);
    dmc_wait(LPU_DMC_INT_STATUS_DMA_MASK);
    if (dmc_reg_read(LPU_DMA_STATUS) & LPU_DMA_STATUS_ERROR_MASK) return -1;
    dmc_counters.dma_bytes += length;
    return 0;
}

int main(void) {
    dmc_reg_write(LPU_DMC_INT_ENABLE,
                  LPU_DMC_INT_ENABLE_DOORBELL_MASK | LPU_DMC_INT_ENABLE_DONE_MASK |
                      LPU_DMC_INT_ENABLE_ERROR_MASK | LPU_DMC_INT_ENABLE_DMA_MASK);
    csr_write(mie, CSR_MIP_MEIP);

    uint32_t corrected = 0;
    dmc_counters.selftest = dmc_selftest(&corrected);
    dmc_reg_write(LPU_MBOX_RSP(0), LPU_MBOX_READY);
    dmc_reg_write(LPU_MBOX_RSP(LPU_READY_VERSION), LPU_FW_VERSION);
    dmc_reg_write(LPU_MBOX_RSP(LPU_READY_SELFTEST), dmc_counters.selftest);
    dmc_reg_write(LPU_MBOX_RSP(LPU_READY_CORRECTED), corrected);
    dmc_reg_write(LPU_MBOX_D2H, 1);

    for (;;) {
        dmc_wait(LPU_DMC_INT_STATUS_DOORBELL_MASK);
        uint32_t status = dmc_command();
        dmc_reg_write(LPU_MBOX_RSP(0), status);
        dmc_counters.commands++;
        if (status != LPU_ST_OK) dmc_counters.errors++;
        dmc_reg_write(LPU_MBOX_D2H, 1);
    }
}
