// LPU benchmarks, printed as `name: value unit` lines:
//   lpu_cycles_per_s_default  simulated LPU cycles per wall second, FFN program, default geometry
//   lpu_cycles_per_s_full     the same at the full geometry
//   lpu_mxm_vs_ref            int8 matrix-vector MACs per second of the whole chip model (full
//                             geometry; a 320x320 weight tile loaded from SRAM and installed
//                             once, then 512 activation vectors streamed from SRAM through ABC,
//                             drained by ACC and written back: the MXM's weight-stationary mode)
//                             divided by those of a plain optimised C++ matrix-vector loop over
//                             the same matrix, in this process
//   lpu_mxm_vs_ref_tiled      the same for 1280x1280 weights and 8 vectors (one per accumulator):
//                             every tile is reloaded for each group of 8 vectors
//   lpu_mxm_vs_ref_single     1280x1280 weights and one vector: bound by loading weights, since
//                             every weight crosses the streams for a single product
// Each figure is the best of --repeat runs (default 3); a run lasts at least --min-seconds.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <stdexcept>
#include <string>

#include "models/lpu/chip/chip.hpp"
#include "sw/lpu/sched/sched.hpp"

namespace {

using namespace nodevp::lpu;
using Clock = std::chrono::steady_clock;

const Geometry kDefault{};
const Geometry kFull{20, 88, 8192, 4, 16};

struct Options {
    int repeat = 3;
    double min_seconds = 0.5;
};

std::vector<std::int8_t> random_i8(std::mt19937& rng, std::size_t n) {
    std::vector<std::int8_t> v(n);
    for (auto& e : v) e = static_cast<std::int8_t>(rng());
    return v;
}

double seconds_since(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Runs `p` on `chip` until min_seconds of run() time have passed; returns (cycles, seconds).
std::pair<double, double> run_program(Chip& chip, const Program& p, double min_seconds) {
    double cycles = 0, secs = 0;
    while (secs < min_seconds) {
        chip.reset();
        chip.load(p);
        const auto t0 = Clock::now();
        if (chip.run(~0ull) != Chip::State::done)
            throw std::runtime_error("lpu_bench: program failed: " +
                                     (chip.error() ? chip.error()->to_string() : std::string("?")));
        secs += seconds_since(t0);
        cycles += static_cast<double>(chip.stats().cycles);
    }
    return {cycles, secs};
}

Program ffn_program(const Geometry& g, std::mt19937& rng) {
    sched::FfnSpec s;
    s.d_model = 2 * g.vector_bytes();
    s.d_ff = 4 * s.d_model;
    s.w_up = random_i8(rng, std::size_t{s.d_ff} * s.d_model);
    s.w_down = random_i8(rng, std::size_t{s.d_model} * s.d_ff);
    s.up_scale = 5;
    s.up_shift = 12;
    s.down_scale = 7;
    s.down_shift = 13;
    return sched::ffn_i8(g, s);
}

double cycles_per_second(const Geometry& g, const Options& o) {
    std::mt19937 rng(1);
    const Program p = ffn_program(g, rng);
    ChipConfig cfg;
    cfg.geometry = g;
    Chip chip(cfg);
    double best = 0;
    for (int i = 0; i < o.repeat; ++i) {
        const auto [cycles, secs] = run_program(chip, p, o.min_seconds);
        best = std::max(best, cycles / secs);
    }
    return best;
}

// The reference: one int32 dot product per row, written so the compiler can vectorise it.
__attribute__((noinline)) void matvec_loop(const std::int8_t* w, const std::int8_t* x,
                                           std::int32_t* y, unsigned rows, unsigned cols) {
    for (unsigned r = 0; r < rows; ++r) {
        std::int32_t acc = 0;
        const std::int8_t* row = w + std::size_t{r} * cols;
        for (unsigned c = 0; c < cols; ++c) acc += std::int32_t{row[c]} * x[c];
        y[r] = acc;
    }
}

double loop_macs_per_second(const std::vector<std::int8_t>& w, const std::vector<std::int8_t>& x,
                            unsigned rows, unsigned cols, const Options& o) {
    std::vector<std::int32_t> y(rows);
    double best = 0;
    for (int i = 0; i < o.repeat; ++i) {
        double macs = 0, secs = 0;
        const auto t0 = Clock::now();
        while (secs < o.min_seconds) {
            matvec_loop(w.data(), x.data(), y.data(), rows, cols);
            macs += double{1} * rows * cols;
            secs = seconds_since(t0);
        }
        best = std::max(best, macs / secs);
    }
    volatile std::int32_t sink = y[0];
    (void)sink;
    return best;
}

// Model / reference int8 matrix-vector MACs per second on a rows x cols weight matrix (in units
// of VL) and `batch` input vectors, at the full geometry.
double mxm_vs_ref(const Options& o, unsigned tiles, unsigned batch) {
    const Geometry& g = kFull;
    const unsigned rows = tiles * g.vector_bytes(), cols = tiles * g.vector_bytes();
    std::mt19937 rng(2);
    const auto w = random_i8(rng, std::size_t{rows} * cols);
    const auto x = random_i8(rng, cols);
    const Program p = sched::matmul_i8(g, w, rows, cols, batch);
    ChipConfig cfg;
    cfg.geometry = g;
    Chip chip(cfg);
    double model = 0;
    for (int i = 0; i < o.repeat; ++i) {
        const auto [cycles, secs] = run_program(chip, p, o.min_seconds);
        const double runs = cycles / static_cast<double>(chip.stats().cycles);
        model = std::max(model, runs * batch * rows * cols / secs);
    }
    const double loop = loop_macs_per_second(w, x, rows, cols, o);
    std::fprintf(stderr,
                 "lpu_bench: %ux%u weights, %u vectors: model %.3g MAC/s, reference loop %.3g "
                 "MAC/s\n",
                 rows, cols, batch, model, loop);
    return model / loop;
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--repeat"))
            o.repeat = std::max(1, std::atoi(argv[i + 1]));
        else if (!std::strcmp(argv[i], "--min-seconds"))
            o.min_seconds = std::atof(argv[i + 1]);
        else
            throw std::invalid_argument(std::string("lpu_bench: unknown option ") + argv[i]);
    }
    return o;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const Options o = parse(argc, argv);
        std::printf("lpu_cycles_per_s_default: %.0f cycles/s\n", cycles_per_second(kDefault, o));
        std::printf("lpu_cycles_per_s_full: %.0f cycles/s\n", cycles_per_second(kFull, o));
        std::printf("lpu_mxm_vs_ref: %.3f ratio\n", mxm_vs_ref(o, 1, 512));
        std::printf("lpu_mxm_vs_ref_tiled: %.3f ratio\n", mxm_vs_ref(o, 4, kAccumulators));
        std::printf("lpu_mxm_vs_ref_single: %.3f ratio\n", mxm_vs_ref(o, 4, 1));
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
}
