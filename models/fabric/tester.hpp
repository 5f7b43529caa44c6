// The seeded random coherence tester: agents issue random loads, stores, far atomics and
// evictions on a small set of lines (to force sharing and races) while the network delivers
// messages in a seeded order; the invariant checker runs after every step (each issued
// operation and each delivered message checks the line it touched). A run ends after
// `operations` completed operations and a drained network, or at the first violation.
#pragma once

#include <cstdint>
#include <random>
#include <string>

#include "models/fabric/system.hpp"

namespace nodevp::fabric {

struct TesterConfig {
    SystemConfig system;
    std::uint64_t operations = 100000;
    unsigned lines = 8;
};

struct TesterResult {
    bool passed = false;
    std::uint64_t operations = 0;  // completed
    std::uint64_t messages = 0;    // delivered
    std::string report;            // the checker's report when !passed
    // Races that occurred, summed over homes and agents (see README.md).
    std::uint64_t queued_requests = 0;
    std::uint64_t stale_copy_backs = 0;
    std::uint64_t upgrades_with_data = 0;
    std::uint64_t snoops_on_copy_back = 0;
};

class RandomTester {
  public:
    explicit RandomTester(const TesterConfig& config);
    TesterResult run();
    System& system() { return system_; }

  private:
    void try_issue();
    Op random_op(const Agent& a);
    std::uint64_t unique_value(const Agent& a);
    void on_complete(int agent, const Op& op, std::uint64_t value);
    bool any_busy();
    void add_race_counts(TesterResult& r);

    TesterConfig config_;
    System system_;
    std::mt19937_64 rng_;
    std::uint64_t issued_ = 0;
    std::uint64_t completed_ = 0;
    std::uint64_t next_value_ = 0;
};

}  // namespace nodevp::fabric
