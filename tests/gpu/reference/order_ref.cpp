// Reference of the documented fp32 arithmetic of the non-GEMM kernels (docs/gpu/kernels.md),
// one element at a time: each step written as the document states it, each result rounded to
// fp32 before the next. The library must match these bit for bit on the same host (the
// transcendental functions are the same libm calls).
#include <cmath>
#include <cstdint>
#include <vector>

#include "tests/gpu/reference/reference.hpp"

namespace nodevp::gpu::ref {

std::vector<float> attention_order(const AttentionParams& p, const float* q, const float* k_cache,
                                   const float* v_cache) {
    const std::uint32_t hd = p.head_dim;
    const float scale = p.scale != 0.0f ? p.scale : 1.0f / std::sqrt(static_cast<float>(hd));
    std::vector<float> out(std::size_t{p.heads} * p.q_len * hd);
    for (std::uint32_t h = 0; h < p.heads; ++h) {
        const std::uint32_t g = h / (p.heads / p.kv_heads);
        for (std::uint32_t i = 0; i < p.q_len; ++i) {
            const std::size_t row = std::size_t{h} * p.q_len + i;
            const std::uint32_t keys = p.q_pos0 + i + 1;
            std::vector<float> s(keys);
            for (std::uint32_t j = 0; j < keys; ++j) {
                const float* kj = k_cache + (std::size_t{g} * p.max_seq + j) * hd;
                float dot = 0.0f;
                for (std::uint32_t d = 0; d < hd; ++d) {
                    const float prod = q[row * hd + d] * kj[d];
                    dot = dot + prod;
                }
                s[j] = dot * scale;
            }
            float m = s[0];
            for (std::uint32_t j = 1; j < keys; ++j)
                if (s[j] > m) m = s[j];
            float z = 0.0f;
            for (std::uint32_t j = 0; j < keys; ++j) {
                s[j] = std::exp(s[j] - m);
                z = z + s[j];
            }
            for (std::uint32_t d = 0; d < hd; ++d) {
                float acc = 0.0f;
                for (std::uint32_t j = 0; j < keys; ++j) {
                    const float prod = s[j] * v_cache[(std::size_t{g} * p.max_seq + j) * hd + d];
                    acc = acc + prod;
                }
                out[row * hd + d] = acc / z;
            }
        }
    }
    return out;
}

std::vector<float> softmax_order(std::uint32_t rows, std::uint32_t cols, const float* in) {
    std::vector<float> out(std::size_t{rows} * cols);
    for (std::uint32_t r = 0; r < rows; ++r) {
        const float* x = in + std::size_t{r} * cols;
        float m = x[0];
        for (std::uint32_t j = 1; j < cols; ++j)
            if (x[j] > m) m = x[j];
        float z = 0.0f;
        for (std::uint32_t j = 0; j < cols; ++j) z = z + std::exp(x[j] - m);
        for (std::uint32_t j = 0; j < cols; ++j)
            out[std::size_t{r} * cols + j] = std::exp(x[j] - m) / z;
    }
    return out;
}

std::vector<float> rmsnorm_order(std::uint32_t rows, std::uint32_t cols, float eps, const float* x,
                                 const float* w) {
    std::vector<float> out(std::size_t{rows} * cols);
    for (std::uint32_t r = 0; r < rows; ++r) {
        const float* xr = x + std::size_t{r} * cols;
        float ss = 0.0f;
        for (std::uint32_t j = 0; j < cols; ++j) {
            const float sq = xr[j] * xr[j];
            ss = ss + sq;
        }
        const float mean = ss / static_cast<float>(cols);
        const float inv = 1.0f / std::sqrt(mean + eps);
        for (std::uint32_t j = 0; j < cols; ++j) {
            const float scaled = xr[j] * inv;
            out[std::size_t{r} * cols + j] = scaled * w[j];
        }
    }
    return out;
}

std::vector<float> rotary_order(std::uint32_t rows, std::uint32_t heads, std::uint32_t head_dim,
                                std::uint32_t pos0, float theta, const float* x) {
    std::vector<float> out(x, x + std::size_t{rows} * heads * head_dim);
    for (std::uint32_t r = 0; r < rows; ++r)
        for (std::uint32_t h = 0; h < heads; ++h)
            for (std::uint32_t i = 0; i < head_dim / 2; ++i) {
                const double angle = (static_cast<double>(pos0) + r) *
                                     std::pow(static_cast<double>(theta), -2.0 * i / head_dim);
                const float c = static_cast<float>(std::cos(angle));
                const float s = static_cast<float>(std::sin(angle));
                const std::size_t e = (std::size_t{r} * heads + h) * head_dim + 2 * i;
                const float x0 = x[e], x1 = x[e + 1];
                const float a = x0 * c, b = x1 * s, cc = x0 * s, d = x1 * c;
                out[e] = a - b;
                out[e + 1] = cc + d;
            }
    return out;
}

float elementwise_order(Elementwise op, float a, float b) {
    switch (op) {
        case Elementwise::add:
            return a + b;
        case Elementwise::mul:
            return a * b;
        case Elementwise::silu: {
            const float denom = 1.0f + std::exp(-a);
            return a / denom;
        }
        case Elementwise::gelu: {
            const float half = 0.5f * a;
            const float t = -a * 0.70710677f;  // 1/sqrt(2) rounded to fp32
            return half * std::erfc(t);
        }
    }
    return NAN;
}

}  // namespace nodevp::gpu::ref
