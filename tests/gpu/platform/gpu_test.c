#include "tests/gpu/platform/gpu_test.h"

#include <stdio.h>

#include "firmware/lib/node_rt.h"
#include "gen/node.h"
#include "tests/firmware/check.h"

struct nv_node gpu_node;
static uint64_t gpu_claims_seen;

uint32_t gpu_read(uint32_t offset) {
    return *(volatile uint32_t*)(uintptr_t)(gpu_node.gpu.regs + offset);
}

void gpu_write(uint32_t offset, uint32_t value) {
    *(volatile uint32_t*)(uintptr_t)(gpu_node.gpu.regs + offset) = value;
}

uint32_t gpu_st(int driver_result) {
    CHECK(driver_result != NV_E_TIMEOUT && driver_result != NV_E_INVALID &&
          driver_result != NV_E_NO_MEMORY);
    return gpu_node.gpu.last_status;
}

unsigned gpu_claims(void) {
    nv_irq_drain(&gpu_node);
    const uint64_t n = gpu_node.gpu.irqs - gpu_claims_seen;
    gpu_claims_seen = gpu_node.gpu.irqs;
    return (unsigned)n;
}

void gpu_test_boot(void) {
    if (!gpu_node.dtb) CHECK_EQ(nv_init(&gpu_node, node_dtb()), NV_OK);
    CHECK(gpu_node.has_gpu);
    CHECK_EQ(gpu_read(GPU_ID), GPU_ID_VALUE);
    CHECK_EQ(gpu_read(GPU_VERSION), GPU_VERSION_VALUE);
    const int e = nv_gpu_boot(&gpu_node, nv_gpu_firmware, nv_gpu_firmware_size());
    if (e)
        printf("gpu: %s (BOOT_STATUS %u: %s)\n", nv_strerror(e), (unsigned)gpu_node.gpu.boot_status,
               nv_boot_status_str(gpu_node.gpu.boot_status));
    CHECK_EQ(gpu_node.gpu.boot_status, GPU_BOOT_OK);
    CHECK_EQ(e, NV_OK);
    CHECK_EQ(gpu_node.gpu.fw_version, GPU_FW_VERSION);
    CHECK_EQ(gpu_node.gpu.hbm_init, GPU_HBM_OK);
    CHECK_EQ(gpu_node.gpu.channels, gpu_read(GPU_CHANNELS));
    CHECK(gpu_read(GPU_STATUS) & GPU_STATUS_HBM_READY_MASK);
    CHECK(gpu_claims() >= 1);
}
