// Test-only fault injection: a switch armed with one fault kind fires once, at the first
// opportunity on a line within its address range, to prove that the invariant checker (or a
// litmus test on the platform) catches a broken protocol. Armed in the platform only by the
// test-only `fabric.fault` configuration key.
#pragma once

#include <cstdint>

namespace nodevp::fabric {

enum class Fault {
    None,
    DropInvalidation,  // a sharer answers SnpUnique but keeps its S copy
    SkipSnoopData,     // a dirty owner gives its copy up (SnpShared/SnpUnique) without the data
    LoseWriteBack,     // the home acknowledges a WriteBack but discards its data
};

class FaultSwitch {
  public:
    explicit FaultSwitch(Fault kind = Fault::None, std::uint64_t first = 0,
                         std::uint64_t last = ~std::uint64_t{0})
        : kind_(kind), first_(first), last_(last) {}
    // True exactly once, the first time it is asked about the armed kind for an address in
    // [first, last].
    bool fire(Fault kind, std::uint64_t addr) {
        if (kind != kind_ || fired_ || addr < first_ || addr > last_) return false;
        fired_ = true;
        return true;
    }
    bool fired() const { return fired_; }
    Fault kind() const { return kind_; }

  private:
    Fault kind_;
    std::uint64_t first_, last_;
    bool fired_ = false;
};

}  // namespace nodevp::fabric
