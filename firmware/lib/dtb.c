#include "firmware/lib/dtb.h"

#include <stdint.h>
#include <string.h>

enum {
    DTB_MAGIC = 0xd00dfeed,
    DTB_BEGIN_NODE = 1,
    DTB_END_NODE = 2,
    DTB_PROP = 3,
    DTB_NOP = 4,
    DTB_END = 9,
    DTB_WALK_LIMIT = 1 << 20, /* tokens; guards against a corrupt blob */
};

static uint32_t dtb_be32(const void* p) {
    const uint8_t* b = p;
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static uint32_t dtb_align4(uint32_t n) {
    return (n + 3u) & ~3u;
}

unsigned dtb_count_cpus(const void* blob) {
    if (!blob || dtb_be32(blob) != DTB_MAGIC) return 0;
    const uint8_t* base = blob;
    const uint8_t* p = base + dtb_be32(base + 8);     /* off_dt_struct */
    const uint8_t* limit = base + dtb_be32(base + 4); /* totalsize */
    int depth = 0, cpus_depth = -1;
    unsigned count = 0;
    for (int steps = 0; steps < DTB_WALK_LIMIT && p + 4 <= limit; ++steps) {
        uint32_t token = dtb_be32(p);
        p += 4;
        if (token == DTB_BEGIN_NODE) {
            const char* name = (const char*)p;
            ++depth;
            if (depth == 2 && strcmp(name, "cpus") == 0) cpus_depth = depth;
            if (cpus_depth == 2 && depth == 3 && strncmp(name, "cpu@", 4) == 0) ++count;
            p += dtb_align4((uint32_t)strlen(name) + 1);
        } else if (token == DTB_END_NODE) {
            if (depth == cpus_depth) cpus_depth = -1;
            --depth;
        } else if (token == DTB_PROP) {
            p += 8 + dtb_align4(dtb_be32(p));
        } else if (token == DTB_END) {
            break;
        } else if (token != DTB_NOP) {
            return 0;
        }
    }
    return count;
}

/* Properties of the node being walked, kept until its first child or its end (an FDT lists a
 * node's properties before its children). */
struct dtb_walk_node {
    int open;    /* properties seen, not yet judged */
    int matches; /* compatible holds the wanted string */
    struct dtb_device dev;
};

static int dtb_stringlist_has(const char* list, uint32_t len, const char* wanted) {
    uint32_t i = 0;
    while (i < len) {
        const char* s = list + i;
        uint32_t n = (uint32_t)strnlen(s, len - i);
        if (n < len - i && strcmp(s, wanted) == 0) return 1; /* terminated inside */
        i += n + 1;
    }
    return 0;
}

static uint64_t dtb_be64(const uint8_t* p) {
    return (uint64_t)dtb_be32(p) << 32 | dtb_be32(p + 4);
}

static void dtb_walk_property(struct dtb_walk_node* node, const char* name, const uint8_t* value,
                              uint32_t len, const char* wanted) {
    if (strcmp(name, "compatible") == 0) {
        node->matches = dtb_stringlist_has((const char*)value, len, wanted);
    } else if (strcmp(name, "reg") == 0) {
        for (unsigned r = 0; r < DTB_DEVICE_REGS && (r + 1) * 16 <= len; ++r) {
            node->dev.reg[r].base = dtb_be64(value + r * 16);
            node->dev.reg[r].size = dtb_be64(value + r * 16 + 8);
            node->dev.regs = r + 1;
        }
    } else if (strcmp(name, "interrupts") == 0 && len >= 4) {
        node->dev.irq = dtb_be32(value);
    }
}

int dtb_find_compatible(const void* blob, const char* compatible, unsigned index,
                        struct dtb_device* out) {
    if (!blob || !compatible || dtb_be32(blob) != DTB_MAGIC) return 0;
    const uint8_t* base = blob;
    const uint8_t* p = base + dtb_be32(base + 8);                  /* off_dt_struct */
    const char* strings = (const char*)base + dtb_be32(base + 12); /* off_dt_strings */
    const uint8_t* limit = base + dtb_be32(base + 4);              /* totalsize */
    struct dtb_walk_node node;
    memset(&node, 0, sizeof node);
    unsigned found = 0;
    for (int steps = 0; steps < DTB_WALK_LIMIT && p + 4 <= limit; ++steps) {
        uint32_t token = dtb_be32(p);
        p += 4;
        if (token == DTB_BEGIN_NODE || token == DTB_END_NODE || token == DTB_END) {
            if (node.open && node.matches) {
                if (found == index) {
                    if (out) *out = node.dev;
                    return 1;
                }
                ++found;
            }
            memset(&node, 0, sizeof node);
            if (token == DTB_END) break;
            if (token == DTB_BEGIN_NODE) {
                node.open = 1;
                p += dtb_align4((uint32_t)strnlen((const char*)p, (size_t)(limit - p)) + 1);
            }
        } else if (token == DTB_PROP) {
            if (p + 8 > limit) return 0;
            uint32_t len = dtb_be32(p);
            const char* name = strings + dtb_be32(p + 4);
            if (p + 8 + len > limit) return 0;
            if (node.open) dtb_walk_property(&node, name, p + 8, len, compatible);
            p += 8 + dtb_align4(len);
        } else if (token != DTB_NOP) {
            return 0;
        }
    }
    return 0;
}

unsigned dtb_count_compatible(const void* blob, const char* compatible) {
    unsigned n = 0;
    while (n < DTB_WALK_LIMIT && dtb_find_compatible(blob, compatible, n, 0)) ++n;
    return n;
}
