// Hooks through which the protocol reports the points where an access takes its place in the
// coherence order of its word: cache hits and fills in a caching agent, ReadOnce, WriteUnique
// and atomics at the home. The invariant checker implements them.
#pragma once

#include <cstdint>

namespace nodevp::fabric {

class CoherenceObserver {
  public:
    virtual ~CoherenceObserver() = default;
    virtual void performed_read(int agent, std::uint64_t addr, std::uint64_t value) = 0;
    // A write of the bits of `mask` of the word at `addr` (the other bits keep their value).
    virtual void performed_write(int agent, std::uint64_t addr, std::uint64_t value,
                                 std::uint64_t mask) = 0;
};

}  // namespace nodevp::fabric
