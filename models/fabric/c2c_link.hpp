// Timing of one chip-to-chip (C2C) link: two independent directions, each with a bandwidth, a
// latency, a flit size and a credit count. Plain C++ (no SystemC); times are integer picoseconds
// so results are deterministic and exact.
//
// Model, per direction:
// - A transfer of `bytes` is cut into ceil(bytes / flit_bytes) flits; the wire serialises one
//   flit at a time. Flits sent back to back (a "burst") end at burst_start +
//   ceil(k * flit_bytes / bandwidth) for the k-th flit, so a long burst has no per-flit rounding
//   drift; a burst restarts whenever the wire went idle or waited for a credit.
// - Transfers queue in call order behind everything sent earlier on that direction (FIFO
//   occupancy), so two streams sharing a direction each see about half the bandwidth.
// - A flit needs a credit to start; the credit comes back `latency` after the flit is delivered
//   (delivery = end of serialisation + latency). With `credits` credits at most that many flits
//   are in flight, so throughput is bounded by credits * flit_bytes / (flit time + 2 * latency).
// - transfer() returns the arrival time of the last flit: its end of serialisation + latency.
// Not modelled: flit headers and packing of several messages into one flit, virtual channels
// and per-channel credits, link errors and replay, power states, arbitration other than FIFO
// in call order (a caller must issue transfers in non-decreasing `now` for the result to be
// meaningful; earlier `now` values are simply queued behind the wire's current occupancy).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace nodevp::fabric {

enum class LinkDirection : unsigned { AToB = 0, BToA = 1 };

struct LinkDirectionConfig {
    std::uint64_t bytes_per_s = 450'000'000'000ull;  // `full` default for host-GPU (SPEC 4.2)
    std::uint64_t latency_ps = 10'000;
    std::uint32_t flit_bytes = 64;
    std::uint32_t credits = 64;
};

struct LinkConfig {
    std::array<LinkDirectionConfig, 2> dir;  // indexed by LinkDirection
};

struct LinkStats {
    std::uint64_t bytes = 0;  // payload bytes as requested (not rounded to flits)
    std::uint64_t flits = 0;
    std::uint64_t transactions = 0;  // transfer() calls
    std::uint64_t snoops = 0;        // transfers flagged as snoops
    std::uint64_t busy_ps = 0;       // time the wire spent serialising flits
    // Fraction of `window_ps` the wire was busy (0 for an empty window).
    double utilisation(std::uint64_t window_ps) const {
        return window_ps ? double(busy_ps) / double(window_ps) : 0.0;
    }
};

class C2cLink {
  public:
    // Throws std::invalid_argument on a zero bandwidth, flit size or credit count.
    explicit C2cLink(const LinkConfig& config);

    // Sends `bytes` (> 0, else std::invalid_argument) on `direction`, ready at `now_ps`; returns
    // the time the last byte arrives at the far end.
    std::uint64_t transfer(std::uint64_t now_ps, std::uint64_t bytes, LinkDirection direction,
                           bool snoop = false);

    const LinkStats& stats(LinkDirection d) const { return lane(d).stats; }
    const LinkDirectionConfig& config(LinkDirection d) const { return lane(d).config; }

  private:
    struct Lane {
        LinkDirectionConfig config;
        LinkStats stats;
        std::uint64_t wire_free_ps = 0;             // end of the last flit's serialisation
        std::uint64_t burst_start_ps = 0;           // start of the current back-to-back burst
        std::uint64_t burst_flits = 0;              // flits in it so far
        std::vector<std::uint64_t> credit_back_ps;  // ring: return time of the last `credits`
        std::size_t next_credit = 0;                // oldest entry of the ring
    };

    Lane& lane(LinkDirection d) { return lanes_[unsigned(d)]; }
    const Lane& lane(LinkDirection d) const { return lanes_[unsigned(d)]; }
    static std::uint64_t serialisation_ps(const LinkDirectionConfig& c, std::uint64_t flits);
    static std::uint64_t send_flit(Lane& l, std::uint64_t ready_ps);

    std::array<Lane, 2> lanes_;
};

}  // namespace nodevp::fabric
