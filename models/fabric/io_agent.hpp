// An I/O-coherent agent (RN-I in CHI terms, e.g. LPU DMA or a copy engine): no cache. Loads are
// ReadOnce, stores WriteUnique, atomics are far atomics; all are performed at the home, which
// snoops the caching agents. Evict operations complete at once (nothing to evict).
#pragma once

#include "models/fabric/agent.hpp"

namespace nodevp::fabric {

class IoAgent : public Agent {
  public:
    IoAgent(Network& net, std::string name, HomeMap homes);

    bool can_issue(const Op&) const override { return !busy_; }
    void issue(const Op& op) override;
    void receive(const Message& m) override;
    LineState state_of(std::uint64_t) const override { return LineState::I; }
    const Line* data_of(std::uint64_t) const override { return nullptr; }
    bool copy_back_pending(std::uint64_t) const override { return false; }

  private:
    HomeMap homes_;
};

}  // namespace nodevp::fabric
