/* GPU: GSP firmware boot (secure boot), the GSP mailbox (gpu_abi.h), DMA windows, the HBM
 * allocator, channels (rings and notifiers in host memory), semaphores and fences. */
#include <stdio.h>
#include <string.h>

#include "gen/node.h"
#include "sw/driver/src/nv_internal.h"

#define NV_GPU_INT_ALL                                                                         \
    (GPU_INT_ENABLE_MAILBOX_MASK | GPU_INT_ENABLE_ERROR_MASK | GPU_INT_ENABLE_SEMAPHORE_MASK | \
     GPU_INT_ENABLE_BOOT_ERROR_MASK)
/* Ring-full waits have no interrupt: they look again this often. */
#define NV_GPU_RING_POLL_NS 1000u

static void nv_gpu_collect(struct nv_gpu* g) {
    const uint32_t s = nv_rd32(g->regs + GPU_INT_STATUS);
    if (s) {
        nv_wr32(g->regs + GPU_INT_STATUS, s);
        g->pending |= s;
    }
}

uint32_t nv_gpu_take_events(struct nv_node* node, uint32_t mask) {
    if (!node->has_gpu) return 0;
    nv_gpu_collect(&node->gpu);
    const uint32_t hit = node->gpu.pending & mask;
    node->gpu.pending &= ~hit;
    return hit;
}

static int nv_gpu_event_ready(struct nv_node* node, void* ctx) {
    const uint32_t mask = *(const uint32_t*)ctx;
    nv_gpu_collect(&node->gpu);
    return (node->gpu.pending & mask) != 0;
}

static int nv_gpu_wait_event(struct nv_node* node, uint32_t mask, struct nv_wait_what what) {
    const int r = nv_wait(node, what, nv_gpu_event_ready, &mask, 0);
    if (r == NV_OK) node->gpu.pending &= ~mask;
    return r;
}

int nv_gpu_mailbox(struct nv_node* node, uint32_t command, const uint32_t* args, unsigned n,
                   uint32_t* rsp, unsigned rsp_n) {
    if (!node->has_gpu) return NV_E_NO_DEVICE;
    if (n + 1 > GPU_MBOX_REQ_COUNT || rsp_n > GPU_MBOX_RSP_COUNT) return NV_E_INVALID;
    struct nv_gpu* g = &node->gpu;
    nv_wr32(g->regs + GPU_MBOX_REQ(0), command);
    for (unsigned i = 0; i < n; ++i) nv_wr32(g->regs + GPU_MBOX_REQ(i + 1), args[i]);
    nv_gpu_collect(g);
    g->pending &= ~GPU_INT_STATUS_MAILBOX_MASK; /* an answer is only the one to this request */
    nv_wr32(g->regs + GPU_MBOX_H2D, 1);
    const struct nv_wait_what what = {"gpu: answer to mailbox request %llu%.0llu", command, 0};
    const int r = nv_gpu_wait_event(node, GPU_INT_STATUS_MAILBOX_MASK, what);
    if (r) return r;
    g->last_status = nv_rd32(g->regs + GPU_MBOX_RSP(0));
    for (unsigned i = 0; i < rsp_n; ++i) rsp[i] = nv_rd32(g->regs + GPU_MBOX_RSP(i));
    return NV_OK;
}

int nv_gpu_grant(struct nv_node* node, unsigned window, uint64_t base, uint64_t size, uint32_t rw) {
    if (!node->has_gpu) return NV_E_NO_DEVICE;
    if (window >= GPU_DMA_WIN_CTRL_COUNT) return NV_E_INVALID;
    const uint64_t r = node->gpu.regs;
    nv_wr32(r + GPU_DMA_WIN_CTRL(window), 0);
    nv_wr64(r + GPU_DMA_WIN_BASE(window), base);
    nv_wr64(r + GPU_DMA_WIN_SIZE(window), size);
    nv_wr32(r + GPU_DMA_WIN_CTRL(window), rw);
    return NV_OK;
}

