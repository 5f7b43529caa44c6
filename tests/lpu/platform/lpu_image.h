/* Builds LPU program images in guest memory (format: models/lpu/image/image.hpp, version 1) and
 * encodes instructions (field layout: models/lpu/isa/isa.hpp; opcodes from gen/lpu_isa.h). */
#ifndef NODEVP_TESTS_LPU_IMAGE_H
#define NODEVP_TESTS_LPU_IMAGE_H

#include <stddef.h>
#include <stdint.h>

struct lpu_geometry {
    uint32_t superlanes, mem_slices, mem_words, mxm_planes, vxm_alus;
};

struct lpu_image {
    uint8_t* buf;
    size_t cap;
    size_t len;
    int overflow; /* set when an append did not fit in cap */
};

/* Stream operand: index 0..31, travelling east (west = 0) or west (west = 1). */
static inline unsigned lpu_stream(unsigned index, int west) {
    return (index & 31u) | (west ? 0x20u : 0u);
}
/* One instruction word: t is the 8-bit type/stride field, imm the 30-bit immediate. */
static inline uint64_t lpu_insn(unsigned op, unsigned t, unsigned d, unsigned a, unsigned b,
                                uint32_t imm) {
    return (uint64_t)(op & 0xffu) | (uint64_t)(t & 0xffu) << 8 | (uint64_t)(d & 0x3fu) << 16 |
           (uint64_t)(a & 0x3fu) << 22 | (uint64_t)(b & 0x3fu) << 28 |
           (uint64_t)(imm & 0x3fffffffu) << 34;
}
/* REPEAT n, d: imm[14:0] = n, imm[29:15] = d. */
static inline uint64_t lpu_repeat(unsigned op_repeat, uint32_t n, uint32_t d) {
    return lpu_insn(op_repeat, 0, 0, 0, 0, (n & 0x7fffu) | (d & 0x7fffu) << 15);
}

void lpu_image_begin(struct lpu_image* img, uint8_t* buf, size_t cap, const struct lpu_geometry* g,
                     uint32_t queues, uint32_t segments, uint32_t symbols);
void lpu_image_queue(struct lpu_image* img, const char* name, const uint64_t* words, uint32_t n);
/* A data segment of `vectors` vectors of VL bytes each. */
void lpu_image_data(struct lpu_image* img, uint32_t slice, uint32_t first, const uint8_t* bytes,
                    uint32_t vectors, uint32_t vl);
/* Appends the CRC-32 trailer; returns the image length (0 if it did not fit). */
size_t lpu_image_end(struct lpu_image* img);

uint32_t lpu_crc32(const uint8_t* data, size_t length);

#endif /* NODEVP_TESTS_LPU_IMAGE_H */
