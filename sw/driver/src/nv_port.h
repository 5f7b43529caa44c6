/* The driver's only contact with the hart and the bus: MMIO words, the time CSR, WFI, the
 * interrupt-enable and status bits it uses, the hart id and the end of the program image. On the
 * target these are inline instructions on the runtime's mode's CSRs (firmware/lib/csr.h: mie /
 * mstatus in M mode, sie / sstatus with NODE_RT_SMODE, an OpenSBI payload); built with
 * NV_DRIVER_HOST_MOCK (tests/unit/driver) they are functions a host bench provides, which models
 * the devices and records the register accesses. */
#ifndef NODEVP_DRIVER_PORT_H
#define NODEVP_DRIVER_PORT_H

#include <stdint.h>

#ifdef NV_DRIVER_HOST_MOCK

/* The host bench models an M-mode hart: mie's MTIE and MEIE. */
#define NV_PORT_IE_TIMER (1ul << 7)
#define NV_PORT_IE_EXT (1ul << 11)

#ifdef __cplusplus
extern "C" {
#endif
uint32_t nv_rd32(uint64_t addr);
void nv_wr32(uint64_t addr, uint32_t value);
uint64_t nv_port_time(void);
void nv_port_wfi(void);
unsigned long nv_port_xie(void);
void nv_port_xie_set(unsigned long bits);
void nv_port_xie_clear(unsigned long bits);
void nv_port_disable_traps(void); /* mstatus.MIE = 0 */
unsigned nv_port_hartid(void);
uint64_t nv_port_image_end(void);
#ifdef __cplusplus
}
#endif

#else

#include "firmware/lib/csr.h"
#include "firmware/lib/node_rt.h"

/* The timer and external interrupt enables of the runtime's mode (MTIE / MEIE, or STIE / SEIE). */
#define NV_PORT_IE_TIMER CSR_XIP_TIMER
#define NV_PORT_IE_EXT CSR_XIP_EXT

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
static inline unsigned long nv_port_xie(void) {
    return csr_read(CSR_XIE);
}
static inline void nv_port_xie_set(unsigned long bits) {
    csr_set(CSR_XIE, bits);
}
static inline void nv_port_xie_clear(unsigned long bits) {
    csr_clear(CSR_XIE, bits);
}
static inline void nv_port_disable_traps(void) { /* mstatus.MIE or sstatus.SIE = 0 */
    csr_clear(CSR_XSTATUS, CSR_XSTATUS_IE);
}
static inline unsigned nv_port_hartid(void) {
    return node_hartid();
}
extern char _end[]; /* end of the program's image, stacks and malloc heap (firmware/lib/node.ld) */
static inline uint64_t nv_port_image_end(void) {
    return (uint64_t)(uintptr_t)_end;
}

#endif /* NV_DRIVER_HOST_MOCK */

#endif /* NODEVP_DRIVER_PORT_H */
