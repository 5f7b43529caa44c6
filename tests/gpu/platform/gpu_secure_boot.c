/* GPU secure boot on the platform (default node, gpu.firmware_sha256 = auto): a copy of the
 * embedded GSP firmware with one flipped byte is refused (BOOT_STATUS TAMPERED, INT_STATUS
 * BOOT_ERROR, the GSP still in reset), so is FW_SIZE 0 (BAD_SIZE); then the genuine image boots
 * (READY, HBM initialised). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "gen/node.h"
#include "tests/firmware/check.h"
#include "tests/gpu/platform/gpu_host.h"

static uint8_t tampered[GPU_GSP_IMEM_SIZE];

static void expect_refused(uint32_t status, const uint8_t* image, size_t length) {
    CHECK_EQ(gpu_start_gsp(image, length), status);
    CHECK_EQ(gpu_read(GPU_INT_STATUS) & GPU_INT_STATUS_BOOT_ERROR_MASK,
             GPU_INT_STATUS_BOOT_ERROR_MASK);
    gpu_write(GPU_INT_STATUS, GPU_INT_STATUS_BOOT_ERROR_MASK);
    CHECK_EQ(gpu_read(GPU_INT_STATUS) & GPU_INT_STATUS_BOOT_ERROR_MASK, 0);
    CHECK_EQ(gpu_read(GPU_GSP_CONTROL) & GPU_GSP_CONTROL_RUN_MASK, 0);
    CHECK_EQ(gpu_read(GPU_STATUS) & GPU_STATUS_GSP_RUNNING_MASK, 0);
}

int main(void) {
    const size_t length = gpu_gsp_image_size();
    CHECK(length > 64 && length <= sizeof tampered);
    CHECK_EQ(gpu_read(GPU_BOOT_STATUS), GPU_BOOT_NONE);
    memcpy(tampered, gpu_gsp_image, length);
    tampered[length - 1] ^= 0x01;
    expect_refused(GPU_BOOT_TAMPERED, tampered, length);
    printf("gpu: tampered image refused, BOOT_STATUS %u\n", (unsigned)gpu_read(GPU_BOOT_STATUS));
    expect_refused(GPU_BOOT_BAD_SIZE, gpu_gsp_image, 0);
    gpu_boot(); /* the genuine image: BOOT_OK, READY */
    CHECK_EQ(gpu_read(GPU_BOOT_STATUS), GPU_BOOT_OK);
    printf("gpu: genuine image booted\ngpu secure boot: pass\n");
    return 0;
}
