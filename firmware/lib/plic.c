#include "firmware/lib/plic.h"

#include "firmware/lib/mmio.h"
#include "gen/node.h"

void plic_set_priority(unsigned source, uint32_t priority) {
    mmio_write32(NODE_PLIC_BASE + PLIC_PRIORITY(source), priority);
}

void plic_enable(unsigned context, unsigned source, int on) {
    uint64_t addr = NODE_PLIC_BASE + PLIC_ENABLE(context, source / 32);
    uint32_t bit = 1u << (source % 32);
    uint32_t v = mmio_read32(addr);
    mmio_write32(addr, on ? (v | bit) : (v & ~bit));
}

void plic_set_threshold(unsigned context, uint32_t threshold) {
    mmio_write32(NODE_PLIC_BASE + PLIC_THRESHOLD(context), threshold);
}

uint32_t plic_claim(unsigned context) {
    return mmio_read32(NODE_PLIC_BASE + PLIC_CLAIM(context));
}

void plic_complete(unsigned context, uint32_t source) {
    mmio_write32(NODE_PLIC_BASE + PLIC_CLAIM(context), source);
}

int plic_pending(unsigned source) {
    return (mmio_read32(NODE_PLIC_BASE + PLIC_PENDING(source / 32)) >> (source % 32)) & 1;
}
