#include "models/lpu/units/vxm_lanes.hpp"

#include <stdexcept>

namespace nodevp::lpu::vxm {

void load_float(ElemType t, const std::uint8_t* const* p, unsigned n, float* out,
                std::uint32_t* scratch) {
    switch (t) {
        case ElemType::f32:
            load_planes(p, n, scratch);
            std::memcpy(out, scratch, std::size_t{n} * sizeof(float));
            return;
        case ElemType::f16:
            for (unsigned i = 0; i < n; ++i)
                out[i] = f16_to_f32(static_cast<std::uint16_t>(p[0][i] | p[1][i] << 8));
            return;
        case ElemType::bf16:
            for (unsigned i = 0; i < n; ++i)
                out[i] = bf16_to_f32(static_cast<std::uint16_t>(p[0][i] | p[1][i] << 8));
            return;
        default:
            throw std::logic_error("VXM: load_float on an integer type");
    }
}

void store_float(ElemType t, const float* in, unsigned n, std::uint8_t* const* p,
                 std::uint32_t* scratch) {
    switch (t) {
        case ElemType::f32:
            std::memcpy(scratch, in, std::size_t{n} * sizeof(float));
            store_planes(scratch, n, p);
            return;
        case ElemType::f16:
            for (unsigned i = 0; i < n; ++i) {
                const std::uint16_t h = f32_to_f16(in[i]);
                p[0][i] = static_cast<std::uint8_t>(h);
                p[1][i] = static_cast<std::uint8_t>(h >> 8);
            }
            return;
        case ElemType::bf16:
            for (unsigned i = 0; i < n; ++i) {
                const std::uint16_t h = f32_to_bf16(in[i]);
                p[0][i] = static_cast<std::uint8_t>(h);
                p[1][i] = static_cast<std::uint8_t>(h >> 8);
            }
            return;
        default:
            throw std::logic_error("VXM: store_float on an integer type");
    }
}

}  // namespace nodevp::lpu::vxm
