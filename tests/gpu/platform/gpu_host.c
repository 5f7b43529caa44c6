#include "tests/gpu/platform/gpu_host.h"

#include <string.h>

#include "firmware/lib/csr.h"
#include "firmware/lib/mmio.h"
#include "firmware/lib/plic.h"
#include "gen/node.h"
#include "tests/firmware/check.h"

static uint32_t gpu_seen;
static unsigned gpu_claim_count;

uint32_t gpu_read(uint32_t offset) {
    return mmio_read32(NODE_GPU_BASE + offset);
}

void gpu_write(uint32_t offset, uint32_t value) {
    mmio_write32(NODE_GPU_BASE + offset, value);
}

uint32_t gpu_wait(uint32_t mask) {
    unsigned ctx = plic_context_m(0);
    for (;;) {
        uint32_t s = gpu_read(GPU_INT_STATUS);
        if (s) {
            gpu_write(GPU_INT_STATUS, s);
            gpu_seen |= s;
        }
        uint32_t hit = gpu_seen & mask;
        if (hit) {
            gpu_seen &= ~hit;
            return hit;
        }
        __asm__ volatile("wfi");
        uint32_t source = plic_claim(ctx);
        if (source) {
            ++gpu_claim_count;
            plic_complete(ctx, source);
        }
    }
}

unsigned gpu_claims(void) {
    /* An interrupt raised while the hart was not waiting in gpu_wait() is still pending at the
     * PLIC: claim it too (timing differs between fabric fidelities). */
    unsigned ctx = plic_context_m(0);
    for (unsigned i = 0; i < 16; ++i) {
        uint32_t source = plic_claim(ctx);
        if (!source) break;
        ++gpu_claim_count;
        plic_complete(ctx, source);
    }
    unsigned n = gpu_claim_count;
    gpu_claim_count = 0;
    return n;
}

uint32_t gpu_mbox(uint32_t command, const uint32_t* args, unsigned n) {
    gpu_write(GPU_MBOX_REQ(0), command);
    for (unsigned i = 0; i < n && i + 1 < GPU_MBOX_REQ_COUNT; ++i)
        gpu_write(GPU_MBOX_REQ(i + 1), args[i]);
    gpu_write(GPU_MBOX_H2D, 1);
    gpu_wait(GPU_INT_STATUS_MAILBOX_MASK);
    return gpu_read(GPU_MBOX_RSP(0));
}

uint32_t gpu_rsp(unsigned word) {
    return gpu_read(GPU_MBOX_RSP(word));
}

void gpu_grant_window(unsigned window, uint64_t base, uint64_t size, uint32_t ctrl) {
    gpu_write(GPU_DMA_WIN_BASE(window), (uint32_t)base);
    gpu_write(GPU_DMA_WIN_BASE(window) + 4, (uint32_t)(base >> 32));
    gpu_write(GPU_DMA_WIN_SIZE(window), (uint32_t)size);
    gpu_write(GPU_DMA_WIN_SIZE(window) + 4, (uint32_t)(size >> 32));
    gpu_write(GPU_DMA_WIN_CTRL(window), ctrl);
}

size_t gpu_gsp_image_size(void) {
    return (size_t)(gpu_gsp_image_end - gpu_gsp_image);
}

uint32_t gpu_start_gsp(const uint8_t* image, size_t length) {
    for (size_t i = 0; i < length; i += 4) {
        uint32_t w = 0;
        for (size_t k = 0; k < 4 && i + k < length; ++k) w |= (uint32_t)image[i + k] << (8 * k);
        gpu_write((uint32_t)(GPU_IMEM_OFFSET + i), w);
    }
    gpu_write(GPU_FW_SIZE, (uint32_t)length);
    gpu_write(GPU_GSP_CONTROL, GPU_GSP_CONTROL_RUN_MASK);
    return gpu_read(GPU_BOOT_STATUS);
}

void gpu_boot(void) {
    CHECK_EQ(gpu_read(GPU_ID), GPU_ID_VALUE);
    CHECK_EQ(gpu_read(GPU_VERSION), GPU_VERSION_VALUE);
    /* The channels may reach host DRAM, and nothing else outside HBM. */
    gpu_grant_window(0, NODE_DRAM_BASE, NODE_DRAM_SIZE,
                     GPU_DMA_WIN_CTRL_READ_MASK | GPU_DMA_WIN_CTRL_WRITE_MASK);
    unsigned ctx = plic_context_m(0);
    gpu_write(GPU_INT_ENABLE, GPU_INT_ENABLE_MAILBOX_MASK | GPU_INT_ENABLE_ERROR_MASK |
                                  GPU_INT_ENABLE_SEMAPHORE_MASK | GPU_INT_ENABLE_BOOT_ERROR_MASK);
    plic_set_priority(NODE_GPU_IRQ, 1);
    plic_set_threshold(ctx, 0);
    plic_enable(ctx, NODE_GPU_IRQ, 1);
    csr_clear(mstatus, CSR_MSTATUS_MIE);
    csr_set(mie, CSR_MIP_MEIP);
    CHECK_EQ(gpu_start_gsp(gpu_gsp_image, gpu_gsp_image_size()), GPU_BOOT_OK);
    gpu_wait(GPU_INT_STATUS_MAILBOX_MASK);
    CHECK_EQ(gpu_rsp(0), GPU_MBOX_READY);
    CHECK_EQ(gpu_rsp(1), GPU_FW_VERSION);
    CHECK_EQ(gpu_rsp(2), GPU_HBM_OK);
    CHECK_EQ(gpu_rsp(3), gpu_read(GPU_CHANNELS));
    CHECK(gpu_read(GPU_STATUS) & GPU_STATUS_HBM_READY_MASK);
    CHECK(gpu_claims() >= 1);
}

