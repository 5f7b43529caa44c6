// Type helpers, argument validation and operand sizes of the kernel library.
#include <cmath>
#include <cstdint>
#include <string>

#include "models/gpu/kernels/detail.hpp"
#include "models/gpu/kernels/kernels.hpp"

namespace nodevp::gpu::kernels {

namespace detail {

void fail(const char* kernel, const std::string& what) {
    throw KernelError(std::string("gpu kernel ") + kernel + ": " + what);
}

std::uint64_t checked_mad(const char* kernel, const char* what, std::uint64_t a, std::uint64_t b,
                          std::uint64_t c) {
    std::uint64_t prod = 0, sum = 0;
    if (__builtin_mul_overflow(a, b, &prod) || __builtin_add_overflow(prod, c, &sum))
        fail(kernel, std::string(what) + " overflows 64 bits");
    return sum;
}

void check_disjoint(const char* kernel, const char* x_name, const void* x, std::uint64_t x_bytes,
                    const char* y_name, const void* y, std::uint64_t y_bytes, bool same_ok) {
    if (x_bytes == 0 || y_bytes == 0) return;
    const auto xa = reinterpret_cast<std::uintptr_t>(x);
    const auto ya = reinterpret_cast<std::uintptr_t>(y);
    if (same_ok && xa == ya) return;
    if (xa < ya + y_bytes && ya < xa + x_bytes)
        fail(kernel, std::string(x_name) + " overlaps " + y_name +
                         (same_ok ? " (only exactly in place is allowed)" : ""));
}

}  // namespace detail

using detail::fail;

unsigned size_of(DType t) {
    switch (t) {
        case DType::f32:
        case DType::i32:
            return 4;
        case DType::f16:
        case DType::bf16:
            return 2;
        case DType::i8:
            return 1;
    }
    return 0;
}

const char* to_string(DType t) {
    switch (t) {
        case DType::f32:
            return "f32";
        case DType::f16:
            return "f16";
        case DType::bf16:
            return "bf16";
        case DType::i8:
            return "i8";
        case DType::i32:
            return "i32";
    }
    return "invalid";
}

namespace {

std::string type_name(DType t) {
    const std::string s = to_string(t);
    return s == "invalid" ? "invalid type " + std::to_string(static_cast<unsigned>(t)) : s;
}

bool supported(DType ab, DType c) {
    switch (ab) {
        case DType::f32:
            return c == DType::f32;
        case DType::f16:
            return c == DType::f16 || c == DType::f32;
        case DType::bf16:
            return c == DType::bf16 || c == DType::f32;
        case DType::i8:
            return c == DType::i32;
        case DType::i32:
            return false;
    }
    return false;
}

// Elements spanned by `batch` matrices of rows x cols (ld between rows, stride between batches).
std::uint64_t span(const char* what, std::uint64_t batch, std::uint64_t stride, std::uint64_t rows,
                   std::uint64_t ld, std::uint64_t cols) {
    const std::uint64_t one = detail::checked_mad("gemm", what, rows - 1, ld, cols);
    return detail::checked_mad("gemm", what, batch - 1, stride, one);
}

std::uint64_t bytes(const char* what, std::uint64_t elems, DType t) {
    return detail::checked_mad("gemm", what, elems, size_of(t), 0);
}

void check_gemm_shape(const GemmParams& p) {
    if (p.m == 0 || p.n == 0 || p.k == 0 || p.batch == 0)
        fail("gemm", "empty problem (m=" + std::to_string(p.m) + " n=" + std::to_string(p.n) +
                         " k=" + std::to_string(p.k) + " batch=" + std::to_string(p.batch) + ")");
}

}  // namespace

std::uint64_t gemm_bytes_a(const GemmParams& p) {
    check_gemm_shape(p);
    const std::uint64_t rows = p.trans_a ? p.k : p.m, cols = p.trans_a ? p.m : p.k;
    return bytes("A's extent", span("A's extent", p.batch, p.stride_a, rows, p.lda, cols),
                 p.ab_type);
}

std::uint64_t gemm_bytes_b(const GemmParams& p) {
    check_gemm_shape(p);
    const std::uint64_t rows = p.trans_b ? p.n : p.k, cols = p.trans_b ? p.k : p.n;
    return bytes("B's extent", span("B's extent", p.batch, p.stride_b, rows, p.ldb, cols),
                 p.ab_type);
}

std::uint64_t gemm_bytes_c(const GemmParams& p) {
    check_gemm_shape(p);
    return bytes("C's extent", span("C's extent", p.batch, p.stride_c, p.m, p.ldc, p.n), p.c_type);
}

void validate(const GemmParams& p) {
    if (!supported(p.ab_type, p.c_type))
        fail("gemm", "unsupported type combination A/B " + type_name(p.ab_type) + ", C " +
                         type_name(p.c_type));
    check_gemm_shape(p);
    const std::uint64_t a_cols = p.trans_a ? p.m : p.k, b_cols = p.trans_b ? p.k : p.n;
    if (p.lda < a_cols)
        fail("gemm", "lda " + std::to_string(p.lda) + " < " + std::to_string(a_cols) +
                         " elements per row of A");
    if (p.ldb < b_cols)
        fail("gemm", "ldb " + std::to_string(p.ldb) + " < " + std::to_string(b_cols) +
                         " elements per row of B");
    if (p.ldc < p.n)
        fail("gemm", "ldc " + std::to_string(p.ldc) + " < " + std::to_string(p.n) +
                         " elements per row of C");
    if (p.batch > 1) {
        const std::uint64_t c_one = span("C's extent", 1, 0, p.m, p.ldc, p.n);
        if (p.stride_c < c_one)
            fail("gemm", "stride_c " + std::to_string(p.stride_c) + " < " + std::to_string(c_one) +
                             ": batches of C overlap");
    }
    if (p.ab_type == DType::i8 && (p.alpha != 1.0f || (p.beta != 0.0f && p.beta != 1.0f)))
        fail("gemm", "i8 needs alpha 1 and beta 0 or 1 (exact integer arithmetic)");
    gemm_bytes_a(p);  // throw on 64-bit overflow of an extent
    gemm_bytes_b(p);
    gemm_bytes_c(p);
}

void validate(const AttentionParams& p) {
    const auto s = [](std::uint64_t v) { return std::to_string(v); };
    if (p.heads == 0 || p.kv_heads == 0 || p.head_dim == 0 || p.q_len == 0)
        fail("attention", "empty problem (heads=" + s(p.heads) + " kv_heads=" + s(p.kv_heads) +
                              " head_dim=" + s(p.head_dim) + " q_len=" + s(p.q_len) + ")");
    if (p.heads % p.kv_heads != 0)
        fail("attention",
             "heads " + s(p.heads) + " is not a multiple of kv_heads " + s(p.kv_heads));
    if (std::uint64_t{p.q_pos0} + p.q_len > p.max_seq)
        fail("attention", "q_pos0 " + s(p.q_pos0) + " + q_len " + s(p.q_len) +
                              " exceeds the cache's max_seq " + s(p.max_seq));
    if (!std::isfinite(p.scale)) fail("attention", "scale is not finite");
}

}  // namespace nodevp::gpu::kernels
