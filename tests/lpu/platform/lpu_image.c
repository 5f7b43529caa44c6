#include "tests/lpu/platform/lpu_image.h"

#include <string.h>

static void put(struct lpu_image* img, uint64_t v, unsigned bytes) {
    if (img->len + bytes > img->cap) {
        img->overflow = 1;
        return;
    }
    for (unsigned i = 0; i < bytes; ++i) img->buf[img->len++] = (uint8_t)(v >> (8 * i));
}

static void put_bytes(struct lpu_image* img, const uint8_t* p, size_t n) {
    if (img->len + n > img->cap) {
        img->overflow = 1;
        return;
    }
    memcpy(img->buf + img->len, p, n);
    img->len += n;
}

void lpu_image_begin(struct lpu_image* img, uint8_t* buf, size_t cap, const struct lpu_geometry* g,
                     uint32_t queues, uint32_t segments, uint32_t symbols) {
    img->buf = buf;
    img->cap = cap;
    img->len = 0;
    img->overflow = 0;
    put_bytes(img, (const uint8_t*)"LPUP", 4);
    put(img, 1, 2);                         /* version */
    put(img, 4 + 2 + 2 + 5 * 4 + 3 * 4, 2); /* header bytes */
    put(img, g->superlanes, 4);
    put(img, g->mem_slices, 4);
    put(img, g->mem_words, 4);
    put(img, g->mxm_planes, 4);
    put(img, g->vxm_alus, 4);
    put(img, queues, 4);
    put(img, segments, 4);
    put(img, symbols, 4);
}

void lpu_image_queue(struct lpu_image* img, const char* name, const uint64_t* words, uint32_t n) {
    size_t len = strlen(name);
    put(img, len, 2);
    put_bytes(img, (const uint8_t*)name, len);
    put(img, n, 4);
    for (uint32_t i = 0; i < n; ++i) put(img, words[i], 8);
}

void lpu_image_data(struct lpu_image* img, uint32_t slice, uint32_t first, const uint8_t* bytes,
                    uint32_t vectors, uint32_t vl) {
    put(img, slice, 4);
    put(img, first, 4);
    put(img, vectors, 4);
    put_bytes(img, bytes, (size_t)vectors * vl);
}

size_t lpu_image_end(struct lpu_image* img) {
    uint32_t crc = lpu_crc32(img->buf, img->len);
    put(img, crc, 4);
    return img->overflow ? 0 : img->len;
}

/* CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), bit by bit. */
uint32_t lpu_crc32(const uint8_t* data, size_t length) {
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < length; ++i) {
        c ^= data[i];
        for (int k = 0; k < 8; ++k) c = (c & 1u) ? 0xedb88320u ^ (c >> 1) : c >> 1;
    }
    return c ^ 0xffffffffu;
}
