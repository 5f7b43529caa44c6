// Kernel launches: argument structs (gpu_abi.h) turned into kernels.hpp calls on HBM pointers,
// bounds and validation, and the roofline time on a share of the SMs.
#include <algorithm>
#include <cstring>
#include <functional>
#include <optional>
#include <utility>

#include <fmt/format.h>

#include "models/gpu/device/gpu_device.hpp"
#include "models/gpu/device/gpu_internal.hpp"
#include "models/gpu/kernels/kernels.hpp"
#include "sw/include/nodevp/gpu_abi.h"

namespace nodevp::gpu {

namespace k = kernels;

static_assert(GPU_DTYPE_F32 == static_cast<int>(k::DType::f32) &&
                  GPU_DTYPE_F16 == static_cast<int>(k::DType::f16) &&
                  GPU_DTYPE_BF16 == static_cast<int>(k::DType::bf16) &&
                  GPU_DTYPE_I8 == static_cast<int>(k::DType::i8) &&
                  GPU_DTYPE_I32 == static_cast<int>(k::DType::i32),
              "gpu_abi.h's GPU_DTYPE_* must be kernels::DType's");
static_assert(GPU_EW_ADD == static_cast<int>(k::Elementwise::add) &&
                  GPU_EW_GELU == static_cast<int>(k::Elementwise::gelu),
              "gpu_abi.h's GPU_EW_* must be kernels::Elementwise's");

namespace {

template <typename T>
T load(const std::vector<std::uint8_t>& bytes) {
    T v;
    std::memcpy(&v, bytes.data(), sizeof v);
    return v;
}

// Products of shape values; a KernelError on overflow of 64 bits.
std::uint64_t product(std::initializer_list<std::uint64_t> factors) {
    std::uint64_t r = 1;
    for (std::uint64_t f : factors)
        if (__builtin_mul_overflow(r, f, &r)) throw k::KernelError("tensor size overflows 64 bits");
    return r;
}

std::size_t args_size(std::uint32_t kernel) {
    switch (kernel) {
        case GPU_KERNEL_GEMM:
            return sizeof(gpu_gemm_args);
        case GPU_KERNEL_ATTENTION:
            return sizeof(gpu_attention_args);
        case GPU_KERNEL_SOFTMAX:
            return sizeof(gpu_softmax_args);
        case GPU_KERNEL_RMSNORM:
            return sizeof(gpu_rmsnorm_args);
        case GPU_KERNEL_ROTARY:
            return sizeof(gpu_rotary_args);
        case GPU_KERNEL_ELEMENTWISE:
            return sizeof(gpu_elementwise_args);
        case GPU_KERNEL_EMBEDDING:
            return sizeof(gpu_embedding_args);
        case GPU_KERNEL_ARGMAX:
            return sizeof(gpu_argmax_args);
        case GPU_KERNEL_QUANTIZE:
            return sizeof(gpu_quantize_args);
        case GPU_KERNEL_DEQUANTIZE:
            return sizeof(gpu_dequantize_args);
        default:
            return 0;
    }
}

GpuDevice::PeakType peak_type(k::DType ab) {
    switch (ab) {
        case k::DType::f16:
            return GpuDevice::kFp16;
        case k::DType::bf16:
            return GpuDevice::kBf16;
        case k::DType::i8:
            return GpuDevice::kInt8;
        default:
            return GpuDevice::kFp32;
    }
}

}  // namespace

bool GpuDevice::cmd_launch(Channel& ch, const std::uint8_t* cmd, Fault& fault) {
    gpu_cmd_launch l;
    std::memcpy(&l, cmd, sizeof l);
    if (l.grid[0] == 0 || l.grid[1] == 0 || l.grid[2] == 0) {
        fault = {GPU_ERR_BAD_GRID, l.kernel};
        return false;
    }
    const std::size_t size = args_size(l.kernel);
    if (size == 0 || l.args_len != size) {
        log_->warn("channel {}: kernel {} with {} argument bytes is unknown", ch.index, l.kernel,
                   l.args_len);
        fault = {GPU_ERR_BAD_KERNEL, l.kernel};
        return false;
    }
    std::vector<std::uint8_t> args(size);
    if (!mem_read(l.args, args.data(), size, Port::l2)) {
        fault = {GPU_ERR_BAD_ARGUMENT_ADDRESS, l.args};
        return false;
    }
    LaunchPlan plan;
    try {
        if (!plan_launch(l.kernel, args, plan, fault)) return false;
    } catch (const k::KernelError& e) {
        log_->warn("channel {}: kernel {} rejected its arguments: {}", ch.index, l.kernel,
                   e.what());
        fault = {GPU_ERR_KERNEL, l.kernel};
        return false;
    }
    std::uint64_t blocks = std::uint64_t{l.grid[0]} * std::uint64_t{l.grid[1]};
    if (__builtin_mul_overflow(blocks, std::uint64_t{l.grid[2]}, &blocks))
        blocks = ~std::uint64_t{0};  // more blocks than SMs either way
    // The kernel reads and writes HBM directly: the host's cached copies of its tensors are
    // invalidated first (and again before its results land, for copies taken meanwhile).
    for (const auto& [addr, bytes] : plan.tensors) recall(addr, bytes, true);
    sc_core::wait(params_.launch_latency);
    const sc_core::sc_time start = sc_core::sc_time_stamp();
    const unsigned held = static_cast<unsigned>(std::min<std::uint64_t>(blocks, params_.sms));
    const unsigned track = kernel_track_begin();
    run_on_sms(plan.ops, plan.bytes, plan.type, held);
    kernel_track_end(track, trace::ps(start), l.kernel, ch.index, plan.ops, plan.bytes, held);
    for (const auto& [addr, bytes] : plan.tensors) recall(addr, bytes, true);
    try {
        plan.run();
    } catch (const k::KernelError& e) {
        log_->warn("channel {}: kernel {} failed: {}", ch.index, l.kernel, e.what());
        fault = {GPU_ERR_KERNEL, l.kernel};
        return false;
    }
    ++kernels_completed_;
    log_->debug("channel {}: kernel {} ran {} ({} ops, {} bytes)", ch.index, l.kernel,
                (sc_core::sc_time_stamp() - start).to_string(), plan.ops, plan.bytes);
    return true;
}

namespace {

// Resolves tensor addresses to HBM pointers; the first tensor not wholly inside HBM is kept.
class Tensors {
  public:
    using Lookup = std::function<std::uint8_t*(std::uint64_t addr, std::uint64_t bytes)>;
    explicit Tensors(Lookup lookup) : lookup_(std::move(lookup)) {}
    std::uint8_t* at(std::uint64_t addr, std::uint64_t bytes) {
        if (!ok()) return nullptr;
        std::uint8_t* p = lookup_(addr, bytes);
        if (!p) bad_ = Bad{addr, bytes};
        return p;
    }
    bool ok() const { return !bad_.has_value(); }
    std::uint64_t bad_address() const { return bad_->addr; }
    std::uint64_t bad_bytes() const { return bad_->bytes; }