uint32_t gpu_channel_create(struct gpu_channel* ch, unsigned index, struct gpu_ring_entry* ring,
                            unsigned entries, volatile struct gpu_error_notifier* notifier) {
    ch->index = index;
    ch->ring = ring;
    ch->entries = entries;
    ch->put = 0;
    ch->notifier = notifier;
    memset((void*)notifier, 0, sizeof *notifier);
    const uint64_t r = gpu_addr(ring), n = gpu_addr(notifier);
    const uint32_t args[] = {index,   (uint32_t)r, (uint32_t)(r >> 32),
                             entries, (uint32_t)n, (uint32_t)(n >> 32)};
    return gpu_mbox(GPU_CMD_CREATE_CHANNEL, args, 6);
}

uint32_t gpu_channel_destroy(struct gpu_channel* ch) {
    const uint32_t args[] = {ch->index};
    return gpu_mbox(GPU_CMD_DESTROY_CHANNEL, args, 1);
}

void gpu_channel_submit(struct gpu_channel* ch, const void* cmds, uint32_t length) {
    struct gpu_ring_entry* e = &ch->ring[ch->put];
    e->cmdbuf = gpu_addr(cmds);
    e->length = length;
    e->flags = 0;
    ch->put = (ch->put + 1) % ch->entries;
    __sync_synchronize(); /* the entry and its commands before the doorbell */
    gpu_write(GPU_CH_PUT(ch->index), ch->put);
}

void gpu_cmd_reset(struct gpu_cmdbuf* b, void* storage, uint32_t capacity) {
    b->base = storage;
    b->length = 0;
    b->capacity = capacity;
}

static void* gpu_cmd_add(struct gpu_cmdbuf* b, uint16_t opcode, uint16_t flags, uint32_t size) {
    CHECK(b->length + size <= b->capacity);
    struct gpu_cmd_header* h = (struct gpu_cmd_header*)(b->base + b->length);
    memset(h, 0, size);
    h->opcode = opcode;
    h->flags = flags;
    h->length = size;
    b->length += size;
    return h;
}

void gpu_cmd_raw(struct gpu_cmdbuf* b, uint16_t opcode) {
    gpu_cmd_add(b, opcode, 0, sizeof(struct gpu_cmd_nop));
}

void gpu_cmd_timestamp(struct gpu_cmdbuf* b, volatile uint64_t* where) {
    struct gpu_cmd_timestamp* t = gpu_cmd_add(b, GPU_OP_TIMESTAMP, 0, sizeof *t);
    t->addr = gpu_addr(where);
}

void gpu_cmd_acquire(struct gpu_cmdbuf* b, volatile uint32_t* sem, uint32_t value, uint16_t flags) {
    struct gpu_cmd_sem* s = gpu_cmd_add(b, GPU_OP_SEM_ACQUIRE, flags, sizeof *s);
    s->addr = gpu_addr(sem);
    s->value = value;
}

void gpu_cmd_release(struct gpu_cmdbuf* b, volatile uint32_t* sem, uint32_t value, uint16_t flags) {
    struct gpu_cmd_sem* s = gpu_cmd_add(b, GPU_OP_SEM_RELEASE, flags, sizeof *s);
    s->addr = gpu_addr(sem);
    s->value = value;
}

void gpu_cmd_copy(struct gpu_cmdbuf* b, uint64_t src, uint64_t dst, uint64_t len) {
    struct gpu_cmd_copy* c = gpu_cmd_add(b, GPU_OP_COPY, 0, sizeof *c);
    c->src = src;
    c->dst = dst;
    c->len = len;
}

void gpu_cmd_memset(struct gpu_cmdbuf* b, uint64_t dst, uint64_t len, uint32_t pattern) {
    struct gpu_cmd_memset* m = gpu_cmd_add(b, GPU_OP_MEMSET, 0, sizeof *m);
    m->dst = dst;
    m->len = len;
    m->pattern = pattern;
}

void gpu_cmd_launch(struct gpu_cmdbuf* b, uint32_t kernel, const void* args, uint32_t args_len,
                    uint32_t blocks) {
    struct gpu_cmd_launch* l = gpu_cmd_add(b, GPU_OP_LAUNCH, 0, sizeof *l);
    l->kernel = kernel;
    l->args = gpu_addr(args);
    l->args_len = args_len;
    l->grid[0] = blocks;
    l->grid[1] = 1;
    l->grid[2] = 1;
}
