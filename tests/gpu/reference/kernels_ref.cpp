// Reference attention, softmax, RMSNorm, rotary, elementwise and argmax: the mathematical
// results in double precision (docs/gpu/kernels.md states the bounds against these).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "tests/gpu/reference/reference.hpp"

namespace nodevp::gpu::ref {

AttentionExact attention_exact(const AttentionParams& p, const float* q, const float* k_cache,
                               const float* v_cache) {
    const std::uint32_t hd = p.head_dim;
    const double scale = p.scale != 0.0f ? p.scale : 1.0 / std::sqrt(static_cast<double>(hd));
    AttentionExact r;
    r.out.assign(std::size_t{p.heads} * p.q_len * hd, 0.0);
    r.v_mag.assign(r.out.size(), 0.0);
    r.s_mag.assign(std::size_t{p.heads} * p.q_len, 0.0);
    r.s_span.assign(r.s_mag.size(), 0.0);
    for (std::uint32_t h = 0; h < p.heads; ++h) {
        const std::uint32_t g = h / (p.heads / p.kv_heads);  // the KV head this query head reads
        for (std::uint32_t i = 0; i < p.q_len; ++i) {
            const std::size_t row = std::size_t{h} * p.q_len + i;
            const float* qi = q + row * hd;
            const std::uint32_t keys = p.q_pos0 + i + 1;  // causal: positions 0..q_pos0+i
            std::vector<double> s(keys);
            double mx = -INFINITY;
            for (std::uint32_t j = 0; j < keys; ++j) {
                const float* kj = k_cache + (std::size_t{g} * p.max_seq + j) * hd;
                double dot = 0, mag = 0;
                for (std::uint32_t d = 0; d < hd; ++d) {
                    dot += static_cast<double>(qi[d]) * kj[d];
                    mag += std::fabs(static_cast<double>(qi[d]) * kj[d]);
                }
                s[j] = dot * scale;
                mx = std::max(mx, s[j]);
                r.s_mag[row] = std::max(r.s_mag[row], mag * std::fabs(scale));
            }
            double total = 0;
            for (std::uint32_t j = 0; j < keys; ++j) {
                r.s_span[row] = std::max(r.s_span[row], mx - s[j]);
                s[j] = std::exp(s[j] - mx);
                total += s[j];
            }
            for (std::uint32_t j = 0; j < keys; ++j) {
                const float* vj = v_cache + (std::size_t{g} * p.max_seq + j) * hd;
                for (std::uint32_t d = 0; d < hd; ++d) {
                    r.out[row * hd + d] += s[j] / total * vj[d];
                    r.v_mag[row * hd + d] += s[j] / total * std::fabs(static_cast<double>(vj[d]));
                }
            }
        }
    }
    return r;
}

std::vector<double> softmax_exact(std::uint32_t rows, std::uint32_t cols, const float* in) {
    std::vector<double> out(std::size_t{rows} * cols);
    for (std::uint32_t r = 0; r < rows; ++r) {
        const float* x = in + std::size_t{r} * cols;
        double mx = -INFINITY, total = 0;
        for (std::uint32_t j = 0; j < cols; ++j) mx = std::max(mx, static_cast<double>(x[j]));
        for (std::uint32_t j = 0; j < cols; ++j) total += std::exp(x[j] - mx);
        for (std::uint32_t j = 0; j < cols; ++j)
            out[std::size_t{r} * cols + j] = std::exp(x[j] - mx) / total;
    }
    return out;
}

std::vector<double> rmsnorm_exact(std::uint32_t rows, std::uint32_t cols, double eps,
                                  const float* x, const float* w) {
    std::vector<double> out(std::size_t{rows} * cols);
    for (std::uint32_t r = 0; r < rows; ++r) {
        const float* xr = x + std::size_t{r} * cols;
        double ss = 0;
        for (std::uint32_t j = 0; j < cols; ++j) ss += static_cast<double>(xr[j]) * xr[j];
        const double rms = std::sqrt(ss / cols + eps);
        for (std::uint32_t j = 0; j < cols; ++j)
            out[std::size_t{r} * cols + j] = xr[j] / rms * w[j];
    }
    return out;
}

RotaryExact rotary_exact(std::uint32_t rows, std::uint32_t heads, std::uint32_t head_dim,
                         std::uint32_t pos0, double theta, const float* x) {
    RotaryExact r;
    r.out.resize(std::size_t{rows} * heads * head_dim);
    r.angle.resize(r.out.size());
    for (std::uint32_t row = 0; row < rows; ++row) {
        const double pos = static_cast<double>(pos0) + row;
        for (std::uint32_t h = 0; h < heads; ++h) {
            for (std::uint32_t i = 0; i < head_dim / 2; ++i) {
                // theta^(-2i/d) written as exp(-(2i/d) ln theta): a different route from pow.
                const double angle = pos * std::exp(-(2.0 * i / head_dim) * std::log(theta));
                const std::size_t e = (std::size_t{row} * heads + h) * head_dim + 2 * i;
                const double x0 = x[e], x1 = x[e + 1];
                r.out[e] = x0 * std::cos(angle) - x1 * std::sin(angle);
                r.out[e + 1] = x0 * std::sin(angle) + x1 * std::cos(angle);
                r.angle[e] = r.angle[e + 1] = angle;
            }
        }
    }
    return r;
}

double elementwise_exact(Elementwise op, float a, float b) {
    const double x = a;
    switch (op) {
        case Elementwise::add:
            return x + b;
        case Elementwise::mul:
            return x * b;
        case Elementwise::silu:
            return x / (1.0 + std::exp(-x));
        case Elementwise::gelu:
            return 0.5 * x * std::erfc(-x / std::sqrt(2.0));
    }
    return NAN;
}

std::vector<std::int32_t> argmax_ref(std::uint32_t rows, std::uint32_t cols, const float* in) {
    std::vector<std::int32_t> out(rows, 0);
    for (std::uint32_t r = 0; r < rows; ++r) {
        double best = -INFINITY;
        bool any = false;
        for (std::uint32_t j = 0; j < cols; ++j) {
            const float v = in[std::size_t{r} * cols + j];
            if (v != v) continue;  // NaN is never a candidate
            if (!any || v > best) {
                best = v;
                out[r] = static_cast<std::int32_t>(j);
            }
            any = true;
        }
    }
    return out;
}

}  // namespace nodevp::gpu::ref
