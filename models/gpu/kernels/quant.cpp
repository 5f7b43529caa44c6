// Quantisation kernels for the GPU <-> LPU hand-over (docs/gpu/kernels.md, "Quantise" and
// "Dequantise"): fp32 -> int8 with one scale, and int8/int32 -> fp32 with one scale.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>

#include "models/gpu/kernels/detail.hpp"
#include "models/gpu/kernels/kernels.hpp"

namespace nodevp::gpu::kernels {

namespace {

void check_scale(const char* kernel, float scale) {
    if (!std::isfinite(scale)) detail::fail(kernel, "scale must be finite");
}

}  // namespace

void quantize(std::uint64_t n, float scale, const float* in, std::int8_t* out) {
    check_scale("quantize", scale);
    const std::uint64_t in_bytes = detail::checked_mad("quantize", "the vector size", n, 4, 0);
    detail::check_disjoint("quantize", "out", out, n, "in", in, in_bytes, false);
    for (std::uint64_t i = 0; i < n; ++i) {
        const float v = in[i] * scale;  // one rounding
        std::int32_t q = 0;             // NaN -> 0
        if (v >= 127.0f)
            q = 127;
        else if (v <= -127.0f)
            q = -127;
        else if (v == v)
            q = static_cast<std::int32_t>(std::nearbyint(v));  // ties to even (default mode)
        out[i] = static_cast<std::int8_t>(q);
    }
}

void dequantize(DType in_type, std::uint64_t n, float scale, const void* in, float* out) {
    check_scale("dequantize", scale);
    if (in_type != DType::i8 && in_type != DType::i32)
        detail::fail("dequantize",
                     std::string("input type ") + to_string(in_type) + " is not i8 or i32");
    const std::uint64_t out_bytes = detail::checked_mad("dequantize", "the vector size", n, 4, 0);
    const std::uint64_t in_bytes = in_type == DType::i8 ? n : out_bytes;
    detail::check_disjoint("dequantize", "out", out, out_bytes, "in", in, in_bytes, false);
    const auto* bytes = static_cast<const std::uint8_t*>(in);
    for (std::uint64_t i = 0; i < n; ++i) {
        std::int32_t v = 0;
        if (in_type == DType::i8) {
            v = static_cast<std::int8_t>(bytes[i]);
        } else {
            std::memcpy(&v, bytes + 4 * i, 4);
        }
        out[i] = static_cast<float>(v) * scale;  // int -> fp32 rounds once, product rounds once
    }
}

}  // namespace nodevp::gpu::kernels
