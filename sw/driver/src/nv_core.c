/* Driver core: discovery from the DTB, interrupts (PLIC), bounded waits (the hart's timer), time
 * and error strings. Built for the runtime's mode: M mode (PLIC M contexts, CLINT mtimecmp) or
 * S mode under OpenSBI (NODE_RT_SMODE: PLIC S contexts, the timer through SBI set_timer). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "firmware/lib/dtb.h"
#include "firmware/lib/plic.h"
#if defined(NODE_RT_SMODE) && !defined(NV_DRIVER_HOST_MOCK)
#include "firmware/lib/clint.h"
#define NV_TIMER_THROUGH_SBI 1 /* OpenSBI keeps the CLINT behind PMP */
#endif
#include "gen/node.h"
#include "sw/driver/src/nv_dtb.h"
#include "sw/driver/src/nv_internal.h"

#define NV_DEFAULT_BUDGET_NS 1000000000ull
#define NV_HOST_HEAP_ALIGN 4096ull

const char* nv_strerror(int error) {
    switch (error) {
        case NV_OK:
            return "success";
        case NV_E_NO_DEVICE:
            return "no such device (or no valid device tree)";
        case NV_E_TAMPERED:
            return "secure boot refused the firmware image (digest mismatch)";
        case NV_E_BAD_IMAGE:
            return "image refused (size, format or checksum)";
        case NV_E_FW_NOT_READY:
            return "firmware did not report READY (or its self-test failed)";
        case NV_E_MAILBOX:
            return "the firmware answered the request with an error status";
        case NV_E_PROGRAM:
            return "the LPU program stopped with an error";
        case NV_E_NO_MEMORY:
            return "out of memory";
        case NV_E_CHANNEL:
            return "the GPU channel stopped with an error";
        case NV_E_INVALID:
            return "invalid argument or state";
        case NV_E_TIMEOUT:
            return "timed out";
        case NV_E_DMA:
            return "device DMA transfer failed (outside its windows or a bad range)";
        default:
            return "unknown error";
    }
}

const char* nv_boot_status_str(uint32_t boot_status) {
    switch (boot_status) {
        case LPU_BOOT_NONE:
            return "no image released yet";
        case LPU_BOOT_OK:
            return "image accepted (digest matches the provisioned digest)";
        case LPU_BOOT_TAMPERED:
            return "tampered image: its SHA-256 does not match the provisioned digest; the "
                   "controller stays in reset";
        case LPU_BOOT_BAD_SIZE:
            return "image size 0 or larger than the controller's IMEM";
        case LPU_BOOT_UNCHECKED:
            return "image released unchecked (secure boot off)";
        default:
            return "unknown boot status";
    }
}

void nv_log(const char* fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    printf("nodevp driver: ");
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
}

/* ---- Time ----------------------------------------------------------------------------------- */
static uint64_t nv_ticks(void) {
    return nv_port_time();
}

static uint64_t nv_ticks_to_ns(const struct nv_node* node, uint64_t t) {
    const uint64_t hz = node->timebase_hz ? node->timebase_hz : NODE_TIMEBASE_HZ;
    return t / hz * 1000000000ull + t % hz * 1000000000ull / hz;
}

static uint64_t nv_ns_to_ticks(const struct nv_node* node, uint64_t ns) {
    const uint64_t hz = node->timebase_hz ? node->timebase_hz : NODE_TIMEBASE_HZ;
    return ns / 1000000000ull * hz + (ns % 1000000000ull * hz + 999999999ull) / 1000000000ull;
}

uint64_t nv_now_ns(const struct nv_node* node) {
    return nv_ticks_to_ns(node, nv_ticks());
}

/* ---- Interrupts ----------------------------------------------------------------------------- */
static unsigned nv_context(const struct nv_node* node) {
    return plic_context(node->hart); /* the hart's context of the runtime's mode: M or S */
}

void nv_irq_enable(struct nv_node* node, unsigned source) {
    const unsigned ctx = nv_context(node);
    nv_wr32(node->plic + PLIC_PRIORITY(source), 1);
    const uint64_t en = node->plic + PLIC_ENABLE(ctx, source / 32);
    nv_wr32(en, nv_rd32(en) | 1u << (source % 32));
}

/* A claimed source: move its device's INT_STATUS bits into `pending` (clearing them lowers the
 * device's line, so the PLIC does not raise the source again). */
