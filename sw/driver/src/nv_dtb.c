/* A walk over the flattened device tree's structure block that finds one property of a child of
 * the root by the child's name (before any '@'). */
#include "sw/driver/src/nv_dtb.h"

#include <string.h>

enum {
    NV_FDT_MAGIC = 0xd00dfeed,
    NV_FDT_BEGIN_NODE = 1,
    NV_FDT_END_NODE = 2,
    NV_FDT_PROP = 3,
    NV_FDT_NOP = 4,
    NV_FDT_END = 9,
    NV_FDT_WALK_LIMIT = 1 << 20,
};

static uint32_t nv_be32(const uint8_t* p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

uint32_t nv_dtb_size(const void* dtb) {
    const uint8_t* base = dtb;
    return dtb && nv_be32(base) == NV_FDT_MAGIC ? nv_be32(base + 4) : 0;
}

static int nv_node_is(const char* name, const char* wanted) {
    const size_t n = strlen(wanted);
    return strncmp(name, wanted, n) == 0 && (name[n] == 0 || name[n] == '@');
}

/* Finds property `prop` of the root's child `node`: *value, *len; 1 if found. */
static int nv_dtb_root_child_prop(const void* dtb, const char* node, const char* prop,
                                  const uint8_t** value, uint32_t* len) {
    const uint8_t* base = dtb;
    if (!dtb || nv_be32(base) != NV_FDT_MAGIC) return 0;
    const uint8_t* limit = base + nv_be32(base + 4);
    const uint8_t* p = base + nv_be32(base + 8);
    const char* strings = (const char*)base + nv_be32(base + 12);
    int depth = 0, in_node = 0;
    for (int steps = 0; steps < NV_FDT_WALK_LIMIT && p + 4 <= limit; ++steps) {
        const uint32_t token = nv_be32(p);
        p += 4;
        if (token == NV_FDT_BEGIN_NODE) {
            const char* name = (const char*)p;
            const size_t n = strnlen(name, (size_t)(limit - p));
            ++depth;
            in_node = depth == 2 && nv_node_is(name, node);
            p += (n + 1 + 3) & ~(size_t)3;
        } else if (token == NV_FDT_END_NODE) {
            if (depth == 2 && in_node) return 0;
            --depth;
            in_node = 0;
        } else if (token == NV_FDT_PROP) {
            if (p + 8 > limit) return 0;
            const uint32_t n = nv_be32(p);
            const char* name = strings + nv_be32(p + 4);
            if (p + 8 + n > limit) return 0;
            if (in_node && depth == 2 && strcmp(name, prop) == 0) {
                *value = p + 8;
                *len = n;
                return 1;
            }
            p += 8 + ((n + 3) & ~3u);
        } else if (token == NV_FDT_END) {
            return 0;
        } else if (token != NV_FDT_NOP) {
            return 0;
        }
    }
    return 0;
}

int nv_dtb_memory(const void* dtb, uint64_t* base, uint64_t* size) {
    const uint8_t* v;
    uint32_t len;
    if (!nv_dtb_root_child_prop(dtb, "memory", "reg", &v, &len) || len < 16) return 0;
    *base = (uint64_t)nv_be32(v) << 32 | nv_be32(v + 4);
    *size = (uint64_t)nv_be32(v + 8) << 32 | nv_be32(v + 12);
    return 1;
}

int nv_dtb_timebase(const void* dtb, uint32_t* hz) {
    const uint8_t* v;
    uint32_t len;
    if (!nv_dtb_root_child_prop(dtb, "cpus", "timebase-frequency", &v, &len) || len < 4) return 0;
    *hz = nv_be32(v);
    return 1;
}
