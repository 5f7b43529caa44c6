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