static void nv_irq_dispatch(struct nv_node* node, uint32_t source) {
    for (unsigned i = 0; i < node->lpus; ++i) {
        struct nv_lpu* l = &node->lpu[i];
        if (l->irq != source) continue;
        ++l->irqs;
        const uint32_t s = nv_rd32(l->regs + LPU_INT_STATUS);
        if (s) nv_wr32(l->regs + LPU_INT_STATUS, s);
        l->pending |= s;
    }
    if (node->has_gpu && node->gpu.irq == source) {
        ++node->gpu.irqs;
        const uint32_t s = nv_rd32(node->gpu.regs + GPU_INT_STATUS);
        if (s) nv_wr32(node->gpu.regs + GPU_INT_STATUS, s);
        node->gpu.pending |= s;
    }
}

void nv_irq_drain(struct nv_node* node) {
    const uint64_t claim = node->plic + PLIC_CLAIM(nv_context(node));
    for (unsigned i = 0; i < NODE_PLIC_SOURCES; ++i) {
        const uint32_t source = nv_rd32(claim);
        if (!source) break;
        ++node->irqs;
        nv_irq_dispatch(node, source);
        nv_wr32(claim, source);
    }
}

/* ---- Bounded waits -------------------------------------------------------------------------- */
/* The hart's timer compare value: the CLINT's mtimecmp in M mode; in S mode the runtime's SBI
 * set_timer (clint.h), which remembers the value it last set. */
static uint64_t nv_mtimecmp_read(const struct nv_node* node) {
#ifdef NV_TIMER_THROUGH_SBI
    return clint_mtimecmp(node->hart);
#else
    const uint64_t a = node->clint + CLINT_MTIMECMP(node->hart);
    return (uint64_t)nv_rd32(a + 4) << 32 | nv_rd32(a);
#endif
}

static void nv_mtimecmp_write(const struct nv_node* node, uint64_t v) {
#ifdef NV_TIMER_THROUGH_SBI
    clint_set_mtimecmp(node->hart, v);
#else
    const uint64_t a = node->clint + CLINT_MTIMECMP(node->hart);
    nv_wr32(a + 4, 0xffffffffu); /* never below both old and new value meanwhile */
    nv_wr32(a, (uint32_t)v);
    nv_wr32(a + 4, (uint32_t)(v >> 32));
#endif
}

int nv_wait(struct nv_node* node, struct nv_wait_what what, nv_ready_fn ready, void* ctx,
            uint64_t poll_ns) {
    int r = ready(node, ctx);
    if (r) return r > 0 ? NV_OK : r;
    const uint64_t start = nv_ticks();
    const uint64_t deadline = start + nv_ns_to_ticks(node, node->wait_budget_ns);
    const uint64_t poll = poll_ns ? nv_ns_to_ticks(node, poll_ns) : 0;
    const uint64_t saved_cmp = nv_mtimecmp_read(node);
    const unsigned long saved_ie = nv_port_xie();
    nv_port_xie_set(NV_PORT_IE_EXT | NV_PORT_IE_TIMER);
    uint64_t armed = 0; /* the timer's current wake-up (0: not armed yet) */
    for (;;) {
        const uint64_t now = nv_ticks();
        if (now >= deadline) {
            r = NV_E_TIMEOUT;
            break;
        }
        uint64_t wake = deadline;
        if (poll && now + poll < wake) wake = now + poll;
        if (wake != armed) nv_mtimecmp_write(node, wake);
        armed = wake;
        nv_port_wfi();
        nv_irq_drain(node);
        r = ready(node, ctx);
        if (r) break;
    }
    nv_mtimecmp_write(node, saved_cmp);
    nv_port_xie_clear(NV_PORT_IE_TIMER);
    nv_port_xie_set(saved_ie & NV_PORT_IE_TIMER);
    if (r == NV_E_TIMEOUT) {
        printf("nodevp driver: ");
        printf(what.fmt, what.a, what.b);
        printf(": timed out (wait budget %llu ns of simulated time)\n",
               (unsigned long long)node->wait_budget_ns);
    }
    return r > 0 ? NV_OK : r;
}

/* ---- Discovery ------------------------------------------------------------------------------ */
static void nv_discover_lpu(struct nv_node* node, const struct dtb_device* dev) {
    struct nv_lpu* l = &node->lpu[node->lpus];
    memset(l, 0, sizeof *l);
    l->index = node->lpus;
    l->regs = dev->reg[0].base;
    l->regs_size = dev->reg[0].size;
    if (dev->regs > 1) {
        l->sram = dev->reg[1].base;
        l->sram_size = dev->reg[1].size;
    }
    l->irq = dev->irq;
    const uint32_t g = nv_rd32(l->regs + LPU_GEOMETRY);
    l->superlanes = (g & LPU_GEOMETRY_SUPERLANES_MASK) >> LPU_GEOMETRY_SUPERLANES_SHIFT;
    ++node->lpus;
}

