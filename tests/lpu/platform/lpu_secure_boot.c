/* LPU secure boot on the platform (default node, lpu.firmware_sha256 = auto), through the host
 * driver: a copy of the DMC firmware with one flipped byte is refused (NV_E_TAMPERED, BOOT_STATUS
 * TAMPERED, the boot-error interrupt, the DMC still in reset), so is FW_SIZE 0 (BAD_SIZE); then
 * the genuine image boots and answers PING (LPU 0). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "firmware/lpu/lpu_mbox.h"
#include "gen/node.h"
#include "tests/firmware/check.h"
#include "tests/lpu/platform/lpu_test.h"

static uint8_t tampered[LPU_DMC_IMEM_SIZE];

static void expect_refused(unsigned lpu, uint32_t status, const uint8_t* image, size_t length) {
    const int e = nv_lpu_boot(&lpu_node, lpu, image, length);
    CHECK_EQ(lpu_node.lpu[lpu].boot_status, status);
    CHECK_EQ(e, status == LPU_BOOT_TAMPERED ? NV_E_TAMPERED : NV_E_BAD_IMAGE);
    CHECK_EQ(lpu_claims(lpu), 1); /* the BOOT_ERROR interrupt, consumed by the driver */
    CHECK_EQ(lpu_read(lpu, LPU_CONTROL) & LPU_CONTROL_DMC_RUN_MASK, 0);
    CHECK_EQ(lpu_read(lpu, LPU_STATUS) & LPU_STATUS_DMC_RUNNING_MASK, 0);
    CHECK_EQ(nv_lpu_take_events(&lpu_node, lpu, LPU_INT_STATUS_MAILBOX_MASK), 0); /* no DMC */
    printf("lpu%u: %s (BOOT_STATUS %u: %s)\n", lpu, nv_strerror(e),
           (unsigned)lpu_node.lpu[lpu].boot_status,
           nv_boot_status_str(lpu_node.lpu[lpu].boot_status));
}

int main(void) {
    lpu_test_init();
    const size_t length = nv_lpu_firmware_size();
    CHECK(length > 64 && length <= sizeof tampered);
    const unsigned lpu = 0;
    CHECK_EQ(lpu_read(lpu, LPU_BOOT_STATUS), LPU_BOOT_NONE);
    memcpy(tampered, nv_lpu_firmware, length);
    tampered[length / 2] ^= 0x20;
    expect_refused(lpu, LPU_BOOT_TAMPERED, tampered, length);
    printf("lpu0: tampered image refused, BOOT_STATUS %u\n",
           (unsigned)lpu_read(lpu, LPU_BOOT_STATUS));
    expect_refused(lpu, LPU_BOOT_BAD_SIZE, nv_lpu_firmware, 0);
    lpu_test_boot(lpu); /* the genuine image: BOOT_OK, READY, PING */
    CHECK_EQ(lpu_read(lpu, LPU_BOOT_STATUS), LPU_BOOT_OK);
    printf("lpu0: genuine image booted\n");
    printf("lpu secure boot: pass\n");
    return 0;
}
