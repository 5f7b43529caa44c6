// hybrid-ref: the demo model's host-native reference (docs/demo/model.md) as a command.
//   hybrid-ref --prompt "Hello" --tokens 32 [--seed N] [--cost] [--ranges]
// Prints the generated token ids and text (bytes outside printable ASCII as \xNN); --cost prints
// one decode step's GPU launches and LPU FFN runs with their operations and bytes; --ranges
// prints the activation ranges at the GPU <-> LPU hand-over.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <string>

#include "sw/reference/model.hpp"

namespace {

using namespace nodevp::demo::ref;

std::string printable(const std::vector<std::int32_t>& ids) {
    std::string s;
    for (std::int32_t id : ids) {
        if (id >= 0x20 && id < 0x7f && id != '\\') {
            s += static_cast<char>(id);
        } else {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(id));
            s += buf;
        }
    }
    return s;
}

void print_cost(unsigned pos) {
    double ops = 0, bytes = 0, lpu_ops = 0;
    unsigned launches = 0, lpu_runs = 0;
    std::printf("decode step at position %u:\n", pos);
    for (const KernelCost& k : decode_step_cost(pos)) {
        std::printf("  %-11s ops %8.0f  bytes %8.0f\n", k.name.c_str(), k.ops, k.bytes);
        if (k.name == "lpu_ffn") {
            lpu_ops += k.ops;
            ++lpu_runs;
        } else {
            ops += k.ops;
            bytes += k.bytes;
            ++launches;
        }
    }
    std::printf("gpu: %u launches, %.0f ops, %.0f bytes; lpu: %u FFN runs, %.0f int8 ops\n",
                launches, ops, bytes, lpu_runs, lpu_ops);
}

struct Range {
    double sum2 = 0;
    long n = 0, sat = 0, zero = 0;
    int lo = 0, hi = 0;
    void add(int v, int limit) {
        sum2 += double(v) * v;
        ++n;
        if (v >= limit || v <= -limit) ++sat;
        if (v == 0) ++zero;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    void print(const char* name) const {
        std::printf("  %-12s rms %6.2f  min %4d  max %4d  saturated %5.2f%%  zero %5.2f%%\n", name,
                    std::sqrt(sum2 / double(n)), lo, hi, 100.0 * sat / double(n),
                    100.0 * zero / double(n));
    }
};

void print_ranges(const Generation& g) {
    for (unsigned l = 0; l < kLayers; ++l) {
        Range in, hid, out;
        float xmax = 0;
        for (const PositionTrace& p : g.positions) {
            const LayerTrace& t = p.layers[l];
            for (auto v : t.ffn_in) in.add(v, 127);
            for (auto v : t.ffn_hidden) hid.add(v, 127);
            for (auto v : t.ffn_out) out.add(v, 127);
            for (float v : t.x_ffn) xmax = std::max(xmax, std::fabs(v));
        }
        std::printf("layer %u (%zu positions):\n", l, g.positions.size());
        in.print("ffn input");
        hid.print("ffn hidden");
        out.print("ffn output");
        std::printf("  residual     max |x| %.3f\n", xmax);
    }
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"hybrid-ref: host-native reference of the hybrid demo's model"};
    std::string prompt = "Hello, nodevp!";
    unsigned tokens = 32;
    std::uint64_t seed = kDefaultSeed;
    bool cost = false, ranges = false;
    app.add_option("--prompt", prompt, "prompt text (bytes are tokens)");
    app.add_option("--tokens", tokens, "tokens to generate");
    app.add_option("--seed", seed, "weight seed");
    app.add_flag("--cost", cost, "print one decode step's cost (ops, bytes)");
    app.add_flag("--ranges", ranges, "print activation ranges at the GPU/LPU hand-over");
    CLI11_PARSE(app, argc, argv);
    try {
        const Weights w = make_weights(seed);
        const Generation g = generate(w, prompt, tokens);
        std::printf("prompt: %s\n", prompt.c_str());
        std::printf("tokens:");
        for (std::int32_t id : g.tokens) std::printf(" %d", id);
        std::printf("\ntext: %s\n", printable(g.tokens).c_str());
        if (ranges) print_ranges(g);
        if (cost) print_cost(static_cast<unsigned>(prompt.size() + tokens) / 2);
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
}
