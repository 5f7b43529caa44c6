// Reference GEMM: one element at a time, straight from docs/gpu/kernels.md.
#include <cmath>
#include <cstdint>
#include <cstring>

#include "tests/gpu/reference/reference.hpp"

namespace nodevp::gpu::ref {
namespace {

// Element `idx` of an array of type t, as an exact double.
double load(DType t, const void* base, std::uint64_t idx) {
    const auto* bytes = static_cast<const unsigned char*>(base);
    switch (t) {
        case DType::f32: {
            float f;
            std::memcpy(&f, bytes + 4 * idx, 4);
            return f;
        }
        case DType::f16: {
            std::uint16_t h;
            std::memcpy(&h, bytes + 2 * idx, 2);
            return f16_value(h);
        }
        case DType::bf16: {
            std::uint16_t h;
            std::memcpy(&h, bytes + 2 * idx, 2);
            return bf16_value(h);
        }
        case DType::i8: {
            std::int8_t v;
            std::memcpy(&v, bytes + idx, 1);
            return v;
        }
        case DType::i32: {
            std::int32_t v;
            std::memcpy(&v, bytes + 4 * idx, 4);
            return v;
        }
    }
    return 0;
}

std::uint64_t a_index(const GemmParams& p, std::uint32_t bi, std::uint32_t i, std::uint32_t kk) {
    return bi * p.stride_a + (p.trans_a ? kk * p.lda + i : i * p.lda + kk);
}

std::uint64_t b_index(const GemmParams& p, std::uint32_t bi, std::uint32_t kk, std::uint32_t j) {
    return bi * p.stride_b + (p.trans_b ? j * p.ldb + kk : kk * p.ldb + j);
}

std::uint64_t c_index(const GemmParams& p, std::uint32_t bi, std::uint32_t i, std::uint32_t j) {
    return bi * p.stride_c + i * p.ldc + j;
}

void store_float(DType t, void* base, std::uint64_t idx, float v) {
    auto* bytes = static_cast<unsigned char*>(base);
    if (t == DType::f32) {
        std::memcpy(bytes + 4 * idx, &v, 4);
    } else {
        const std::uint16_t h = t == DType::f16 ? f16_round(v) : bf16_round(v);
        std::memcpy(bytes + 2 * idx, &h, 2);
    }
}

}  // namespace

void gemm_order(const GemmParams& p, const void* a, const void* b, void* c) {
    for (std::uint32_t bi = 0; bi < p.batch; ++bi) {
        for (std::uint32_t i = 0; i < p.m; ++i) {
            for (std::uint32_t j = 0; j < p.n; ++j) {
                const std::uint64_t ci = c_index(p, bi, i, j);
                if (p.ab_type == DType::i8) {
                    std::int64_t sum = 0;  // exact; reduced mod 2^32 at the end
                    for (std::uint32_t kk = 0; kk < p.k; ++kk)
                        sum +=
                            static_cast<std::int64_t>(load(DType::i8, a, a_index(p, bi, i, kk))) *
                            static_cast<std::int64_t>(load(DType::i8, b, b_index(p, bi, kk, j)));
                    if (p.beta == 1.0f) sum += static_cast<std::int64_t>(load(DType::i32, c, ci));
                    const auto wrapped = static_cast<std::uint32_t>(sum & 0xffffffffll);
                    std::memcpy(static_cast<unsigned char*>(c) + 4 * ci, &wrapped, 4);
                    continue;
                }
                float acc = 0.0f;
                for (std::uint32_t kk = 0; kk < p.k; ++kk) {
                    const float x = static_cast<float>(load(p.ab_type, a, a_index(p, bi, i, kk)));
                    const float y = static_cast<float>(load(p.ab_type, b, b_index(p, bi, kk, j)));
                    const float prod = x * y;
                    acc = acc + prod;
                }
                float r = p.alpha * acc;
                if (p.beta != 0.0f) {
                    const float old = static_cast<float>(load(p.c_type, c, ci));
                    const float scaled = p.beta * old;
                    r = r + scaled;
                }
                store_float(p.c_type, c, ci, r);
            }
        }
    }
}

GemmExact gemm_exact(const GemmParams& p, const void* a, const void* b, const void* c,
                     std::uint32_t bi, std::uint32_t i, std::uint32_t j) {
    double sum = 0, mag = 0;
    for (std::uint32_t kk = 0; kk < p.k; ++kk) {
        const double prod =
            load(p.ab_type, a, a_index(p, bi, i, kk)) * load(p.ab_type, b, b_index(p, bi, kk, j));
        sum += prod;
        mag += std::fabs(prod);
    }
    double value = static_cast<double>(p.alpha) * sum;
    if (p.beta != 0.0f)
        value += static_cast<double>(p.beta) * load(p.c_type, c, c_index(p, bi, i, j));
    return {value, std::fabs(static_cast<double>(p.alpha)) * mag};
}

}  // namespace nodevp::gpu::ref