static int nv_gpu_ready(struct nv_node* node) {
    struct nv_gpu* g = &node->gpu;
    const struct nv_wait_what what = {"gpu: firmware READY%.0llu%.0llu", 0, 0};
    const int r = nv_gpu_wait_event(node, GPU_INT_STATUS_MAILBOX_MASK, what);
    if (r) return r;
    const uint32_t word = nv_rd32(g->regs + GPU_MBOX_RSP(0));
    g->fw_version = nv_rd32(g->regs + GPU_MBOX_RSP(1));
    g->hbm_init = nv_rd32(g->regs + GPU_MBOX_RSP(2));
    g->channels = nv_rd32(g->regs + GPU_MBOX_RSP(3));
    if (word != GPU_MBOX_READY || g->hbm_init != GPU_HBM_OK ||
        !(nv_rd32(g->regs + GPU_STATUS) & GPU_STATUS_HBM_READY_MASK)) {
        nv_log("gpu: firmware not ready (message %#x, HBM initialisation result %u)",
               (unsigned)word, (unsigned)g->hbm_init);
        return NV_E_FW_NOT_READY;
    }
    if (g->channels > NV_GPU_CHANNELS_MAX) g->channels = NV_GPU_CHANNELS_MAX;
    return nv_heap_init(&g->heap, g->hbm, g->hbm_size);
}

int nv_gpu_boot(struct nv_node* node, const uint8_t* image, size_t length) {
    if (!node->has_gpu) return NV_E_NO_DEVICE;
    struct nv_gpu* g = &node->gpu;
    if (nv_rd32(g->regs + GPU_ID) != GPU_ID_VALUE) {
        nv_log("gpu: no GPU at %#llx", (unsigned long long)g->regs);
        return NV_E_NO_DEVICE;
    }
    if (nv_rd32(g->regs + GPU_STATUS) & GPU_STATUS_GSP_RUNNING_MASK) return NV_E_INVALID;
    if (length > GPU_GSP_IMEM_SIZE) {
        nv_log("gpu: firmware image of %lu bytes exceeds IMEM", (unsigned long)length);
        return NV_E_BAD_IMAGE;
    }
    /* The channels may reach host DRAM (and their HBM), nothing else until granted. */
    nv_gpu_grant(node, 0, node->dram_base, node->dram_size,
                 GPU_DMA_WIN_CTRL_READ_MASK | GPU_DMA_WIN_CTRL_WRITE_MASK);
    nv_wr32(g->regs + GPU_INT_ENABLE, NV_GPU_INT_ALL);
    nv_irq_enable(node, g->irq);

    nv_copy_imem(g->regs + GPU_IMEM_OFFSET, image, length);
    nv_wr32(g->regs + GPU_FW_SIZE, (uint32_t)length);
    nv_wr32(g->regs + GPU_GSP_CONTROL, GPU_GSP_CONTROL_RUN_MASK);
    g->boot_status = nv_rd32(g->regs + GPU_BOOT_STATUS);
    if (g->boot_status != GPU_BOOT_OK && g->boot_status != GPU_BOOT_UNCHECKED) {
        const struct nv_wait_what what = {"gpu: boot-error interrupt%.0llu%.0llu", 0, 0};
        nv_gpu_wait_event(node, GPU_INT_STATUS_BOOT_ERROR_MASK, what);
        return g->boot_status == GPU_BOOT_TAMPERED ? NV_E_TAMPERED : NV_E_BAD_IMAGE;
    }
    return nv_gpu_ready(node);
}

uint64_t nv_gpu_alloc(struct nv_node* node, uint64_t size, uint64_t align) {
    return node->has_gpu ? nv_heap_alloc(&node->gpu.heap, size, align) : 0;
}

void nv_gpu_free(struct nv_node* node, uint64_t addr) {
    if (node->has_gpu) nv_heap_free(&node->gpu.heap, addr);
}

