// Quantise / dequantise, written from docs/gpu/kernels.md: the rounding to nearest even is done
// by hand (floor and a comparison of the remainder), not with the library's rint call.
#include <cmath>
#include <cstring>

#include "tests/gpu/reference/reference.hpp"

namespace nodevp::gpu::ref {

std::int8_t quantize_order(float x, float scale) {
    const float v = x * scale;
    if (std::isnan(v)) return 0;
    if (v >= 127.0f) return 127;
    if (v <= -127.0f) return -127;
    const double d = static_cast<double>(v);  // exact
    const double lo = std::floor(d);
    const double rem = d - lo;  // exact: |v| < 127
    double r = lo;
    if (rem > 0.5 || (rem == 0.5 && std::fmod(lo, 2.0) != 0.0)) r = lo + 1.0;
    return static_cast<std::int8_t>(static_cast<int>(r));
}

float dequantize_order(std::int32_t v, float scale) {
    // int32 -> fp32 through double: exact to double, then one rounding to fp32 (nearest even).
    const float f = static_cast<float>(static_cast<double>(v));
    return f * scale;
}

}  // namespace nodevp::gpu::ref
