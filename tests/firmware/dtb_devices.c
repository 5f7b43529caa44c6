/* Device discovery from the DTB the boot ROM hands over: on the default node the tree describes
 * 2 LPUs and 1 GPU, at the windows, apertures and PLIC sources of gen/node.h; the aperture
 * sizes match what the devices themselves report (LPU SRAM_SIZE, GPU HBM_SIZE). */
#include <stdint.h>
#include <stdio.h>

#include "firmware/lib/dtb.h"
#include "firmware/lib/mmio.h"
#include "firmware/lib/node_rt.h"
#include "gen/node.h"
#include "tests/firmware/check.h"

static uint64_t dtb_devices_read64(uint64_t addr) {
    return (uint64_t)mmio_read32(addr) | (uint64_t)mmio_read32(addr + 4) << 32;
}

int main(void) {
    const void* dtb = node_dtb();
    CHECK(dtb != 0);
    CHECK_EQ(dtb_count_compatible(dtb, "nodevp,lpu"), 2);
    CHECK_EQ(dtb_count_compatible(dtb, "nodevp,gpu"), 1);
    CHECK_EQ(dtb_count_compatible(dtb, "nodevp,npu"), 0);
    CHECK_EQ(dtb_count_compatible(dtb, "nodevp"), 0); /* whole strings only */

    struct dtb_device dev;
    for (unsigned n = 0; n < 2; ++n) {
        CHECK(dtb_find_compatible(dtb, "nodevp,lpu", n, &dev));
        CHECK_EQ(dev.regs, 2);
        CHECK_EQ(dev.reg[0].base, NODE_LPU_BASE(n));
        CHECK_EQ(dev.reg[0].size, NODE_LPU_SIZE);
        CHECK_EQ(dev.reg[1].base, NODE_LPU_SRAM_BASE(n));
        CHECK_EQ(dev.reg[1].size, dtb_devices_read64(dev.reg[0].base + LPU_SRAM_SIZE));
        CHECK_EQ(dev.irq, NODE_LPU_IRQ(n));
        CHECK_EQ(mmio_read32(dev.reg[0].base + LPU_ID), LPU_ID_VALUE);
        printf("lpu%u: regs %#llx+%#llx sram %#llx+%#llx irq %u\n", n,
               (unsigned long long)dev.reg[0].base, (unsigned long long)dev.reg[0].size,
               (unsigned long long)dev.reg[1].base, (unsigned long long)dev.reg[1].size,
               (unsigned)dev.irq);
    }
    CHECK(!dtb_find_compatible(dtb, "nodevp,lpu", 2, &dev));

    CHECK(dtb_find_compatible(dtb, "nodevp,gpu", 0, &dev));
    CHECK_EQ(dev.regs, 2);
    CHECK_EQ(dev.reg[0].base, NODE_GPU_BASE);
    CHECK_EQ(dev.reg[0].size, NODE_GPU_SIZE);
    CHECK_EQ(dev.reg[1].base, NODE_HBM_BASE);
    CHECK_EQ(dev.reg[1].size, dtb_devices_read64(dev.reg[0].base + GPU_HBM_SIZE));
    CHECK_EQ(dev.irq, NODE_GPU_IRQ);
    CHECK_EQ(mmio_read32(dev.reg[0].base + GPU_ID), GPU_ID_VALUE);
    printf("gpu: bar0 %#llx+%#llx hbm %#llx+%#llx irq %u\n", (unsigned long long)dev.reg[0].base,
           (unsigned long long)dev.reg[0].size, (unsigned long long)dev.reg[1].base,
           (unsigned long long)dev.reg[1].size, (unsigned)dev.irq);

    CHECK(!dtb_find_compatible(0, "nodevp,gpu", 0, &dev));
    printf("dtb devices: pass\n");
    return 0;
}
