// Google Benchmark: the C++ MXM's int8 matrix-vector product (ABC through the MxmUnit
// interface, full size VL 320) against a straightforward loop over int8 weights, compiled with
// the same flags. Prints `lpu_mxm_vs_ref: <model throughput / loop throughput>` last.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "models/lpu/units/units.hpp"

namespace {

using nodevp::lpu::Geometry;

constexpr std::uint32_t kSuperlanes = 20;

struct Operands {
    unsigned n;
    std::vector<std::int8_t> w;  // row-major n × n
    std::vector<std::int8_t> x;
    explicit Operands(unsigned n_) : n(n_), w(std::size_t{n_} * n_), x(n_) {
        std::mt19937 rng(1);
        for (auto& v : w) v = static_cast<std::int8_t>(rng());
        for (auto& v : x) v = static_cast<std::int8_t>(rng());
    }
};

// The reference: y[r] = Σ_c w[r][c]·x[c], int8 × int8 → int32, written so that the compiler
// vectorises the inner loop (row pointer, restrict).
void ref_matvec(const std::int8_t* __restrict w, const std::int8_t* __restrict x, unsigned n,
                std::int32_t* __restrict y) {
    for (unsigned r = 0; r < n; ++r) {
        const std::int8_t* row = w + std::size_t{r} * n;
        std::int32_t s = 0;
        for (unsigned c = 0; c < n; ++c) s += std::int32_t{row[c]} * std::int32_t{x[c]};
        y[r] = s;
    }
}

void BM_RefInt8Matvec(benchmark::State& state) {
    Geometry g;
    g.superlanes = kSuperlanes;
    Operands op(g.vector_bytes());
    std::vector<std::int32_t> y(op.n);
    for (auto _ : state) {
        ref_matvec(op.w.data(), op.x.data(), op.n, y.data());
        benchmark::DoNotOptimize(y.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * op.n * op.n);
}

void BM_ModelInt8Matvec(benchmark::State& state) {
    Geometry g;
    g.superlanes = kSuperlanes;
    Operands op(g.vector_bytes());
    auto mxm = nodevp::lpu::make_cpp_mxm(g);
    for (unsigned r = 0; r < op.n; ++r) {
        const std::uint8_t* row = reinterpret_cast<const std::uint8_t*>(&op.w[r * op.n]);
        mxm->load_weights(&row, 1);
    }
    mxm->install();
    const std::uint8_t* x = reinterpret_cast<const std::uint8_t*>(op.x.data());
    for (auto _ : state) {
        mxm->accumulate(&x, 0, true);
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * op.n * op.n);
}

BENCHMARK(BM_RefInt8Matvec);
BENCHMARK(BM_ModelInt8Matvec);

// Console output plus the per-iteration time of each benchmark, for the ratio.
class RatioReporter : public benchmark::ConsoleReporter {
  public:
    void ReportRuns(const std::vector<Run>& runs) override {
        ConsoleReporter::ReportRuns(runs);
        for (const auto& r : runs)
            if (r.run_type == Run::RT_Iteration)
                time_[r.benchmark_name()] = r.GetAdjustedRealTime();
    }
    double time(const std::string& name) const {
        auto it = time_.find(name);
        return it == time_.end() ? 0 : it->second;
    }

  private:
    std::map<std::string, double> time_;
};

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    RatioReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    const double model = reporter.time("BM_ModelInt8Matvec");
    const double ref = reporter.time("BM_RefInt8Matvec");
    if (model > 0 && ref > 0) std::printf("lpu_mxm_vs_ref: %.3f\n", ref / model);
    benchmark::Shutdown();
    return 0;
}
