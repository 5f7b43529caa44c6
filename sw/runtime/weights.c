#include "sw/runtime/weights.h"

#include <string.h>

#include "sw/runtime/model.h"

uint64_t hy_splitmix64_next(struct hy_splitmix64* s) {
    s->state += 0x9e3779b97f4a7c15ull;
    uint64_t z = s->state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* n = 2 (z >> 40) - 2^24 is even with |n| <= 2^24, so n 2^-24 2^exp2 has at most 24 significant
 * bits: exact in fp32, and equal to the contract's 2.0f * u - 1.0f (each step exact). */
uint32_t hy_sym_bits(uint64_t z, int exp2) {
    const int32_t n = (int32_t)((z >> 40) << 1) - (int32_t)(1u << 24);
    if (n == 0) return 0; /* +0.0f, as 2.0f * 0.5f - 1.0f gives */
    const uint32_t sign = n < 0 ? 0x80000000u : 0u;
    const uint32_t m = n < 0 ? (uint32_t)-n : (uint32_t)n;
    const int e = 31 - __builtin_clz(m); /* 1 .. 24 */
    const uint32_t mant = (e <= 23 ? m << (23 - e) : m >> (e - 23)) & 0x7fffffu;
    const uint32_t exp = (uint32_t)(e - 24 + exp2 + 127);
    return sign | exp << 23 | mant;
}

static float bits_float(uint32_t b) {
    float f;
    memcpy(&f, &b, sizeof f);
    return f;
}

static void draw_sym(struct hy_splitmix64* s, float* w, unsigned n, int exp2) {
    for (unsigned i = 0; i < n; ++i) w[i] = bits_float(hy_sym_bits(hy_splitmix64_next(s), exp2));
}

/* 1.0f + 0.125f * sym(): the product is exact, the sum rounds (soft or hard float alike). */
static void draw_norm(struct hy_splitmix64* s, float* w) {
    for (unsigned i = 0; i < HY_D_MODEL; ++i) {
        const float scaled = bits_float(hy_sym_bits(hy_splitmix64_next(s), -3));
        w[i] = 1.0f + scaled;
    }
}

void hy_draw_weights(uint64_t seed, float* w) {
    struct hy_splitmix64 s = {seed};
    draw_sym(&s, w + HY_W_EMBED, HY_VOCAB * HY_D_MODEL, 0);
    for (unsigned l = 0; l < HY_LAYERS; ++l) {
        float* lw = w + HY_W_LAYER(l);
        draw_norm(&s, lw + HY_WL_ATTN_NORM);
        draw_sym(&s, lw + HY_WL_WQ, HY_D_MODEL * HY_D_MODEL, -3); /* sym() * 0.125f */
        draw_sym(&s, lw + HY_WL_WK, HY_D_MODEL * HY_KV_DIM, -3);
        draw_sym(&s, lw + HY_WL_WV, HY_D_MODEL * HY_KV_DIM, -3);
        draw_sym(&s, lw + HY_WL_WO, HY_D_MODEL * HY_D_MODEL, -3);
        draw_norm(&s, lw + HY_WL_FFN_NORM);
        for (unsigned i = 0; i < HY_FFN_DRAWS; ++i) hy_splitmix64_next(&s); /* w_up, w_down */
    }
    draw_norm(&s, w + HY_W_FINAL_NORM);
    draw_sym(&s, w + HY_W_LM, HY_D_MODEL * HY_VOCAB, -3);
}