/* ---- Channels ------------------------------------------------------------------------------- */
static int nv_gpu_create(struct nv_node* node, struct nv_channel* ch) {
    memset(ch->ring, 0, ch->entries * sizeof *ch->ring);
    memset((void*)ch->notifier, 0, sizeof *ch->notifier);
    ch->put = 0;
    const uint64_t r = nv_addr(ch->ring), n = nv_addr(ch->notifier);
    const uint32_t args[] = {ch->index,   (uint32_t)r, (uint32_t)(r >> 32),
                             ch->entries, (uint32_t)n, (uint32_t)(n >> 32)};
    const int e = nv_gpu_mailbox(node, GPU_CMD_CREATE_CHANNEL, args, 6, 0, 0);
    if (e) return e;
    return node->gpu.last_status == GPU_ST_OK ? NV_OK : NV_E_MAILBOX;
}

static void nv_gpu_channel_release(struct nv_node* node, struct nv_channel* ch) {
    nv_host_free(node, ch->ring);
    nv_host_free(node, (void*)ch->notifier);
    nv_host_free(node, ch->fence_cmd);
    memset(ch, 0, sizeof *ch);
}

int nv_gpu_channel_open(struct nv_node* node, struct nv_channel* ch, unsigned index,
                        unsigned entries) {
    memset(ch, 0, sizeof *ch);
    if (!node->has_gpu) return NV_E_NO_DEVICE;
    if (entries < 2 || entries > GPU_RING_MAX) return NV_E_INVALID;
    ch->index = index;
    ch->entries = entries;
    ch->ring = nv_host_alloc(node, (uint64_t)entries * sizeof *ch->ring, 64);
    ch->notifier = nv_host_alloc(node, sizeof *ch->notifier, 64);
    /* The fence: one SEM_RELEASE command and, in the next line, the word it releases. */
    ch->fence_cmd = nv_host_alloc(node, 128, 64);
    if (!ch->ring || !ch->notifier || !ch->fence_cmd) {
        nv_gpu_channel_release(node, ch);
        return NV_E_NO_MEMORY;
    }
    ch->fence_sem = (volatile uint32_t*)((uint8_t*)ch->fence_cmd + 64);
    *ch->fence_sem = 0;
    const int e = nv_gpu_create(node, ch);
    if (e) nv_gpu_channel_release(node, ch);
    return e;
}

int nv_gpu_channel_close(struct nv_node* node, struct nv_channel* ch) {
    const uint32_t args[] = {ch->index};
    int e = nv_gpu_mailbox(node, GPU_CMD_DESTROY_CHANNEL, args, 1, 0, 0);
    if (!e && node->gpu.last_status != GPU_ST_OK) e = NV_E_MAILBOX;
    nv_gpu_channel_release(node, ch);
    return e;
}

int nv_gpu_channel_reset(struct nv_node* node, struct nv_channel* ch) {
    const uint32_t args[] = {ch->index};
    int e = nv_gpu_mailbox(node, GPU_CMD_DESTROY_CHANNEL, args, 1, 0, 0);
    if (e) return e;
    if (node->gpu.last_status != GPU_ST_OK) return NV_E_MAILBOX;
    return nv_gpu_create(node, ch);
}

uint32_t nv_gpu_channel_error(const struct nv_channel* ch, struct gpu_error_notifier* out) {
    if (out) memcpy(out, (const void*)ch->notifier, sizeof *out);
    return ch->notifier ? ch->notifier->code : 0;
}

struct nv_channel_wait {
    struct nv_channel* ch;
    const volatile uint32_t* sem;
    uint32_t value;
};

