/* PLIC (sifive,plic-1.0.0). Context 2h is hart h's M-mode, 2h + 1 its S-mode. */
#ifndef NODEVP_FIRMWARE_PLIC_H
#define NODEVP_FIRMWARE_PLIC_H

#include <stdint.h>

static inline unsigned plic_context_m(unsigned hart) {
    return 2 * hart;
}
static inline unsigned plic_context_s(unsigned hart) {
    return 2 * hart + 1;
}
/* The context of the runtime's mode: M, or S with NODE_RT_SMODE (its interrupt is SEIP). */
static inline unsigned plic_context(unsigned hart) {
#ifdef NODE_RT_SMODE
    return plic_context_s(hart);
#else
    return plic_context_m(hart);
#endif
}
void plic_set_priority(unsigned source, uint32_t priority);
void plic_enable(unsigned context, unsigned source, int on);
void plic_set_threshold(unsigned context, uint32_t threshold);
/* Returns the claimed source, 0 if none is pending. */
uint32_t plic_claim(unsigned context);
void plic_complete(unsigned context, uint32_t source);
int plic_pending(unsigned source);

#endif /* NODEVP_FIRMWARE_PLIC_H */
