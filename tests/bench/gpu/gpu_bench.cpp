// GPU kernel library benchmarks, printed as `name: value unit` lines:
//   gpu_gemm_gflops_fp32       functional fp32 GEMM throughput of the kernel library
//                              (models/gpu/kernels, 512x512x512, row-major, no transposes,
//                              alpha 1, beta 0) on this machine, in GFLOP/s (2*m*n*k per call)
//   gpu_gemm_vs_ref            that throughput divided by the throughput of a straightforward
//                              optimised reference in this process: an i-k-j loop whose inner
//                              loop over n the compiler vectorises (-O3), compiled for the same
//                              ISA the library's dispatcher picked (AVX-512, AVX2 or baseline)
//   gpu_gemm_vs_ref_baseline   the same ratio against that loop built for the x86-64 baseline
//                              (SSE2), i.e. what a plain -O3 build of the loop gets
//   gpu_gemm_gflops_fp32_256, gpu_gemm_vs_ref_256   the first two at 256x256x256
// Both sides compute every element as a k-ascending fp32 sum without fused multiply-add, so their
// results must be bit-identical; the bench exits 1 if they are not. Each figure is the best of
// --repeat rounds (default 3) in which library and references take turns, each for at least
// --min-seconds (default 0.2), and is computed from the fastest single call.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "models/gpu/kernels/gemm_variants.hpp"
#include "models/gpu/kernels/kernels.hpp"