/* Has the channel stopped on an error? Says so once, with the notifier. */
static int nv_gpu_channel_failed(struct nv_node* node, struct nv_channel* ch) {
    if (!(nv_rd32(node->gpu.regs + GPU_CH_STATUS(ch->index)) & GPU_CH_STATUS_ERROR_MASK)) return 0;
    nv_log("gpu: channel %u stopped: error %u, info %#llx, ring entry %u, command offset %u",
           ch->index, (unsigned)ch->notifier->code, (unsigned long long)ch->notifier->info,
           (unsigned)ch->notifier->ring_index, (unsigned)ch->notifier->cmd_offset);
    return 1;
}

static int nv_gpu_ring_space(struct nv_node* node, void* ctx) {
    struct nv_channel_wait* w = ctx;
    if (nv_gpu_channel_failed(node, w->ch)) return NV_E_CHANNEL;
    const uint32_t get = nv_rd32(node->gpu.regs + GPU_CH_GET(w->ch->index));
    return (w->ch->put + 1) % w->ch->entries != get;
}

int nv_gpu_submit(struct nv_node* node, struct nv_channel* ch, uint64_t cmdbuf, uint32_t length) {
    if (!node->has_gpu || !ch->ring) return NV_E_INVALID;
    if (length == 0 || length % 8 != 0 || length > GPU_CMDBUF_MAX) return NV_E_INVALID;
    struct nv_channel_wait w = {ch, 0, 0};
    int e = nv_gpu_ring_space(node, &w);
    if (e < 0) return e;
    if (e == 0) {
        const struct nv_wait_what what = {"gpu: room in channel %llu's ring%.0llu", ch->index, 0};
        e = nv_wait(node, what, nv_gpu_ring_space, &w, NV_GPU_RING_POLL_NS);
        if (e) return e;
    }
    struct gpu_ring_entry* entry = &ch->ring[ch->put];
    entry->cmdbuf = cmdbuf;
    entry->length = length;
    entry->flags = 0;
    ch->put = (ch->put + 1) % ch->entries;
    __sync_synchronize(); /* the entry and its commands before the doorbell */
    nv_wr32(node->gpu.regs + GPU_CH_PUT(ch->index), ch->put);
    return NV_OK;
}

static int nv_gpu_sem_reached(struct nv_node* node, void* ctx) {
    struct nv_channel_wait* w = ctx;
    nv_gpu_collect(&node->gpu);
    if (*w->sem >= w->value) return 1;
    if (w->ch && nv_gpu_channel_failed(node, w->ch)) return NV_E_CHANNEL;
    return 0;
}

int nv_gpu_wait_sem(struct nv_node* node, struct nv_channel* ch, const volatile uint32_t* sem,
                    uint32_t value) {
    if (!node->has_gpu) return NV_E_NO_DEVICE;
    struct nv_channel_wait w = {ch, sem, value};
    const struct nv_wait_what what = {"gpu: semaphore at %#llx to reach %llu",
                                      (unsigned long long)nv_addr(sem), value};
    return nv_wait(node, what, nv_gpu_sem_reached, &w, 0);
}

int nv_gpu_channel_wait_idle(struct nv_node* node, struct nv_channel* ch) {
    if (!node->has_gpu || !ch->ring) return NV_E_INVALID;
    if (nv_gpu_channel_failed(node, ch)) return NV_E_CHANNEL;
    if (nv_rd32(node->gpu.regs + GPU_CH_GET(ch->index)) == ch->put) return NV_OK;
    /* A fence behind everything submitted: its release interrupts when the channel got there. */
    struct gpu_cmd_sem* f = ch->fence_cmd;
    memset(f, 0, sizeof *f);
    f->h.opcode = GPU_OP_SEM_RELEASE;
    f->h.flags = GPU_CMD_F_INTERRUPT;
    f->h.length = sizeof *f;
    f->addr = nv_addr(ch->fence_sem);
    f->value = ++ch->fence_value;
    int e = nv_gpu_submit(node, ch, nv_addr(f), sizeof *f);
    if (e) return e;
    return nv_gpu_wait_sem(node, ch, ch->fence_sem, ch->fence_value);
}
