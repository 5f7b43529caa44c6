// Fabric benchmark (not a test): a soak of the seeded random coherence tester
// (models/fabric/tester.hpp), printed as a `name: value unit` line:
//   fabric_random_ops_per_s  completed tester operations per wall second, over --seeds seeds
//                            (1..N) of --ops operations each, in the default tester
//                            configuration (6 caching + 2 I/O agents, 2 homes, 8 lines); the
//                            invariant checker runs after every step, as in the ctest run
// The figure is the best of --repeat soaks (default 3). Any invariant violation or deadlock
// fails the benchmark (exit 1) with the checker's report on stderr.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "models/fabric/tester.hpp"

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
    int repeat = 3;
    unsigned seeds = 8;
    std::uint64_t ops = 1'000'000;
};

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--repeat"))
            o.repeat = std::max(1, std::atoi(argv[i + 1]));
        else if (!std::strcmp(argv[i], "--seeds"))
            o.seeds = unsigned(std::max(1, std::atoi(argv[i + 1])));
        else if (!std::strcmp(argv[i], "--ops"))
            o.ops = std::max(1ull, std::strtoull(argv[i + 1], nullptr, 10));
        else
            std::fprintf(stderr, "fabric_bench: ignoring unknown option %s\n", argv[i]);
    }
    return o;
}

// One soak over all seeds; returns operations per second, or a negative value on a violation.
double soak(const Options& o) {
    std::uint64_t ops = 0;
    auto start = Clock::now();
    for (unsigned seed = 1; seed <= o.seeds; ++seed) {
        nodevp::fabric::TesterConfig c;
        c.system.seed = seed;
        c.operations = o.ops;
        nodevp::fabric::TesterResult r = nodevp::fabric::RandomTester(c).run();
        if (!r.passed) {
            std::fprintf(stderr, "fabric_bench: seed %u failed:\n%s\n", seed, r.report.c_str());
            return -1.0;
        }
        ops += r.operations;
    }
    std::chrono::duration<double> wall = Clock::now() - start;
    std::fprintf(stderr, "fabric soak: %u seeds, %llu operations, %.3f s\n", o.seeds,
                 static_cast<unsigned long long>(ops), wall.count());
    return double(ops) / wall.count();
}

}  // namespace

int main(int argc, char** argv) {
    Options o = parse(argc, argv);
    double best = 0.0;
    for (int i = 0; i < o.repeat; ++i) {
        double rate = soak(o);
        if (rate < 0) return 1;
        best = std::max(best, rate);
    }
    std::printf("fabric_random_ops_per_s: %.0f ops/s\n", best);
    return 0;
}
