/* LPU secure boot on the platform (default node, lpu.firmware_sha256 = auto): a copy of the
 * embedded DMC firmware with one flipped byte is refused (BOOT_STATUS TAMPERED, the boot-error
 * interrupt, the DMC still in reset), so is FW_SIZE 0 (BAD_SIZE); then the genuine image boots
 * and answers PING (LPU 0). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "firmware/lpu/lpu_mbox.h"
#include "gen/node.h"
#include "tests/firmware/check.h"
#include "tests/lpu/platform/lpu_host.h"

static uint8_t tampered[LPU_DMC_IMEM_SIZE];

static void expect_refused(unsigned lpu, uint32_t status, const uint8_t* image, size_t length) {
    CHECK_EQ(lpu_start_dmc(lpu, image, length), status);
    CHECK_EQ(lpu_wait(lpu, LPU_INT_STATUS_BOOT_ERROR_MASK), LPU_INT_STATUS_BOOT_ERROR_MASK);
    CHECK_EQ(lpu_read(lpu, LPU_CONTROL) & LPU_CONTROL_DMC_RUN_MASK, 0);
    CHECK_EQ(lpu_read(lpu, LPU_STATUS) & LPU_STATUS_DMC_RUNNING_MASK, 0);
    CHECK_EQ(lpu_take_seen(lpu, LPU_INT_STATUS_MAILBOX_MASK), 0); /* the DMC did not run */
}

int main(void) {
    const size_t length = lpu_dmc_image_size();
    CHECK(length > 64 && length <= sizeof tampered);
    const unsigned lpu = 0;
    lpu_irq_setup(lpu);
    CHECK_EQ(lpu_read(lpu, LPU_BOOT_STATUS), LPU_BOOT_NONE);
    memcpy(tampered, lpu_dmc_image, length);
    tampered[length / 2] ^= 0x20;
    expect_refused(lpu, LPU_BOOT_TAMPERED, tampered, length);
    printf("lpu0: tampered image refused, BOOT_STATUS %u\n",
           (unsigned)lpu_read(lpu, LPU_BOOT_STATUS));
    expect_refused(lpu, LPU_BOOT_BAD_SIZE, lpu_dmc_image, 0);
    lpu_boot(lpu); /* the genuine image: BOOT_OK, READY, PING */
    CHECK_EQ(lpu_read(lpu, LPU_BOOT_STATUS), LPU_BOOT_OK);
    printf("lpu0: genuine image booted\n");
    printf("lpu secure boot: pass\n");
    return 0;
}