namespace {

namespace gk = nodevp::gpu::kernels;
using Clock = std::chrono::steady_clock;

struct Options {
    int repeat = 3;
    double min_seconds = 0.2;
};

// C = A * B, row-major, k ascending per element: the straightforward optimised loop.
#define NODEVP_REF_GEMM_BODY                                              \
    for (unsigned i = 0; i < m; ++i) {                                    \
        float* ci = c + static_cast<std::size_t>(i) * n;                  \
        for (unsigned j = 0; j < n; ++j) ci[j] = 0.0f;                    \
        for (unsigned p = 0; p < k; ++p) {                                \
            const float aip = a[static_cast<std::size_t>(i) * k + p];     \
            const float* bp = b + static_cast<std::size_t>(p) * n;        \
            for (unsigned j = 0; j < n; ++j) ci[j] = ci[j] + aip * bp[j]; \
        }                                                                 \
    }

void ref_gemm_baseline(unsigned m, unsigned n, unsigned k, const float* __restrict a,
                       const float* __restrict b, float* __restrict c) {
    NODEVP_REF_GEMM_BODY
}

#if defined(__x86_64__)
__attribute__((target("avx2"))) void ref_gemm_avx2(unsigned m, unsigned n, unsigned k,
                                                   const float* __restrict a,
                                                   const float* __restrict b, float* __restrict c) {
    NODEVP_REF_GEMM_BODY
}
__attribute__((target("avx512f"))) void ref_gemm_avx512(unsigned m, unsigned n, unsigned k,
                                                        const float* __restrict a,
                                                        const float* __restrict b,
                                                        float* __restrict c) {
    NODEVP_REF_GEMM_BODY
}
#endif

using RefFn = void (*)(unsigned, unsigned, unsigned, const float*, const float*, float*);

RefFn ref_for(gk::GemmIsa isa) {
#if defined(__x86_64__)
    if (isa == gk::GemmIsa::avx512) return ref_gemm_avx512;
    if (isa == gk::GemmIsa::avx2) return ref_gemm_avx2;
#endif
    return ref_gemm_baseline;
}

const char* isa_name(gk::GemmIsa isa) {
    switch (isa) {
        case gk::GemmIsa::avx512:
            return "avx512";
        case gk::GemmIsa::avx2:
            return "avx2";
        default:
            return "baseline";
    }
}

// Fastest single call of each function, in seconds. The functions take turns for opt.repeat
// rounds of at least opt.min_seconds each, so load from other processes hits them alike; the
// minimum over all calls discards the calls that were interrupted.
template <class... Fn>
std::vector<double> fastest_calls(const Options& opt, Fn... fns) {
    std::vector<double> best(sizeof...(Fn), 1e30);
    for (int r = 0; r < opt.repeat; ++r) {
        std::size_t i = 0;
        const auto time_one = [&](auto& fn) {
            const auto start = Clock::now();
            double elapsed = 0;
            do {
                const auto t0 = Clock::now();
                fn();
                const double secs = std::chrono::duration<double>(Clock::now() - t0).count();
                best[i] = std::min(best[i], secs);
                elapsed = std::chrono::duration<double>(Clock::now() - start).count();
            } while (elapsed < opt.min_seconds);
            ++i;
        };
        (time_one(fns), ...);
    }
    return best;
}

struct Result {
    double gflops, vs_ref, vs_baseline;
};

Result bench_gemm(const Options& opt, unsigned size) {
    const unsigned m = size, n = size, k = size;
    std::mt19937 rng(1234 + size);
    std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
    std::vector<float> a(static_cast<std::size_t>(m) * k), b(static_cast<std::size_t>(k) * n);
    for (auto& v : a) v = dist(rng);
    for (auto& v : b) v = dist(rng);
    std::vector<float> c_lib(static_cast<std::size_t>(m) * n), c_ref(c_lib.size()),
        c_base(c_lib.size());

    gk::GemmParams p;
    p.m = m, p.n = n, p.k = k, p.lda = k, p.ldb = n, p.ldc = n;
    const gk::GemmIsa isa = gk::gemm_best_isa();
    const RefFn ref = ref_for(isa);

    const std::vector<double> t = fastest_calls(
        opt, [&] { gk::gemm(p, a.data(), b.data(), c_lib.data()); },
        [&] { ref(m, n, k, a.data(), b.data(), c_ref.data()); },
        [&] { ref_gemm_baseline(m, n, k, a.data(), b.data(), c_base.data()); });
    if (std::memcmp(c_lib.data(), c_ref.data(), c_lib.size() * sizeof(float)) != 0 ||
        std::memcmp(c_lib.data(), c_base.data(), c_lib.size() * sizeof(float)) != 0) {
        std::fprintf(stderr, "gpu_bench: library and reference GEMM differ at %u^3\n", size);
        std::exit(1);
    }
    const double lib_rate = 1 / t[0], ref_rate = 1 / t[1], base_rate = 1 / t[2];
    const double flops = 2.0 * m * n * k;
    std::fprintf(stderr,
                 "gpu_bench: %u^3 isa %s: library %.2f GFLOP/s, reference (%s) %.2f GFLOP/s, "
                 "reference (baseline) %.2f GFLOP/s\n",
                 size, isa_name(isa), lib_rate * flops / 1e9, isa_name(isa), ref_rate * flops / 1e9,
                 base_rate * flops / 1e9);
    return {lib_rate * flops / 1e9, lib_rate / ref_rate, lib_rate / base_rate};
}

}  // namespace

int main(int argc, char** argv) {
    Options opt;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--repeat" && i + 1 < argc)
            opt.repeat = std::max(1, std::atoi(argv[++i]));
        else if (arg == "--min-seconds" && i + 1 < argc)
            opt.min_seconds = std::atof(argv[++i]);
        else {
            std::fprintf(stderr, "usage: gpu_bench [--repeat N] [--min-seconds S]\n");
            return 2;
        }
    }
    const Result r512 = bench_gemm(opt, 512);
    const Result r256 = bench_gemm(opt, 256);
    std::printf("gpu_gemm_gflops_fp32: %.2f GFLOP/s\n", r512.gflops);
    std::printf("gpu_gemm_vs_ref: %.2f x\n", r512.vs_ref);
    std::printf("gpu_gemm_vs_ref_baseline: %.2f x\n", r512.vs_baseline);
    std::printf("gpu_gemm_gflops_fp32_256: %.2f GFLOP/s\n", r256.gflops);
    std::printf("gpu_gemm_vs_ref_256: %.2f x\n", r256.vs_ref);
    return 0;
}
