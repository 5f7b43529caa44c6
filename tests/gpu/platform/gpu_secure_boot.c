/* GPU secure boot on the platform (default node, gpu.firmware_sha256 = auto), through the host
 * driver: a copy of the GSP firmware with one flipped byte is refused (NV_E_TAMPERED,
 * BOOT_STATUS TAMPERED, INT_STATUS BOOT_ERROR, the GSP still in reset), so is FW_SIZE 0
 * (BAD_SIZE); then the genuine image boots (READY, HBM initialised). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "firmware/lib/node_rt.h"
#include "gen/node.h"
#include "tests/firmware/check.h"
#include "tests/gpu/platform/gpu_test.h"

static uint8_t tampered[GPU_GSP_IMEM_SIZE];

static void expect_refused(uint32_t status, const uint8_t* image, size_t length) {
    const int e = nv_gpu_boot(&gpu_node, image, length);
    CHECK_EQ(gpu_node.gpu.boot_status, status);
    CHECK_EQ(e, status == GPU_BOOT_TAMPERED ? NV_E_TAMPERED : NV_E_BAD_IMAGE);
    CHECK_EQ(gpu_claims(), 1); /* INT_STATUS.BOOT_ERROR, consumed by the driver */
    CHECK_EQ(gpu_read(GPU_INT_STATUS) & GPU_INT_STATUS_BOOT_ERROR_MASK, 0);
    CHECK_EQ(gpu_read(GPU_GSP_CONTROL) & GPU_GSP_CONTROL_RUN_MASK, 0);
    CHECK_EQ(gpu_read(GPU_STATUS) & GPU_STATUS_GSP_RUNNING_MASK, 0);
    printf("gpu: %s (BOOT_STATUS %u: %s)\n", nv_strerror(e), (unsigned)gpu_node.gpu.boot_status,
           nv_boot_status_str(gpu_node.gpu.boot_status));
}

int main(void) {
    CHECK_EQ(nv_init(&gpu_node, node_dtb()), NV_OK);
    const size_t length = nv_gpu_firmware_size();
    CHECK(length > 64 && length <= sizeof tampered);
    CHECK_EQ(gpu_read(GPU_BOOT_STATUS), GPU_BOOT_NONE);
    memcpy(tampered, nv_gpu_firmware, length);
    tampered[length - 1] ^= 0x01;
    expect_refused(GPU_BOOT_TAMPERED, tampered, length);
    printf("gpu: tampered image refused, BOOT_STATUS %u\n", (unsigned)gpu_read(GPU_BOOT_STATUS));
    expect_refused(GPU_BOOT_BAD_SIZE, nv_gpu_firmware, 0);
    gpu_test_boot(); /* the genuine image: BOOT_OK, READY */
    CHECK_EQ(gpu_read(GPU_BOOT_STATUS), GPU_BOOT_OK);
    printf("gpu: genuine image booted\ngpu secure boot: pass\n");
    return 0;
}