  private:
    struct Bad {
        std::uint64_t addr, bytes;
    };
    Lookup lookup_;
    std::optional<Bad> bad_;
};

float* f32(std::uint8_t* p) {
    return reinterpret_cast<float*>(p);
}

// One planner per kernel: decode the argument struct, validate (KernelError), resolve the
// tensors, count ops and bytes (docs/gpu/device.md "Timing") and bind the functional kernel.
void plan_gemm(const std::vector<std::uint8_t>& args, Tensors& t, LaunchPlan& plan) {
    const auto a = load<gpu_gemm_args>(args);
    if (a.ab_type > GPU_DTYPE_I32 || a.c_type > GPU_DTYPE_I32)
        throw k::KernelError("unknown data type");
    k::GemmParams p;
    p.ab_type = static_cast<k::DType>(a.ab_type);
    p.c_type = static_cast<k::DType>(a.c_type);
    p.trans_a = a.trans_a != 0;
    p.trans_b = a.trans_b != 0;
    p.m = a.m, p.n = a.n, p.k = a.k, p.batch = a.batch;
    p.lda = a.lda, p.ldb = a.ldb, p.ldc = a.ldc;
    p.stride_a = a.stride_a, p.stride_b = a.stride_b, p.stride_c = a.stride_c;
    p.alpha = a.alpha, p.beta = a.beta;
    k::validate(p);
    const std::uint64_t ba = k::gemm_bytes_a(p), bb = k::gemm_bytes_b(p), bc = k::gemm_bytes_c(p);
    std::uint8_t* pa = t.at(a.a, ba);
    std::uint8_t* pb = t.at(a.b, bb);
    std::uint8_t* pc = t.at(a.c, bc);
    plan.ops = 2.0 * p.m * p.n * p.k * p.batch;
    plan.bytes = static_cast<double>(ba + bb + bc) + (p.beta != 0.0f ? bc : 0);
    plan.type = peak_type(p.ab_type);
    plan.run = [p, pa, pb, pc] { k::gemm(p, pa, pb, pc); };
}

void plan_attention(const std::vector<std::uint8_t>& args, Tensors& t, LaunchPlan& plan) {
    const auto a = load<gpu_attention_args>(args);
    k::AttentionParams p;
    p.heads = a.heads, p.kv_heads = a.kv_heads, p.head_dim = a.head_dim;
    p.q_len = a.q_len, p.q_pos0 = a.q_pos0, p.max_seq = a.max_seq, p.scale = a.scale;
    k::validate(p);
    const std::uint64_t qb = product({p.heads, p.q_len, p.head_dim, 4});
    const std::uint64_t kvb = product({p.kv_heads, p.max_seq, p.head_dim, 4});
    std::uint8_t* q = t.at(a.q, qb);
    std::uint8_t* kc = t.at(a.k_cache, kvb);
    std::uint8_t* vc = t.at(a.v_cache, kvb);
    std::uint8_t* out = t.at(a.out, qb);
    // Query row i attends q_pos0 + i + 1 keys: 4 ops per key and dimension (QK and PV).
    const double keys = static_cast<double>(p.q_len) * p.q_pos0 +
                        0.5 * static_cast<double>(p.q_len) * (p.q_len + 1.0);
    const double ctx = static_cast<double>(p.q_pos0) + p.q_len;
    plan.ops = 4.0 * p.heads * p.head_dim * keys;
    plan.bytes = 2.0 * qb + 2.0 * 4.0 * p.kv_heads * ctx * p.head_dim;
    plan.run = [p, q, kc, vc, out] { k::attention(p, f32(q), f32(kc), f32(vc), f32(out)); };
}

void plan_softmax(const std::vector<std::uint8_t>& args, Tensors& t, LaunchPlan& plan) {
    const auto a = load<gpu_softmax_args>(args);
    const std::uint64_t b = product({a.rows, a.cols, 4});
    std::uint8_t* in = t.at(a.in, b);
    std::uint8_t* out = t.at(a.out, b);
    plan.ops = 5.0 * a.rows * a.cols;
    plan.bytes = 2.0 * b;
    plan.run = [a, in, out] { k::softmax(a.rows, a.cols, f32(in), f32(out)); };
}

void plan_rmsnorm(const std::vector<std::uint8_t>& args, Tensors& t, LaunchPlan& plan) {
    const auto a = load<gpu_rmsnorm_args>(args);
    const std::uint64_t b = product({a.rows, a.cols, 4});
    std::uint8_t* x = t.at(a.x, b);
    std::uint8_t* w = t.at(a.weight, product({a.cols, 4}));
    std::uint8_t* out = t.at(a.out, b);
    plan.ops = 4.0 * a.rows * a.cols;
    plan.bytes = 2.0 * b + 4.0 * a.cols;
    plan.run = [a, x, w, out] { k::rmsnorm(a.rows, a.cols, a.eps, f32(x), f32(w), f32(out)); };
}

void plan_rotary(const std::vector<std::uint8_t>& args, Tensors& t, LaunchPlan& plan) {
    const auto a = load<gpu_rotary_args>(args);
    if (a.head_dim % 2 != 0) throw k::KernelError("rotary: head_dim must be even");
    const std::uint64_t b = product({a.rows, a.heads, a.head_dim, 4});
    std::uint8_t* x = t.at(a.x, b);
    plan.ops = 3.0 * a.rows * a.heads * a.head_dim;
    plan.bytes = 2.0 * b;
    plan.run = [a, x] { k::rotary(a.rows, a.heads, a.head_dim, a.pos0, a.theta, f32(x)); };
}

void plan_elementwise(const std::vector<std::uint8_t>& args, Tensors& t, LaunchPlan& plan) {
    const auto a = load<gpu_elementwise_args>(args);
    if (a.op > GPU_EW_GELU) throw k::KernelError(fmt::format("elementwise: op {}", a.op));
    const bool binary = a.op == GPU_EW_ADD || a.op == GPU_EW_MUL;
    const std::uint64_t b = product({a.n, 4});
    std::uint8_t* pa = t.at(a.a, b);
    std::uint8_t* pb = binary ? t.at(a.b, b) : nullptr;
    std::uint8_t* out = t.at(a.out, b);
    const auto op = static_cast<k::Elementwise>(a.op);
    plan.ops = static_cast<double>(a.n) * (binary ? 1.0 : 8.0);
    plan.bytes = static_cast<double>(b) * (binary ? 3.0 : 2.0);
    plan.run = [a, op, pa, pb, out] { k::elementwise(op, a.n, f32(pa), f32(pb), f32(out)); };
}

void plan_embedding(const std::vector<std::uint8_t>& args, Tensors& t, LaunchPlan& plan) {
    const auto a = load<gpu_embedding_args>(args);
    const std::uint64_t ob = product({a.rows, a.dim, 4});
    std::uint8_t* table = t.at(a.table, product({a.vocab, a.dim, 4}));
    std::uint8_t* ids = t.at(a.ids, product({a.rows, 4}));
    std::uint8_t* out = t.at(a.out, ob);
    plan.ops = 0;
    plan.bytes = 2.0 * ob + 4.0 * a.rows;
    plan.run = [a, table, ids, out] {
        k::embedding(a.rows, a.dim, a.vocab, f32(table), reinterpret_cast<const std::int32_t*>(ids),
                     f32(out));
    };
}

void plan_argmax(const std::vector<std::uint8_t>& args, Tensors& t, LaunchPlan& plan) {
    const auto a = load<gpu_argmax_args>(args);
    const std::uint64_t b = product({a.rows, a.cols, 4});
    std::uint8_t* in = t.at(a.in, b);
    std::uint8_t* out = t.at(a.out, product({a.rows, 4}));
    plan.ops = static_cast<double>(a.rows) * a.cols;
    plan.bytes = static_cast<double>(b) + 4.0 * a.rows;
    plan.run = [a, in, out] {
        k::argmax(a.rows, a.cols, f32(in), reinterpret_cast<std::int32_t*>(out));
    };
}

void plan_quantize(const std::vector<std::uint8_t>& args, Tensors& t, LaunchPlan& plan) {
    const auto a = load<gpu_quantize_args>(args);
    std::uint8_t* in = t.at(a.in, product({a.n, 4}));
    std::uint8_t* out = t.at(a.out, a.n);
    plan.ops = 2.0 * static_cast<double>(a.n);
    plan.bytes = 5.0 * static_cast<double>(a.n);
    plan.run = [a, in, out] {
        k::quantize(a.n, a.scale, f32(in), reinterpret_cast<std::int8_t*>(out));
    };
}

void plan_dequantize(const std::vector<std::uint8_t>& args, Tensors& t, LaunchPlan& plan) {
    const auto a = load<gpu_dequantize_args>(args);
    if (a.in_type != GPU_DTYPE_I8 && a.in_type != GPU_DTYPE_I32)
        throw k::KernelError(fmt::format("dequantize: input type {}", a.in_type));
    const std::uint64_t in_bytes = a.in_type == GPU_DTYPE_I8 ? a.n : product({a.n, 4});
    std::uint8_t* in = t.at(a.in, in_bytes);
    std::uint8_t* out = t.at(a.out, product({a.n, 4}));
    const auto type = static_cast<k::DType>(a.in_type);
    plan.ops = static_cast<double>(a.n);
    plan.bytes = static_cast<double>(in_bytes) + 4.0 * static_cast<double>(a.n);
    plan.run = [a, type, in, out] { k::dequantize(type, a.n, a.scale, in, f32(out)); };
}

using Planner = void (*)(const std::vector<std::uint8_t>&, Tensors&, LaunchPlan&);

Planner planner(std::uint32_t kernel) {
    switch (kernel) {
        case GPU_KERNEL_GEMM:
            return plan_gemm;
        case GPU_KERNEL_ATTENTION:
            return plan_attention;
        case GPU_KERNEL_SOFTMAX:
            return plan_softmax;
        case GPU_KERNEL_RMSNORM:
            return plan_rmsnorm;
        case GPU_KERNEL_ROTARY:
            return plan_rotary;
        case GPU_KERNEL_ELEMENTWISE:
            return plan_elementwise;
        case GPU_KERNEL_EMBEDDING:
            return plan_embedding;
        case GPU_KERNEL_ARGMAX:
            return plan_argmax;
        case GPU_KERNEL_QUANTIZE:
            return plan_quantize;
        case GPU_KERNEL_DEQUANTIZE:
            return plan_dequantize;
        default:
            return nullptr;
    }
}

}  // namespace

// Decodes the argument struct, validates it (KernelError) and resolves every tensor to HBM.
bool GpuDevice::plan_launch(std::uint32_t kernel, const std::vector<std::uint8_t>& args,
                            LaunchPlan& plan, Fault& fault) {
    const Planner plan_kernel = planner(kernel);
    if (!plan_kernel) {
        fault = {GPU_ERR_BAD_KERNEL, kernel};
        return false;
    }
    Tensors tensors([this, &plan](std::uint64_t addr, std::uint64_t bytes) {
        plan.tensors.emplace_back(addr, bytes);
        return hbm_ptr(addr, bytes);
    });
    plan_kernel(args, tensors, plan);
    if (tensors.ok()) return true;
    log_->warn("kernel {}: tensor of {:#x} bytes at {:#x} is not inside HBM", kernel,
               tensors.bad_bytes(), tensors.bad_address());
    fault = {GPU_ERR_BAD_ARGUMENT_ADDRESS, tensors.bad_address()};
    return false;
}

// ---- SM sharing ------------------------------------------------------------------------------

// Holds a share of the SMs until the kernel's work is done at the rates its shares allowed.
void GpuDevice::run_on_sms(double ops, double bytes, PeakType type, unsigned blocks) {
    if (ops <= 0 && bytes <= 0) return;
    Kernel kernel;
    kernel.ops = ops;
    kernel.bytes = bytes;
    kernel.type = type;
    kernel.blocks = std::max(1u, blocks);
    advance_kernels();
    running_.push_back(&kernel);
    share_sms();
    sc_core::wait(kernel.done);  // share_sms() re-notifies it whenever the shares change
    advance_kernels();
    running_.erase(std::find(running_.begin(), running_.end(), &kernel));
    share_sms();
}

// Integrates every running kernel's progress up to now at its current rate.
void GpuDevice::advance_kernels() {
    const double dt = (sc_core::sc_time_stamp() - kernels_updated_).to_seconds();
    for (Kernel* k : running_) k->progress += k->rate * dt;
    if (!running_.empty()) activity_.kernel_busy_s += dt;
    for (const Kernel* k : running_) activity_.sm_busy_s += k->sms_held * dt;
    kernels_updated_ = sc_core::sc_time_stamp();
}

// Water-filling: kernels in order of fewest blocks take min(blocks, SMs left / kernels left);
// then each kernel's rate and its finish time at that rate are set.
void GpuDevice::share_sms() {
    std::vector<Kernel*> order = running_;
    std::stable_sort(order.begin(), order.end(),
                     [](const Kernel* a, const Kernel* b) { return a->blocks < b->blocks; });
    double left = params_.sms;
    for (std::size_t i = 0; i < order.size(); ++i) {
        Kernel* k = order[i];
        k->sms_held = std::min<double>(k->blocks, left / static_cast<double>(order.size() - i));
        left -= k->sms_held;
        const double alone = roofline_time(k->ops, k->bytes, k->type, k->sms_held).to_seconds();
        k->rate = alone > 0 ? 1.0 / alone : 0;
        const double remaining = std::max(0.0, 1.0 - k->progress);
        k->done.cancel();
        k->done.notify(alone > 0 ? sc_core::sc_time(remaining * alone, sc_core::SC_SEC)
                                 : sc_core::SC_ZERO_TIME);
    }
}

}  // namespace nodevp::gpu
