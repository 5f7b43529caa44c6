/* GPU command-buffer builder (command layouts: sw/include/nodevp/gpu_abi.h). */
#include <string.h>

#include "sw/driver/src/nv_internal.h"

void nv_cmd_init(struct nv_cmdbuf* b, void* storage, uint32_t capacity) {
    b->base = storage;
    b->length = 0;
    b->capacity = capacity;
    b->overflow = 0;
}

/* Appends a zeroed command of `size` bytes with its header filled; 0 (and overflow) if full. */
static void* nv_cmd_add(struct nv_cmdbuf* b, uint16_t opcode, uint16_t flags, uint32_t size) {
    if (b->overflow || size > b->capacity - b->length) {
        b->overflow = 1;
        return 0;
    }
    struct gpu_cmd_header* h = (struct gpu_cmd_header*)(b->base + b->length);
    memset(h, 0, size);
    h->opcode = opcode;
    h->flags = flags;
    h->length = size;
    b->length += size;
    return h;
}

void nv_cmd_raw(struct nv_cmdbuf* b, uint16_t opcode, uint16_t flags) {
    nv_cmd_add(b, opcode, flags, sizeof(struct gpu_cmd_nop));
}

void nv_cmd_timestamp(struct nv_cmdbuf* b, uint64_t where) {
    struct gpu_cmd_timestamp* t = nv_cmd_add(b, GPU_OP_TIMESTAMP, 0, sizeof *t);
    if (t) t->addr = where;
}

static void nv_cmd_sem(struct nv_cmdbuf* b, uint16_t opcode, uint64_t sem, uint32_t value,
                       uint16_t flags) {
    struct gpu_cmd_sem* s = nv_cmd_add(b, opcode, flags, sizeof *s);
    if (!s) return;
    s->addr = sem;
    s->value = value;
}

void nv_cmd_acquire(struct nv_cmdbuf* b, uint64_t sem, uint32_t value, uint16_t flags) {
    nv_cmd_sem(b, GPU_OP_SEM_ACQUIRE, sem, value, flags);
}

void nv_cmd_release(struct nv_cmdbuf* b, uint64_t sem, uint32_t value, uint16_t flags) {
    nv_cmd_sem(b, GPU_OP_SEM_RELEASE, sem, value, flags);
}

void nv_cmd_copy(struct nv_cmdbuf* b, uint64_t src, uint64_t dst, uint64_t len) {
    struct gpu_cmd_copy* c = nv_cmd_add(b, GPU_OP_COPY, 0, sizeof *c);
    if (!c) return;
    c->src = src;
    c->dst = dst;
    c->len = len;
}

void nv_cmd_memset(struct nv_cmdbuf* b, uint64_t dst, uint64_t len, uint32_t pattern) {
    struct gpu_cmd_memset* m = nv_cmd_add(b, GPU_OP_MEMSET, 0, sizeof *m);
    if (!m) return;
    m->dst = dst;
    m->len = len;
    m->pattern = pattern;
}

void nv_cmd_launch(struct nv_cmdbuf* b, uint32_t kernel, const void* args, uint32_t args_len,
                   uint32_t blocks) {
    struct gpu_cmd_launch* l = nv_cmd_add(b, GPU_OP_LAUNCH, 0, sizeof *l);
    if (!l) return;
    l->kernel = kernel;
    l->args = nv_addr(args);
    l->args_len = args_len;
    l->grid[0] = blocks;
    l->grid[1] = 1;
    l->grid[2] = 1;
}
