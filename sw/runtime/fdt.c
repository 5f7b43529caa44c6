#include "sw/runtime/fdt.h"

#include <stddef.h>
#include <string.h>

enum {
    FDT_MAGIC = 0xd00dfeedu,
    FDT_BEGIN_NODE = 1,
    FDT_END_NODE = 2,
    FDT_PROP = 3,
    FDT_NOP = 4,
    FDT_END = 9,
    FDT_MAX_DEPTH = 16
};

uint32_t hy_fdt_u32(const void* cell) {
    const uint8_t* b = (const uint8_t*)cell;
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

struct fdt {
    const uint8_t* base;
    uint32_t size, structs, struct_size, strings, strings_size;
};

static int fdt_open(const void* dtb, struct fdt* f) {
    if (!dtb) return 0;
    const uint8_t* b = (const uint8_t*)dtb;
    if (hy_fdt_u32(b) != FDT_MAGIC) return 0;
    f->base = b;
    f->size = hy_fdt_u32(b + 4);
    f->structs = hy_fdt_u32(b + 8);
    f->strings = hy_fdt_u32(b + 12);
    f->strings_size = hy_fdt_u32(b + 32);
    f->struct_size = hy_fdt_u32(b + 36);
    return f->size >= 40 && f->structs <= f->size && f->struct_size <= f->size - f->structs &&
           f->strings <= f->size && f->strings_size <= f->size - f->strings;
}

static uint32_t align4(uint32_t v) {
    return (v + 3u) & ~3u;
}

/* One token of the structure block at *off (relative to its start): its kind, and for a node its
 * name, for a property its name, value and length. Advances *off; 0 at the end or on a defect. */
struct token {
    uint32_t kind;
    const char* name;
    const void* value;
    uint32_t len;
};

static int next_token(const struct fdt* f, uint32_t* off, struct token* t) {
    for (;;) {
        if (*off > f->struct_size - 4) return 0;
        const uint8_t* p = f->base + f->structs + *off;
        t->kind = hy_fdt_u32(p);
        *off += 4;
        if (t->kind == FDT_NOP) continue;
        if (t->kind == FDT_BEGIN_NODE) {
            const uint32_t room = f->struct_size - *off;
            const size_t n = strnlen((const char*)p + 4, room);
            if (n == room) return 0;
            t->name = (const char*)p + 4;
            *off = align4(*off + (uint32_t)n + 1);
            return 1;
        }
        if (t->kind == FDT_PROP) {
            if (*off > f->struct_size - 8) return 0;
            t->len = hy_fdt_u32(p + 4);
            const uint32_t nameoff = hy_fdt_u32(p + 8);
            *off += 8;
            if (t->len > f->struct_size - *off || nameoff >= f->strings_size) return 0;
            const char* s = (const char*)f->base + f->strings + nameoff;
            if (strnlen(s, f->strings_size - nameoff) == f->strings_size - nameoff) return 0;
            t->name = s;
            t->value = p + 12;
            *off = align4(*off + t->len);
            return 1;
        }
        return t->kind == FDT_END_NODE;
    }
}

/* Length of the path component at p (up to '/' or the end). */
static size_t component(const char* p) {
    size_t n = 0;
    while (p[n] && p[n] != '/') ++n;
    return n;
}

/* The direct property `prop` of the node whose BEGIN_NODE token ended at `off`. */
static const void* node_prop(const struct fdt* f, uint32_t off, const char* prop, uint32_t* len) {
    struct token t;
    while (next_token(f, &off, &t) && t.kind == FDT_PROP)
        if (strcmp(t.name, prop) == 0) {
            if (len) *len = t.len;
            return t.value;
        }
    return NULL;
}

const void* hy_fdt_prop(const void* dtb, const char* path, const char* prop, uint32_t* len) {
    struct fdt f;
    if (!fdt_open(dtb, &f) || !path || path[0] != '/') return NULL;
    const char* want[FDT_MAX_DEPTH];
    unsigned parts = 0;
    for (const char* p = path + 1; *p; ++p) {
        if (parts == FDT_MAX_DEPTH) return NULL;
        want[parts++] = p;
        p += component(p);
        if (!*p) break;
    }
    /* on_path[d]: the open node at depth d and its ancestors are the path's first d components. */
    int on_path[FDT_MAX_DEPTH + 1];
    unsigned depth = 0; /* open nodes */
    uint32_t off = 0;
    struct token t;
    while (next_token(&f, &off, &t)) {
        if (t.kind == FDT_BEGIN_NODE) {
            if (depth > FDT_MAX_DEPTH) return NULL;
            int ok = depth == 0;
            if (depth > 0 && on_path[depth - 1] && depth - 1 < parts) {
                const size_t n = component(want[depth - 1]);
                ok = strlen(t.name) == n && strncmp(t.name, want[depth - 1], n) == 0;
            }
            on_path[depth] = ok;
            if (ok && depth == parts) return node_prop(&f, off, prop, len);
            ++depth;
        } else if (t.kind == FDT_END_NODE) {
            if (depth == 0) return NULL;
            --depth;
        }
    }
    return NULL;
}

/* True if the NUL-separated list v[0..len) holds s. */
static int list_holds(const char* v, uint32_t len, const char* s) {
    const size_t n = strlen(s);
    for (uint32_t i = 0; i < len;) {
        const size_t m = strnlen(v + i, len - i);
        if (m == n && memcmp(v + i, s, n) == 0) return 1;
        i += (uint32_t)m + 1;
    }
    return 0;
}

const void* hy_fdt_compatible_prop(const void* dtb, const char* compatible, unsigned index,
                                   const char* prop, uint32_t* len) {
    struct fdt f;
    if (!fdt_open(dtb, &f)) return NULL;
    uint32_t off = 0;
    struct token t;
    while (next_token(&f, &off, &t)) {
        if (t.kind != FDT_BEGIN_NODE) continue;
        uint32_t clen = 0;
        const char* c = (const char*)node_prop(&f, off, "compatible", &clen);
        if (c && list_holds(c, clen, compatible) && index-- == 0)
            return node_prop(&f, off, prop, len);
    }
    return NULL;
}
