/* The driver's only contact with the hart and the bus: MMIO words, the time CSR, WFI, the mie /
 * mstatus bits it uses, the hart id and the end of the program image. On the target these are
 * inline instructions; built with NV_DRIVER_HOST_MOCK (tests/unit/driver) they are functions a
 * host bench provides, which models the devices and records the register accesses. */
#ifndef NODEVP_DRIVER_PORT_H
#define NODEVP_DRIVER_PORT_H

#include <stdint.h>

#define NV_PORT_MIE_MTIE (1ul << 7)
#define NV_PORT_MIE_MEIE (1ul << 11)

#ifdef NV_DRIVER_HOST_MOCK

#ifdef __cplusplus
extern "C" {
#endif
uint32_t nv_rd32(uint64_t addr);
void nv_wr32(uint64_t addr, uint32_t value);
uint64_t nv_port_time(void);
void nv_port_wfi(void);
unsigned long nv_port_mie(void);
void nv_port_mie_set(unsigned long bits);
void nv_port_mie_clear(unsigned long bits);
void nv_port_disable_traps(void); /* mstatus.MIE = 0 */
unsigned nv_port_hartid(void);
uint64_t nv_port_image_end(void);
#ifdef __cplusplus
}
#endif

#else

#include "firmware/lib/csr.h"

static inline uint32_t nv_rd32(uint64_t addr) {
    return *(volatile uint32_t*)(uintptr_t)addr;
}
static inline void nv_wr32(uint64_t addr, uint32_t value) {
    *(volatile uint32_t*)(uintptr_t)addr = value;
}
static inline uint64_t nv_port_time(void) {
    return csr_read(time);
}
static inline void nv_port_wfi(void) {
    __asm__ volatile("wfi");
}
static inline unsigned long nv_port_mie(void) {
    return csr_read(mie);
}
static inline void nv_port_mie_set(unsigned long bits) {
    csr_set(mie, bits);
}
static inline void nv_port_mie_clear(unsigned long bits) {
    csr_clear(mie, bits);
}
static inline void nv_port_disable_traps(void) {
    csr_clear(mstatus, CSR_MSTATUS_MIE);
}
static inline unsigned nv_port_hartid(void) {
    return (unsigned)csr_read(mhartid);
}
extern char _end[]; /* end of the program's image, stacks and malloc heap (firmware/lib/node.ld) */
static inline uint64_t nv_port_image_end(void) {
    return (uint64_t)(uintptr_t)_end;
}

#endif /* NV_DRIVER_HOST_MOCK */

#endif /* NODEVP_DRIVER_PORT_H */
