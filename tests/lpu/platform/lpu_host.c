#include "tests/lpu/platform/lpu_host.h"

#include "firmware/lib/csr.h"
#include "firmware/lib/mmio.h"
#include "firmware/lib/plic.h"
#include "firmware/lpu/lpu_mbox.h"
#include "gen/node.h"
#include "tests/firmware/check.h"

size_t lpu_dmc_image_size(void) {
    return (size_t)(lpu_dmc_image_end - lpu_dmc_image);
}

static uint32_t lpu_seen[NODE_LPU_COUNT_MAX];
static unsigned lpu_claim_count;

uint32_t lpu_read(unsigned lpu, uint32_t offset) {
    return mmio_read32(NODE_LPU_BASE(lpu) + offset);
}

void lpu_write(unsigned lpu, uint32_t offset, uint32_t value) {
    mmio_write32(NODE_LPU_BASE(lpu) + offset, value);
}

void lpu_load_dmc(unsigned lpu, const uint8_t* image, size_t length) {
    for (size_t i = 0; i < length; i += 4) {
        uint32_t w = 0;
        for (size_t k = 0; k < 4 && i + k < length; ++k) w |= (uint32_t)image[i + k] << (8 * k);
        lpu_write(lpu, (uint32_t)(LPU_IMEM_OFFSET + i), w);
    }
}

uint32_t lpu_start_dmc(unsigned lpu, const uint8_t* image, size_t length) {
    lpu_load_dmc(lpu, image, length);
    lpu_write(lpu, LPU_FW_SIZE, (uint32_t)length);
    lpu_write(lpu, LPU_CONTROL, LPU_CONTROL_DMC_RUN_MASK);
    return lpu_read(lpu, LPU_BOOT_STATUS);
}

void lpu_irq_setup(unsigned lpu) {
    unsigned ctx = plic_context_m(0);
    lpu_write(lpu, LPU_INT_ENABLE,
              LPU_INT_ENABLE_DONE_MASK | LPU_INT_ENABLE_ERROR_MASK | LPU_INT_ENABLE_MAILBOX_MASK |
                  LPU_INT_ENABLE_BOOT_ERROR_MASK);
    plic_set_priority(NODE_LPU_IRQ(lpu), 1);
    plic_set_threshold(ctx, 0);
    plic_enable(ctx, NODE_LPU_IRQ(lpu), 1);
    csr_clear(mstatus, CSR_MSTATUS_MIE);
    csr_set(mie, CSR_MIP_MEIP);
}

uint32_t lpu_wait(unsigned lpu, uint32_t mask) {
    unsigned ctx = plic_context_m(0);
    for (;;) {
        uint32_t s = lpu_read(lpu, LPU_INT_STATUS);
        if (s) {
            lpu_write(lpu, LPU_INT_STATUS, s);
            lpu_seen[lpu] |= s;
        }
        uint32_t hit = lpu_seen[lpu] & mask;
        if (hit) {
            lpu_seen[lpu] &= ~hit;
            return hit;
        }
        __asm__ volatile("wfi");
        uint32_t source = plic_claim(ctx);
        if (source) {
            ++lpu_claim_count;
            plic_complete(ctx, source);
        }
    }
}

uint32_t lpu_take_seen(unsigned lpu, uint32_t mask) {
    uint32_t s = lpu_read(lpu, LPU_INT_STATUS);
    if (s) {
        lpu_write(lpu, LPU_INT_STATUS, s);
        lpu_seen[lpu] |= s;
    }
    uint32_t hit = lpu_seen[lpu] & mask;
    lpu_seen[lpu] &= ~hit;
    return hit;
}

unsigned lpu_claims(void) {
    /* An interrupt raised while the hart was not waiting in lpu_wait() (the device was faster
     * than the hart, as in the timed fabric) is still pending at the PLIC: claim it too. */
    unsigned ctx = plic_context_m(0);
    for (unsigned i = 0; i < 16; ++i) {
        uint32_t source = plic_claim(ctx);
        if (!source) break;
        ++lpu_claim_count;
        plic_complete(ctx, source);
    }
    unsigned n = lpu_claim_count;
    lpu_claim_count = 0;
    return n;
}

