#include "firmware/lib/clint.h"

#include "firmware/lib/mmio.h"
#include "gen/node.h"

#ifdef NODE_RT_SMODE
/* S mode: OpenSBI keeps the CLINT to itself (PMP); time, timer and IPIs go through the time CSR
 * and SBI. Only this hart's timer can be set; clint_mtimecmp returns what it was last set to
 * (UINT64_MAX before: OpenSBI resets each hart's mtimecmp to all ones). */
#include "firmware/lib/csr.h"
#include "firmware/lib/node_rt.h"
#include "firmware/lib/rt_config.h"
#include "firmware/lib/sbi.h"

static uint64_t clint_stimecmp[NODE_RT_HARTS_MAX] = {[0 ... NODE_RT_HARTS_MAX - 1] = UINT64_MAX};

uint64_t clint_mtime(void) {
    return csr_read(time);
}

uint64_t clint_mtimecmp(unsigned hart) {
    return hart < NODE_RT_HARTS_MAX ? clint_stimecmp[hart] : UINT64_MAX;
}

void clint_set_mtimecmp(unsigned hart, uint64_t value) {
    if (hart != node_hartid() || hart >= NODE_RT_HARTS_MAX) return;
    clint_stimecmp[hart] = value;
    sbi_set_timer(value);
}

void clint_set_msip(unsigned hart, int pending) {
    if (pending)
        sbi_send_ipi(1UL, hart);
    else if (hart == node_hartid())
        csr_clear(sip, CSR_SIP_SSIP);
}
#else
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
#endif
