#include "models/lpu/units/mxm_kernels.hpp"

namespace nodevp::lpu::mxm {

namespace {

std::int32_t dot_i16(const std::int16_t* __restrict w, const std::int16_t* __restrict x,
                     unsigned n) {
    std::int32_t s = 0;
    for (unsigned c = 0; c < n; ++c) s += std::int32_t{w[c]} * std::int32_t{x[c]};
    return s;
}

// Four rows share each load of x.
void dot4_i16(const std::int16_t* __restrict w, const std::int16_t* __restrict x, unsigned n,
              std::int32_t* __restrict y) {
    const std::int16_t* w1 = w + n;
    const std::int16_t* w2 = w1 + n;
    const std::int16_t* w3 = w2 + n;
    std::int32_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (unsigned c = 0; c < n; ++c) {
        const std::int32_t xc = x[c];
        s0 += std::int32_t{w[c]} * xc;
        s1 += std::int32_t{w1[c]} * xc;
        s2 += std::int32_t{w2[c]} * xc;
        s3 += std::int32_t{w3[c]} * xc;
    }
    y[0] = s0;
    y[1] = s1;
    y[2] = s2;
    y[3] = s3;
}

}  // namespace

void matvec_i16(const std::int16_t* w, const std::int16_t* x, unsigned n, std::int32_t* y) {
    unsigned r = 0;
    for (; r + 4 <= n; r += 4) dot4_i16(w + std::size_t{r} * n, x, n, y + r);
    for (; r < n; ++r) y[r] = dot_i16(w + std::size_t{r} * n, x, n);
}

void matvec_f32_ordered(const float* __restrict wt, const float* __restrict x, unsigned n,
                        float* __restrict y) {
    if (n == 0) return;
    for (unsigned r = 0; r < n; ++r) y[r] = wt[r] * x[0];
    for (unsigned c = 1; c < n; ++c) {
        const float xc = x[c];
        const float* col = wt + std::size_t{c} * n;
        for (unsigned r = 0; r < n; ++r) y[r] += col[r] * xc;
    }
}

}  // namespace nodevp::lpu::mxm
