#include "firmware/lib/clint.h"

#include "firmware/lib/mmio.h"
#include "gen/node.h"

static uint64_t clint_read64(uint64_t addr) {
    uint32_t hi, lo;
    do {
        hi = mmio_read32(addr + 4);
        lo = mmio_read32(addr);
    } while (hi != mmio_read32(addr + 4));
    return (uint64_t)hi << 32 | lo;
}

uint64_t clint_mtime(void) {
    return clint_read64(NODE_CLINT_BASE + CLINT_MTIME);
}

uint64_t clint_mtimecmp(unsigned hart) {
    return clint_read64(NODE_CLINT_BASE + CLINT_MTIMECMP(hart));
}

void clint_set_mtimecmp(unsigned hart, uint64_t value) {
    uint64_t addr = NODE_CLINT_BASE + CLINT_MTIMECMP(hart);
    mmio_write32(addr + 4, 0xffffffffu);
    mmio_write32(addr, (uint32_t)value);
    mmio_write32(addr + 4, (uint32_t)(value >> 32));
}

void clint_set_msip(unsigned hart, int pending) {
    mmio_write32(NODE_CLINT_BASE + CLINT_MSIP(hart), pending ? CLINT_MSIP_MSIP_MASK : 0);
}