uint32_t lpu_mbox(unsigned lpu, uint32_t command, const uint32_t* args, unsigned n) {
    lpu_write(lpu, LPU_MBOX_REQ(0), command);
    for (unsigned i = 0; i < n && i + 1 < LPU_MBOX_REQ_COUNT; ++i)
        lpu_write(lpu, LPU_MBOX_REQ(i + 1), args[i]);
    lpu_write(lpu, LPU_MBOX_H2D, 1);
    lpu_wait(lpu, LPU_INT_STATUS_MAILBOX_MASK);
    return lpu_read(lpu, LPU_MBOX_RSP(0));
}

uint32_t lpu_rsp(unsigned lpu, unsigned word) {
    return lpu_read(lpu, LPU_MBOX_RSP(word));
}

void lpu_grant_window(unsigned lpu, unsigned window, uint64_t base, uint64_t size, uint32_t ctrl) {
    lpu_write(lpu, LPU_DMA_WIN_BASE(window), (uint32_t)base);
    lpu_write(lpu, LPU_DMA_WIN_BASE(window) + 4, (uint32_t)(base >> 32));
    lpu_write(lpu, LPU_DMA_WIN_SIZE(window), (uint32_t)size);
    lpu_write(lpu, LPU_DMA_WIN_SIZE(window) + 4, (uint32_t)(size >> 32));
    lpu_write(lpu, LPU_DMA_WIN_CTRL(window), ctrl);
}

void lpu_boot(unsigned lpu) {
    CHECK_EQ(lpu_read(lpu, LPU_ID), LPU_ID_VALUE);
    // The device's DMA may reach host DRAM, and nothing else (the fabric refuses the rest).
    lpu_grant_window(lpu, 0, NODE_DRAM_BASE, NODE_DRAM_SIZE,
                     LPU_DMA_WIN_CTRL_READ_MASK | LPU_DMA_WIN_CTRL_WRITE_MASK);
    CHECK_EQ(lpu_read(lpu, LPU_VERSION), LPU_VERSION_VALUE);
    lpu_irq_setup(lpu);
    CHECK_EQ(lpu_start_dmc(lpu, lpu_dmc_image, lpu_dmc_image_size()), LPU_BOOT_OK);
    CHECK_EQ(lpu_read(lpu, LPU_CONTROL) & LPU_CONTROL_DMC_RUN_MASK, LPU_CONTROL_DMC_RUN_MASK);
    lpu_wait(lpu, LPU_INT_STATUS_MAILBOX_MASK);
    CHECK_EQ(lpu_rsp(lpu, 0), LPU_MBOX_READY);
    CHECK_EQ(lpu_rsp(lpu, LPU_READY_VERSION), LPU_FW_VERSION);
    CHECK_EQ(lpu_rsp(lpu, LPU_READY_SELFTEST), 0);
    CHECK(lpu_rsp(lpu, LPU_READY_CORRECTED) >= 1);
    CHECK(lpu_claims() >= 1);
    CHECK_EQ(lpu_mbox(lpu, LPU_CMD_PING, 0, 0), LPU_ST_OK);
    CHECK_EQ(lpu_rsp(lpu, 1), LPU_FW_VERSION);
}

uint32_t lpu_load_program(unsigned lpu, const void* image, size_t length) {
    const uint64_t addr = (uint64_t)(uintptr_t)image;
    const uint32_t args[] = {(uint32_t)addr, (uint32_t)(addr >> 32), (uint32_t)length};
    return lpu_mbox(lpu, LPU_CMD_LOAD_PROGRAM, args, 3);
}

uint32_t lpu_sram_dma(unsigned lpu, uint32_t command, void* host, uint32_t offset,
                      uint32_t length) {
    const uint64_t addr = (uint64_t)(uintptr_t)host;
    const uint32_t args[] = {(uint32_t)addr, (uint32_t)(addr >> 32), offset, length};
    return lpu_mbox(lpu, command, args, 4);
}