static void nv_discover_gpu(struct nv_node* node, const struct dtb_device* dev) {
    struct nv_gpu* g = &node->gpu;
    memset(g, 0, sizeof *g);
    g->regs = dev->reg[0].base;
    g->regs_size = dev->reg[0].size;
    if (dev->regs > 1) {
        g->hbm = dev->reg[1].base;
        g->hbm_size = dev->reg[1].size;
    }
    g->irq = dev->irq;
    node->has_gpu = 1;
}

static uint64_t nv_align_up(uint64_t v, uint64_t align) {
    return (v + align - 1) & ~(align - 1);
}

/* Host memory [*begin, *end) must not hold the DTB: in M mode it lives in the boot ROM, but
 * OpenSBI's fw_jump copies it into DRAM above its payload (FW_JUMP_FDT_ADDR). Keeps the larger
 * of the parts below and above it. */
static void nv_host_range_skip_dtb(const struct nv_node* node, uint64_t* begin, uint64_t* end) {
    const uint64_t dtb = nv_addr(node->dtb);
    const uint64_t dtb_end = nv_align_up(dtb + nv_dtb_size(node->dtb), NV_HOST_HEAP_ALIGN);
    if (dtb_end <= *begin || dtb >= *end) return;
    const uint64_t below = dtb > *begin ? dtb - *begin : 0;
    const uint64_t above = *end > dtb_end ? *end - dtb_end : 0;
    if (above > below)
        *begin = dtb_end;
    else
        *end = dtb;
}

int nv_init(struct nv_node* node, const void* dtb) {
    memset(node, 0, sizeof *node);
    node->dtb = dtb;
    node->hart = nv_port_hartid();
    node->wait_budget_ns = NV_DEFAULT_BUDGET_NS;
    if (!dtb || dtb_count_cpus(dtb) == 0) {
        nv_log("no valid device tree");
        return NV_E_NO_DEVICE;
    }
    uint32_t hz = 0;
    if (!nv_dtb_memory(dtb, &node->dram_base, &node->dram_size) || !nv_dtb_timebase(dtb, &hz) ||
        hz == 0) {
        nv_log("device tree without /memory or /cpus timebase-frequency");
        return NV_E_NO_DEVICE;
    }
    node->timebase_hz = hz;
    struct dtb_device dev;
    if (!dtb_find_compatible(dtb, "riscv,plic0", 0, &dev) || !dev.regs) {
        nv_log("device tree without a PLIC");
        return NV_E_NO_DEVICE;
    }
    node->plic = dev.reg[0].base;
    if (!dtb_find_compatible(dtb, "riscv,clint0", 0, &dev) || !dev.regs) {
        nv_log("device tree without a CLINT");
        return NV_E_NO_DEVICE;
    }
    node->clint = dev.reg[0].base;
    for (unsigned i = 0; i < NV_LPU_MAX && dtb_find_compatible(dtb, "nodevp,lpu", i, &dev); ++i)
        nv_discover_lpu(node, &dev);
    if (dtb_find_compatible(dtb, "nodevp,gpu", 0, &dev)) nv_discover_gpu(node, &dev);

    /* Host memory: from the end of the program's image (stacks and malloc heap included) to the
     * end of DRAM. Nothing of the runtime lives above _end. */
    uint64_t end = nv_align_up(nv_port_image_end(), NV_HOST_HEAP_ALIGN);
    uint64_t dram_end = node->dram_base + node->dram_size;
    nv_host_range_skip_dtb(node, &end, &dram_end);
    if (end >= dram_end) {
        nv_log("no host memory left after the program image");
        return NV_E_NO_MEMORY;
    }
    int e = nv_heap_init(&node->host, end, dram_end - end);
    if (e) return e;

    /* Interrupts: wake WFI, never trap (mstatus.MIE / sstatus.SIE clear); the waits claim them. */
    nv_port_disable_traps();
    nv_wr32(node->plic + PLIC_THRESHOLD(nv_context(node)), 0);
    nv_port_xie_set(NV_PORT_IE_EXT);
    return NV_OK;
}

void* nv_host_alloc(struct nv_node* node, uint64_t size, uint64_t align) {
    return (void*)(uintptr_t)nv_heap_alloc(&node->host, size, align);
}

void nv_host_free(struct nv_node* node, void* p) {
    nv_heap_free(&node->host, nv_addr(p));
}

void nv_copy_imem(uint64_t imem, const uint8_t* image, size_t length) {
    for (size_t i = 0; i < length; i += 4) {
        uint32_t w = 0;
        for (size_t k = 0; k < 4 && i + k < length; ++k) w |= (uint32_t)image[i + k] << (8 * k);
        nv_wr32(imem + i, w);
    }
}
