// Causal attention over a KV cache (fp32), in the order docs/gpu/kernels.md documents.
//
// The scores of up to kChunk query rows of one KV group are one GEMM (Q rows times the visible
// keys, transposed, alpha = scale): the GEMM sums each score's head_dim products in ascending d
// from +0 and then multiplies by alpha, which is the documented arithmetic, bit for bit. Each row
// then takes its own visible prefix of scores through max, exp, sum and the weighted sum of
// values (d innermost, keys ascending). Keys beyond every row of the call (j >= q_pos0 + q_len)
// are never read; keys between a row's own position and that limit are scored but unused.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "models/gpu/kernels/detail.hpp"
#include "models/gpu/kernels/kernels.hpp"

namespace nodevp::gpu::kernels {

std::uint64_t attention_bytes_q(const AttentionParams& p) {
    const std::uint64_t rows = std::uint64_t{p.heads} * p.q_len;
    return detail::checked_mad("attention", "Q's size", rows, p.head_dim, 0) * 4;
}

std::uint64_t attention_bytes_kv(const AttentionParams& p) {
    const std::uint64_t rows = std::uint64_t{p.kv_heads} * p.max_seq;
    return detail::checked_mad("attention", "the cache's size", rows, p.head_dim, 0) * 4;
}

namespace {

// One query row, its scores s[0..len) already scaled: out[0..hd) = softmax(s) . v.
inline __attribute__((always_inline)) void attend_row_body(std::uint32_t hd, std::uint32_t len,
                                                           float* s, const float* v, float* out) {
    float mx = s[0];
    for (std::uint32_t j = 1; j < len; ++j)
        if (s[j] > mx) mx = s[j];
    float sum = 0.0f;
    for (std::uint32_t j = 0; j < len; ++j) {
        s[j] = std::exp(s[j] - mx);
        sum = sum + s[j];
    }
    for (std::uint32_t d = 0; d < hd; ++d) out[d] = 0.0f;
    for (std::uint32_t j = 0; j < len; ++j) {
        const float e = s[j];
        const float* vj = v + std::uint64_t{j} * hd;
        for (std::uint32_t d = 0; d < hd; ++d) out[d] = out[d] + e * vj[d];
    }
    for (std::uint32_t d = 0; d < hd; ++d) out[d] = out[d] / sum;
}

// The row compiled for each vector ISA, picked once from the host's. Vectorisation only spreads
// the loops over d; no sum is reordered, so every variant gives the same bits.
using RowFn = void (*)(std::uint32_t, std::uint32_t, float*, const float*, float*);
#define NODEVP_ATTEND_ROW(name, attr)                                                           \
    attr void name(std::uint32_t hd, std::uint32_t len, float* s, const float* v, float* out) { \
        attend_row_body(hd, len, s, v, out);                                                    \
    }
NODEVP_ATTEND_ROW(attend_row_generic, )
#if defined(__x86_64__)
NODEVP_ATTEND_ROW(attend_row_avx2, __attribute__((target("avx2"))))
NODEVP_ATTEND_ROW(attend_row_avx512, __attribute__((target("avx512f"))))
#endif

RowFn pick_attend_row() {
#if defined(__x86_64__)
    if (__builtin_cpu_supports("avx512f")) return attend_row_avx512;
    if (__builtin_cpu_supports("avx2")) return attend_row_avx2;
#endif
    return attend_row_generic;
}

}  // namespace

void attention(const AttentionParams& p, const float* q, const float* k_cache, const float* v_cache,
               float* out) {
    validate(p);
    const std::uint64_t qb = attention_bytes_q(p), kvb = attention_bytes_kv(p);
    detail::check_disjoint("attention", "out", out, qb, "Q", q, qb, false);
    detail::check_disjoint("attention", "out", out, qb, "the K cache", k_cache, kvb, false);
    detail::check_disjoint("attention", "out", out, qb, "the V cache", v_cache, kvb, false);

    const std::uint32_t hd = p.head_dim;
    const float scale = p.scale != 0.0f ? p.scale : 1.0f / std::sqrt(static_cast<float>(hd));
    const std::uint32_t visible = p.q_pos0 + p.q_len;  // keys any row of this call may see
    const std::uint32_t group = p.heads / p.kv_heads;
    const std::uint32_t group_rows = group * p.q_len;  // Q rows of one KV head, consecutive
    static const RowFn attend_row = pick_attend_row();
    constexpr std::uint32_t kChunk = 64;
    thread_local std::vector<float> scores;
    scores.resize(std::uint64_t{kChunk} * visible);
    for (std::uint32_t g = 0; g < p.kv_heads; ++g) {
        const float* kg = k_cache + std::uint64_t{g} * p.max_seq * hd;
        const float* vg = v_cache + std::uint64_t{g} * p.max_seq * hd;
        const std::uint64_t first = std::uint64_t{g} * group_rows;  // row (h, i) is h*q_len + i
        for (std::uint32_t r0 = 0; r0 < group_rows; r0 += kChunk) {
            const std::uint32_t rows = std::min(kChunk, group_rows - r0);
            // Keys the chunk's rows see: up to the last row's position, or all if it spans heads.
            const bool one_head = r0 / p.q_len == (r0 + rows - 1) / p.q_len;
            const std::uint32_t keys =
                one_head ? p.q_pos0 + (r0 + rows - 1) % p.q_len + 1 : visible;
            GemmParams sp;
            sp.m = rows, sp.n = keys, sp.k = hd, sp.trans_b = true;
            sp.lda = hd, sp.ldb = hd, sp.ldc = keys, sp.alpha = scale;
            gemm(sp, q + (first + r0) * hd, kg, scores.data());
            for (std::uint32_t r = 0; r < rows; ++r) {
                const std::uint32_t i = (r0 + r) % p.q_len;
                attend_row(hd, p.q_pos0 + i + 1, scores.data() + std::uint64_t{r} * keys, vg,
                           out + (first + r0 + r) * hd);
            }
        }
    }
}

}  // namespace nodevp::gpu::kernels
