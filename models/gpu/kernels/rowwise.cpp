// Row-wise kernels: softmax, RMSNorm, argmax (docs/gpu/kernels.md gives their arithmetic).
#include <cmath>
#include <cstdint>

#include "models/gpu/kernels/detail.hpp"
#include "models/gpu/kernels/kernels.hpp"

namespace nodevp::gpu::kernels {

namespace {

std::uint64_t matrix_bytes(const char* kernel, std::uint32_t rows, std::uint32_t cols) {
    return detail::checked_mad(kernel, "the matrix size", rows, cols, 0) * 4;
}

}  // namespace

void softmax(std::uint32_t rows, std::uint32_t cols, const float* in, float* out) {
    const std::uint64_t bytes = matrix_bytes("softmax", rows, cols);
    detail::check_disjoint("softmax", "out", out, bytes, "in", in, bytes, true);
    if (cols == 0) return;
    for (std::uint32_t r = 0; r < rows; ++r) {
        const float* x = in + std::uint64_t{r} * cols;
        float* y = out + std::uint64_t{r} * cols;
        float mx = x[0];
        for (std::uint32_t j = 1; j < cols; ++j)
            if (x[j] > mx) mx = x[j];
        float sum = 0.0f;
        for (std::uint32_t j = 0; j < cols; ++j) {
            y[j] = std::exp(x[j] - mx);
            sum = sum + y[j];
        }
        for (std::uint32_t j = 0; j < cols; ++j) y[j] = y[j] / sum;
    }
}

void rmsnorm(std::uint32_t rows, std::uint32_t cols, float eps, const float* x, const float* weight,
             float* out) {
    if (!(eps >= 0.0f) || !std::isfinite(eps))
        detail::fail("rmsnorm", "eps must be finite and >= 0");
    const std::uint64_t bytes = matrix_bytes("rmsnorm", rows, cols);
    detail::check_disjoint("rmsnorm", "out", out, bytes, "x", x, bytes, true);
    detail::check_disjoint("rmsnorm", "out", out, bytes, "weight", weight, std::uint64_t{cols} * 4,
                           false);
    if (cols == 0) return;
    const float n = static_cast<float>(cols);
    for (std::uint32_t r = 0; r < rows; ++r) {
        const float* xr = x + std::uint64_t{r} * cols;
        float* y = out + std::uint64_t{r} * cols;
        float ss = 0.0f;
        for (std::uint32_t j = 0; j < cols; ++j) ss = ss + xr[j] * xr[j];
        const float inv = 1.0f / std::sqrt(ss / n + eps);
        for (std::uint32_t j = 0; j < cols; ++j) y[j] = (xr[j] * inv) * weight[j];
    }
}

void argmax(std::uint32_t rows, std::uint32_t cols, const float* in, std::int32_t* out) {
    if (cols == 0 && rows != 0) detail::fail("argmax", "rows have no columns");
    if (cols > 0x80000000u) detail::fail("argmax", "cols exceeds the int32 index range");
    const std::uint64_t bytes = matrix_bytes("argmax", rows, cols);
    detail::check_disjoint("argmax", "out", out, std::uint64_t{rows} * 4, "in", in, bytes, false);
    for (std::uint32_t r = 0; r < rows; ++r) {
        const float* x = in + std::uint64_t{r} * cols;
        std::uint32_t best = 0;
        bool found = false;
        for (std::uint32_t j = 0; j < cols; ++j) {
            if (std::isnan(x[j])) continue;
            if (!found || x[j] > x[best]) best = j;
            found = true;
        }
        out[r] = static_cast<std::int32_t>(best);
    }
}

}  // namespace nodevp::gpu::kernels
