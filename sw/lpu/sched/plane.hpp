// One MXM plane's instruction stream, placed in order with the hazard gaps the contract implies
// (README.md, "MXM sequencing"): LW chunks, IW, ABC, ACC, each routed from or to SRAM.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "sw/lpu/sched/builder.hpp"

namespace nodevp::lpu::sched {

// Where an ACC result goes: four int32 byte planes into four MEM vectors, or through a VXM
// REQ into one int8 vector.
struct AccSink {
    bool requant = false;
    std::vector<Loc> planes;  // 4 byte planes (requant = false)
    Loc out;                  // requant = true
    std::int32_t scale = 1;
    unsigned shift = 0;
};

class MxmPlane {
  public:
    MxmPlane(Builder& b, unsigned plane);
    void configure(unsigned mxm_type);
    // Loads one tile: `streams` lists the SRAM source of every LW stream in order (int8: one per
    // row; fp16: low and high byte plane of each row); g streams per LW, groups aligned to
    // `align`.
    void load(const std::vector<Loc>& streams, unsigned g, unsigned align);
    void install();
    // ABC from SRAM: x holds the activation's byte planes (int8: 1, fp16: 2); int8 activations
    // may pass a VXM RELU.i8 on the way.
    void abc(const std::vector<Loc>& x, bool relu, unsigned acc, bool set);
    // ACC goes into the first suitable free slot; it does not hold back later LWs (which only
    // touch the shadow array), and the next ABC on `acc` waits for it.
    void drain(unsigned acc, const AccSink& sink);
    std::int64_t cursor() const { return cursor_; }

  private:
    bool west() const { return plane_ % 2 == 0; }
    bool vxm_issue(Tx& tx, std::int64_t cycle, const Insn& insn);

    Builder& b_;
    unsigned plane_;
    std::string queue_;
    unsigned pos_;
    std::int64_t cursor_ = 0;
    static constexpr std::int64_t kNever = std::numeric_limits<std::int32_t>::min();
    std::int64_t last_lw_ = kNever, last_iw_ = kNever, last_abc_ = kNever, config_ = kNever;
    std::int64_t last_acc_[kAccumulators] = {kNever, kNever, kNever, kNever,
                                             kNever, kNever, kNever, kNever};
};

}  // namespace nodevp::lpu::sched
