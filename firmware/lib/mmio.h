/* Volatile MMIO accessors. Addresses come from gen/node.h (64-bit literals, narrowed here). */
#ifndef NODEVP_FIRMWARE_MMIO_H
#define NODEVP_FIRMWARE_MMIO_H

#include <stdint.h>

static inline volatile void* mmio_ptr(uint64_t addr) {
    return (volatile void*)(uintptr_t)addr;
}
static inline uint8_t mmio_read8(uint64_t a) {
    return *(volatile uint8_t*)mmio_ptr(a);
}
static inline uint32_t mmio_read32(uint64_t a) {
    return *(volatile uint32_t*)mmio_ptr(a);
}
static inline void mmio_write8(uint64_t a, uint8_t v) {
    *(volatile uint8_t*)mmio_ptr(a) = v;
}
static inline void mmio_write32(uint64_t a, uint32_t v) {
    *(volatile uint32_t*)mmio_ptr(a) = v;
}

#endif /* NODEVP_FIRMWARE_MMIO_H */
