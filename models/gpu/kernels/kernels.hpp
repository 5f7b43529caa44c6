// The GPU's kernel library: every kernel a launch command can name, executed functionally in C++
// on host pointers (the device shell resolves guest addresses and checks bounds before calling).
//
// Arithmetic (docs/gpu/kernels.md is the contract): every floating-point result is computed in
// fp32 with a fixed accumulation order and no contraction of multiply-add (so runs are
// deterministic; across hosts only libm's exp/erfc/cos/sin may round a rare result differently);
// fp16/bf16 operands are widened exactly to fp32 and results are narrowed with
// round-to-nearest-even; int8 GEMM accumulates in int32 (wrapping) and is exact. The tests compare
// every kernel with an independent straight-loop reference (tests/gpu/reference): bit-exact with
// the documented arithmetic, and within the stated error bounds of the exact results.
//
// Layouts: row-major with explicit leading dimensions (in elements). Shapes are validated by
// validate_*() (the device turns a KernelError into a channel error notifier). Every kernel also
// checks its own arguments (validate(), bad ids, odd head_dim, overlapping output...) and throws
// KernelError, naming the kernel, before it writes anything; pointers must be valid for the
// extents documented here (the device checks them against guest memory). GEMM operands may have
// any alignment; float and int32 pointers of the other kernels must be 4-byte aligned.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace nodevp::gpu::kernels {

enum class DType : std::uint8_t { f32 = 0, f16 = 1, bf16 = 2, i8 = 3, i32 = 4 };
unsigned size_of(DType t);
const char* to_string(DType t);

// A kernel's arguments are invalid (shape, type combination, overlapping output).
class KernelError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// C[b] = alpha * op(A[b]) * op(B[b]) + beta * C[b] for b in 0..batch-1, op(X) = X or X^T.
// A is m x k after op, B is k x n after op, C is m x n. Types: (f32,f32,f32), (f16,f16,f16|f32),
// (bf16,bf16,bf16|f32), (i8,i8,i32). For i8, alpha must be 1 and beta 0 or 1 (exact integer
// arithmetic); for floating point, alpha and beta are fp32 and C is read only when beta != 0.
struct GemmParams {
    DType ab_type = DType::f32;
    DType c_type = DType::f32;
    bool trans_a = false;
    bool trans_b = false;
    std::uint32_t m = 0, n = 0, k = 0;
    std::uint32_t batch = 1;
    std::uint64_t lda = 0, ldb = 0, ldc = 0;                 // elements between rows
    std::uint64_t stride_a = 0, stride_b = 0, stride_c = 0;  // elements between batches
    float alpha = 1.0f;
    float beta = 0.0f;
};
void validate(const GemmParams& p);
// Bytes of each operand the kernel touches, from the first element (for bounds checks).
std::uint64_t gemm_bytes_a(const GemmParams& p);
std::uint64_t gemm_bytes_b(const GemmParams& p);
std::uint64_t gemm_bytes_c(const GemmParams& p);
void gemm(const GemmParams& p, const void* a, const void* b, void* c);

// Causal attention over a KV cache, fp32. For head h and query row i (at sequence position
// q_pos0 + i): scores_j = dot(Q[h,i,:], K[h/(heads/kv_heads), j, :]) * scale for j in
// 0..q_pos0+i (keys beyond are masked), softmax over j (max-subtracted), out = sum_j p_j * V.
// Q and out: [heads][q_len][head_dim]; K and V caches: [kv_heads][max_seq][head_dim].
struct AttentionParams {
    std::uint32_t heads = 1, kv_heads = 1, head_dim = 0;
    std::uint32_t q_len = 0, q_pos0 = 0, max_seq = 0;
    float scale = 0.0f;  // 0: 1/sqrt(head_dim)
};
void validate(const AttentionParams& p);
// Bytes of Q (and of out), and of each of the K and V caches.
std::uint64_t attention_bytes_q(const AttentionParams& p);
std::uint64_t attention_bytes_kv(const AttentionParams& p);
void attention(const AttentionParams& p, const float* q, const float* k_cache, const float* v_cache,
               float* out);

// Row-wise softmax of rows x cols fp32 values (max-subtracted), in place allowed.
void softmax(std::uint32_t rows, std::uint32_t cols, const float* in, float* out);

// Row-wise RMSNorm: out = x / sqrt(mean(x^2) + eps) * weight.
void rmsnorm(std::uint32_t rows, std::uint32_t cols, float eps, const float* x, const float* weight,
             float* out);

// Rotary embedding in place on x[rows][heads][head_dim] (fp32): row r is at position
// pos0 + r; pairs (2i, 2i+1) rotate by angle pos * theta^(-2i/head_dim).
void rotary(std::uint32_t rows, std::uint32_t heads, std::uint32_t head_dim, std::uint32_t pos0,
            float theta, float* x);

enum class Elementwise : std::uint8_t { add = 0, mul = 1, silu = 2, gelu = 3 };
// out[i] = a[i] op b[i] (add, mul) or op(a[i]) (silu, gelu: b unused), fp32, n elements.
void elementwise(Elementwise op, std::uint64_t n, const float* a, const float* b, float* out);

// out[r][:] = table[ids[r]][:] for r in 0..rows-1 (fp32 rows of `dim`); throws KernelError for
// an id >= vocab.
void embedding(std::uint32_t rows, std::uint32_t dim, std::uint32_t vocab, const float* table,
               const std::int32_t* ids, float* out);

// out[r] = index of the largest value of row r (the lowest index on ties; NaN never wins; 0 for
// a row of NaNs).
void argmax(std::uint32_t rows, std::uint32_t cols, const float* in, std::int32_t* out);

// Quantise fp32 to int8 for the LPU: out[i] = clamp(round_half_even(in[i] * scale), -127, 127)
// (the product rounded to fp32 first; NaN gives 0). n elements; out must not overlap in.
void quantize(std::uint64_t n, float scale, const float* in, std::int8_t* out);
// Dequantise int8 or int32 (in_type) to fp32: out[i] = (float)in[i] * scale (the conversion and
// the product each round to nearest even). out must not overlap in.
void dequantize(DType in_type, std::uint64_t n, float scale, const void* in, float* out);

}  // namespace nodevp::gpu::kernels
