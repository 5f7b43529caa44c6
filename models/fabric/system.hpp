// A protocol-level coherent system: the message network, home agents (lines interleaved across
// them by line index), caching and I/O agents, all observed by one invariant checker. Used by
// the random tester and by directed tests; the TLM fabric will build on the same parts.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "models/fabric/caching_agent.hpp"
#include "models/fabric/checker.hpp"
#include "models/fabric/faults.hpp"
#include "models/fabric/home_agent.hpp"
#include "models/fabric/io_agent.hpp"
#include "models/fabric/network.hpp"

namespace nodevp::fabric {

struct SystemConfig {
    unsigned caching_agents = 6;
    unsigned io_agents = 2;
    unsigned homes = 2;
    std::uint64_t cache_bytes = 256;  // per caching agent
    unsigned ways = 2;
    std::uint64_t seed = 1;  // network arbitration
    Fault fault = Fault::None;
};

class System {
  public:
    // Throws std::invalid_argument on an impossible configuration (no home, > 64 nodes, ...).
    explicit System(const SystemConfig& config);

    // Caching agents first (0 .. caching_agents-1), then I/O agents.
    Agent& agent(unsigned index) { return *agents_.at(index); }
    unsigned agent_count() const { return unsigned(agents_.size()); }
    HomeAgent& home_of(std::uint64_t line);
    Network& network() { return net_; }
    InvariantChecker& checker() { return checker_; }
    FaultSwitch& faults() { return faults_; }

    // Delivers one message and checks its line; false when nothing was in flight.
    bool step();
    // Steps until the network is idle or the checker has failed.
    void drain();
    // Issues `op` on an agent, checks its line, then drains. For directed tests.
    void run(unsigned agent, const Op& op);

  private:
    Network net_;
    FaultSwitch faults_;
    InvariantChecker checker_;
    std::vector<std::unique_ptr<HomeAgent>> homes_;
    std::vector<std::unique_ptr<Agent>> agents_;
};

}  // namespace nodevp::fabric
