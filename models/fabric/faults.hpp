// Test-only fault injection: a switch armed with one fault kind fires once, at the first
// opportunity, to prove that the invariant checker catches a broken protocol. Never armed in
// the platform.
#pragma once

namespace nodevp::fabric {

enum class Fault {
    None,
    DropInvalidation,  // a sharer answers SnpUnique but keeps its S copy
    SkipSnoopData,     // a dirty owner gives its copy up (SnpShared/SnpUnique) without the data
    LoseWriteBack,     // the home acknowledges a WriteBack but discards its data
};

class FaultSwitch {
  public:
    explicit FaultSwitch(Fault kind = Fault::None) : kind_(kind) {}
    // True exactly once, the first time it is asked about the armed kind.
    bool fire(Fault kind) {
        if (kind != kind_ || fired_) return false;
        fired_ = true;
        return true;
    }
    bool fired() const { return fired_; }
    Fault kind() const { return kind_; }

  private:
    Fault kind_;
    bool fired_ = false;
};

}  // namespace nodevp::fabric
