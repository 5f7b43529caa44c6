/* First-fit allocator over an address range. The allocated blocks are kept sorted by address in
 * an array (grown with realloc from the runtime's malloc heap); the gaps between them are the
 * free space. The managed memory itself is never touched, so the same code serves host DRAM
 * and device memory. */
#include <stdlib.h>
#include <string.h>

#include "sw/driver/src/nv_internal.h"

#define NV_HEAP_MIN_ALIGN 64ull
#define NV_HEAP_INITIAL_BLOCKS 64u

struct nv_block {
    uint64_t addr, size;
};

int nv_heap_init(struct nv_heap* heap, uint64_t base, uint64_t size) {
    memset(heap, 0, sizeof *heap);
    const uint64_t first = (base + NV_HEAP_MIN_ALIGN - 1) & ~(NV_HEAP_MIN_ALIGN - 1);
    if (first < base || first - base > size) return NV_E_INVALID;
    heap->base = first;
    heap->size = size - (first - base);
    heap->blocks = malloc(NV_HEAP_INITIAL_BLOCKS * sizeof(struct nv_block));
    if (!heap->blocks) return NV_E_NO_MEMORY;
    heap->capacity = NV_HEAP_INITIAL_BLOCKS;
    return NV_OK;
}

static int nv_heap_reserve(struct nv_heap* heap) {
    if (heap->nblocks < heap->capacity) return 1;
    const unsigned capacity = heap->capacity ? 2 * heap->capacity : NV_HEAP_INITIAL_BLOCKS;
    void* grown = realloc(heap->blocks, capacity * sizeof(struct nv_block));
    if (!grown) return 0;
    heap->blocks = grown;
    heap->capacity = capacity;
    return 1;
}

uint64_t nv_heap_alloc(struct nv_heap* heap, uint64_t size, uint64_t align) {
    if (align == 0) align = NV_HEAP_MIN_ALIGN;
    if (size == 0 || (align & (align - 1)) != 0 || !heap->size) return 0;
    if (align < NV_HEAP_MIN_ALIGN) align = NV_HEAP_MIN_ALIGN;
    const uint64_t rounded = (size + NV_HEAP_MIN_ALIGN - 1) & ~(NV_HEAP_MIN_ALIGN - 1);
    if (rounded < size || !nv_heap_reserve(heap)) return 0;
    struct nv_block* b = heap->blocks;
    const uint64_t end = heap->base + heap->size;
    uint64_t gap = heap->base;
    for (unsigned i = 0; i <= heap->nblocks; ++i) {
        const uint64_t gap_end = i < heap->nblocks ? b[i].addr : end;
        const uint64_t at = (gap + align - 1) & ~(align - 1);
        if (at >= gap && at <= gap_end && gap_end - at >= rounded) {
            memmove(&b[i + 1], &b[i], (heap->nblocks - i) * sizeof *b);
            b[i].addr = at;
            b[i].size = rounded;
            ++heap->nblocks;
            heap->used += rounded;
            if (heap->used > heap->peak) heap->peak = heap->used;
            return at;
        }
        if (i < heap->nblocks) gap = b[i].addr + b[i].size;
    }
    return 0;
}

void nv_heap_free(struct nv_heap* heap, uint64_t addr) {
    struct nv_block* b = heap->blocks;
    unsigned lo = 0, hi = heap->nblocks;
    while (lo < hi) {
        const unsigned mid = (lo + hi) / 2;
        if (b[mid].addr < addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo >= heap->nblocks || b[lo].addr != addr) return; /* not a block: ignored */
    heap->used -= b[lo].size;
    memmove(&b[lo], &b[lo + 1], (heap->nblocks - lo - 1) * sizeof *b);
    --heap->nblocks;
}
