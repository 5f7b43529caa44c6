// Elementwise kernels, rotary embedding and the embedding gather (docs/gpu/kernels.md).
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "models/gpu/kernels/detail.hpp"
#include "models/gpu/kernels/kernels.hpp"

namespace nodevp::gpu::kernels {

namespace {

constexpr float kInvSqrt2 = 0.70710678118654752f;  // 1/sqrt(2) rounded to fp32

}  // namespace

void elementwise(Elementwise op, std::uint64_t n, const float* a, const float* b, float* out) {
    const std::uint64_t bytes = detail::checked_mad("elementwise", "the vector size", n, 4, 0);
    detail::check_disjoint("elementwise", "out", out, bytes, "a", a, bytes, true);
    switch (op) {
        case Elementwise::add:
            detail::check_disjoint("elementwise", "out", out, bytes, "b", b, bytes, true);
            for (std::uint64_t i = 0; i < n; ++i) out[i] = a[i] + b[i];
            return;
        case Elementwise::mul:
            detail::check_disjoint("elementwise", "out", out, bytes, "b", b, bytes, true);
            for (std::uint64_t i = 0; i < n; ++i) out[i] = a[i] * b[i];
            return;
        case Elementwise::silu:
            for (std::uint64_t i = 0; i < n; ++i) out[i] = a[i] / (1.0f + std::exp(-a[i]));
            return;
        case Elementwise::gelu:
            for (std::uint64_t i = 0; i < n; ++i)
                out[i] = (0.5f * a[i]) * std::erfc(-a[i] * kInvSqrt2);
            return;
    }
    detail::fail("elementwise", "unknown op " + std::to_string(static_cast<unsigned>(op)));
}

void rotary(std::uint32_t rows, std::uint32_t heads, std::uint32_t head_dim, std::uint32_t pos0,
            float theta, float* x) {
    if (head_dim == 0 || head_dim % 2 != 0)
        detail::fail("rotary", "head_dim " + std::to_string(head_dim) + " is not even and > 0");
    if (!(theta > 0.0f) || !std::isfinite(theta))
        detail::fail("rotary", "theta must be finite and > 0");
    const std::uint64_t row_elems = std::uint64_t{heads} * head_dim;
    detail::checked_mad("rotary", "the tensor size", rows, row_elems, 0);
    const std::uint32_t half = head_dim / 2;
    std::vector<double> inv_freq(half);
    for (std::uint32_t i = 0; i < half; ++i)
        inv_freq[i] = std::pow(static_cast<double>(theta), -2.0 * i / head_dim);
    std::vector<float> c(half), s(half);
    for (std::uint32_t r = 0; r < rows; ++r) {
        const double pos = static_cast<double>(std::uint64_t{pos0} + r);
        for (std::uint32_t i = 0; i < half; ++i) {
            const double angle = pos * inv_freq[i];
            c[i] = static_cast<float>(std::cos(angle));
            s[i] = static_cast<float>(std::sin(angle));
        }
        for (std::uint32_t h = 0; h < heads; ++h) {
            float* v = x + r * row_elems + std::uint64_t{h} * head_dim;
            for (std::uint32_t i = 0; i < half; ++i) {
                const float x0 = v[2 * i], x1 = v[2 * i + 1];
                v[2 * i] = x0 * c[i] - x1 * s[i];
                v[2 * i + 1] = x0 * s[i] + x1 * c[i];
            }
        }
    }
}

void embedding(std::uint32_t rows, std::uint32_t dim, std::uint32_t vocab, const float* table,
               const std::int32_t* ids, float* out) {
    for (std::uint32_t r = 0; r < rows; ++r)
        if (ids[r] < 0 || static_cast<std::uint32_t>(ids[r]) >= vocab)
            detail::fail("embedding", "row " + std::to_string(r) + ": id " +
                                          std::to_string(ids[r]) +
                                          " is outside the vocabulary of " + std::to_string(vocab));
    const std::uint64_t out_bytes =
        detail::checked_mad("embedding", "out's size", rows, dim, 0) * 4;
    const std::uint64_t table_bytes =
        detail::checked_mad("embedding", "the table's size", vocab, dim, 0) * 4;
    detail::check_disjoint("embedding", "out", out, out_bytes, "the table", table, table_bytes,
                           false);
    detail::check_disjoint("embedding", "out", out, out_bytes, "ids", ids, std::uint64_t{rows} * 4,
                           false);
    if (dim == 0) return;  // nothing to copy (and the pointers may be null)
    for (std::uint32_t r = 0; r < rows; ++r)
        std::memcpy(out + std::uint64_t{r} * dim, table + static_cast<std::uint64_t>(ids[r]) * dim,
                    std::uint64_t{dim} * 4);
}

}  // namespace nodevp::gpu::kernels
