// RTL co-simulation speed, printed as `name: value unit` lines (scripts/bench.py):
//   rtl_mxm_cycles_per_s  simulated LPU cycles per wall second of an int8 product (MXM in RTL,
//                         VXM in C++), `default` geometry
//   rtl_vxm_cycles_per_s  the same for elementwise int8 ADDs (VXM in RTL, MXM in C++)
//   rtl_vs_tlm_slowdown   wall time of the FFN block with both units in RTL / with both in C++
// Each figure is the best of --repeat runs (default 3) of at least 0.3 s each.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>

#include <systemc>

#include "models/lpu/chip/chip.hpp"
#include "rtl/lpu/wrap/rtl_units.hpp"
#include "sw/lpu/sched/sched.hpp"

namespace {

using namespace nodevp::lpu;
using Clock = std::chrono::steady_clock;

int g_repeat = 3;

// One chip, its RTL units scoped under a module of their own (unique names).
struct Scope : sc_core::sc_module {
    Scope(const sc_core::sc_module_name& n, const ChipConfig& cfg) : sc_core::sc_module(n) {
        chip = std::make_unique<Chip>(cfg);
    }
    std::unique_ptr<Chip> chip;
};

std::unique_ptr<Scope> make(const char* mxm, const char* vxm) {
    ChipConfig cfg;
    nodevp::rtl::select_units(cfg, mxm, vxm);
    return std::make_unique<Scope>((std::string("mxm_") + mxm + "_vxm_" + vxm).c_str(), cfg);
}

// Best wall seconds per run of `p` (at least 0.3 s of runs per repeat); `cycles` per run.
double seconds_per_run(Chip& chip, const Program& p, std::uint64_t& cycles) {
    double best = 1e30;
    for (int r = 0; r < g_repeat; ++r) {
        unsigned runs = 0;
        const auto t0 = Clock::now();
        double s = 0;
        do {
            chip.reset();
            chip.load(p);
            if (!chip.clocked()) {
                chip.run(~std::uint64_t{0});
            } else {
                while (chip.state() == Chip::State::running) {
                    chip.run(1);
                    chip.tick_units();
                }
            }
            if (chip.state() != Chip::State::done)
                throw std::runtime_error("rtl_perf: program failed: " + chip.error()->to_string());
            ++runs;
            s = std::chrono::duration<double>(Clock::now() - t0).count();
        } while (s < 0.3);
        best = std::min(best, s / runs);
    }
    cycles = chip.cycle();
    return best;
}

struct Bench : sc_core::sc_module {
    SC_HAS_PROCESS(Bench);
    explicit Bench(const sc_core::sc_module_name& n)
        : sc_core::sc_module(n),
          mxm_rtl(make("rtl", "tlm")),
          vxm_rtl(make("tlm", "rtl")),
          both_rtl(make("rtl", "rtl")),
          tlm(make("tlm", "tlm")) {
        SC_THREAD(run);
    }

    void run() {
        const Geometry g;
        const unsigned vl = g.vector_bytes();
        std::mt19937 rng(1);
        std::vector<std::int8_t> w(std::size_t{4} * vl * 4 * vl);
        for (auto& x : w) x = static_cast<std::int8_t>(rng());
        sched::FfnSpec f;
        f.d_model = 2 * vl;
        f.d_ff = 4 * vl;
        f.w_up.assign(w.begin(), w.begin() + f.d_model * f.d_ff);
        f.w_down.assign(w.begin(), w.begin() + f.d_model * f.d_ff);
        f.up_shift = 8;
        f.down_shift = 8;
        std::uint64_t c = 0;
        const double mxm =
            seconds_per_run(*mxm_rtl->chip, sched::matmul_i8(g, w, 4 * vl, 4 * vl, 8), c);
        std::printf("rtl_mxm_cycles_per_s: %.0f cycles/s\n", c / mxm);
        const double vxm = seconds_per_run(
            *vxm_rtl->chip, sched::elementwise(g, Opcode::add, ElemType::i8, 256), c);
        std::printf("rtl_vxm_cycles_per_s: %.0f cycles/s\n", c / vxm);
        const Program ffn = sched::ffn_i8(g, f);
        const double rtl_s = seconds_per_run(*both_rtl->chip, ffn, c);
        const double tlm_s = seconds_per_run(*tlm->chip, ffn, c);
        std::printf("rtl_vs_tlm_slowdown: %.1f ratio\n", rtl_s / tlm_s);
        std::fflush(stdout);
        sc_core::sc_stop();
    }

    std::unique_ptr<Scope> mxm_rtl, vxm_rtl, both_rtl, tlm;
};

}  // namespace

int sc_main(int argc, char* argv[]) {
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], "--repeat") == 0) g_repeat = std::max(1, std::atoi(argv[i + 1]));
    Bench bench("bench");  // destroyed before Verilator's statics
    sc_core::sc_start();
    return 0;
}
