// The MXM's inner loops, kept apart so their generated code can be inspected and benchmarked.
#pragma once

#include <cstdint>

namespace nodevp::lpu::mxm {

// y[r] = Σ_c w[r·n + c] · x[c] for r < n, exactly (n · 2^14 must fit in int32).
// Row-major int16 weights and activations: the loop vectorises to multiply-add-pairs.
void matvec_i16(const std::int16_t* w, const std::int16_t* x, unsigned n, std::int32_t* y);

// y[r] = (w[0]·x[0] + w[1]·x[1]) + w[2]·x[2] + … in binary32 (no +0 start: −0 survives), c = 0 …
// n−1 in order, with the weights column-major (wt[c·n + r]). The products of binary16 values are
// exact in binary32.
void matvec_f32_ordered(const float* wt, const float* x, unsigned n, float* y);

}  // namespace nodevp::lpu::mxm
