#include "tests/lpu/platform/lpu_test.h"

#include "firmware/lib/node_rt.h"
#include "firmware/lpu/lpu_mbox.h"
#include "gen/node.h"
#include "tests/firmware/check.h"

struct nv_node lpu_node;
static uint64_t lpu_claims_seen[NV_LPU_MAX];

void lpu_test_init(void) {
    CHECK_EQ(nv_init(&lpu_node, node_dtb()), NV_OK);
}

uint32_t lpu_read(unsigned lpu, uint32_t offset) {
    return *(volatile uint32_t*)(uintptr_t)(lpu_node.lpu[lpu].regs + offset);
}

void lpu_write(unsigned lpu, uint32_t offset, uint32_t value) {
    *(volatile uint32_t*)(uintptr_t)(lpu_node.lpu[lpu].regs + offset) = value;
}

uint32_t lpu_st(unsigned lpu, int driver_result) {
    CHECK(driver_result != NV_E_TIMEOUT && driver_result != NV_E_INVALID);
    return lpu_node.lpu[lpu].last_status;
}

unsigned lpu_claims(unsigned lpu) {
    nv_irq_drain(&lpu_node);
    const uint64_t n = lpu_node.lpu[lpu].irqs - lpu_claims_seen[lpu];
    lpu_claims_seen[lpu] = lpu_node.lpu[lpu].irqs;
    return (unsigned)n;
}

void lpu_test_boot(unsigned lpu) {
    CHECK(lpu < lpu_node.lpus);
    CHECK_EQ(lpu_read(lpu, LPU_ID), LPU_ID_VALUE);
    CHECK_EQ(lpu_read(lpu, LPU_VERSION), LPU_VERSION_VALUE);
    CHECK_EQ(nv_lpu_boot(&lpu_node, lpu, nv_lpu_firmware, nv_lpu_firmware_size()), NV_OK);
    const struct nv_lpu* l = &lpu_node.lpu[lpu];
    CHECK_EQ(l->boot_status, LPU_BOOT_OK);
    CHECK_EQ(lpu_read(lpu, LPU_CONTROL) & LPU_CONTROL_DMC_RUN_MASK, LPU_CONTROL_DMC_RUN_MASK);
    CHECK_EQ(l->fw_version, LPU_FW_VERSION);
    CHECK_EQ(l->selftest, 0);
    CHECK(l->selftest_corrected >= 1);
    CHECK(lpu_claims(lpu) >= 1);
}
