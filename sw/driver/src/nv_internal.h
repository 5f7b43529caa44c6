/* Internals of the host driver shared by its source files (not part of the API). */
#ifndef NODEVP_DRIVER_INTERNAL_H
#define NODEVP_DRIVER_INTERNAL_H

#include <stdint.h>

#include "sw/driver/include/nodevp/driver.h"
#include "sw/driver/src/nv_port.h"

static inline uint64_t nv_rd64(uint64_t addr) {
    return (uint64_t)nv_rd32(addr) | (uint64_t)nv_rd32(addr + 4) << 32;
}
static inline void nv_wr64(uint64_t addr, uint64_t value) {
    nv_wr32(addr, (uint32_t)value);
    nv_wr32(addr + 4, (uint32_t)(value >> 32));
}

/* A condition a wait sleeps on: returns 1 when met, 0 to keep waiting, or a negative NV_E_*
 * code to stop waiting with that error. */
typedef int (*nv_ready_fn)(struct nv_node* node, void* ctx);

/* What a wait waits for, formatted only if it times out: printf(fmt, a, b) with two unsigned
 * long long arguments (e.g. "lpu%llu: answer to mailbox request %llu"; "%.0llu" prints nothing
 * for an unused 0). */
struct nv_wait_what {
    const char* fmt;
    unsigned long long a, b;
};

/* Sleeps in WFI until ready() is not 0: interrupts from the PLIC wake the hart (claimed and
 * completed here, counted per device); with poll_ns != 0 the CLINT timer also wakes it every
 * poll_ns (conditions no interrupt announces). After node->wait_budget_ns of simulated time
 * without the condition, prints "nodevp driver: <what>: timed out (wait budget N ns of simulated
 * time)" (no measured time: the message is the same in every fabric fidelity) and returns
 * NV_E_TIMEOUT. */
int nv_wait(struct nv_node* node, struct nv_wait_what what, nv_ready_fn ready, void* ctx,
            uint64_t poll_ns);

/* Enables a PLIC source for the driving hart's M-mode context. */
void nv_irq_enable(struct nv_node* node, unsigned source);

/* Copies an image into a device's instruction memory through its register window (32-bit
 * stores; a short last word is zero-padded). */
void nv_copy_imem(uint64_t imem, const uint8_t* image, size_t length);

/* Prints a driver diagnostic line ("nodevp driver: ..."). */
void nv_log(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* NODEVP_DRIVER_INTERNAL_H */
