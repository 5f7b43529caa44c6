#include "models/fabric/c2c_link.hpp"

#include <algorithm>
#include <stdexcept>

namespace nodevp::fabric {

namespace {
constexpr std::uint64_t kPsPerSecond = 1'000'000'000'000ull;
}

C2cLink::C2cLink(const LinkConfig& config) {
    for (unsigned d = 0; d < 2; ++d) {
        const LinkDirectionConfig& c = config.dir[d];
        if (c.bytes_per_s == 0 || c.flit_bytes == 0 || c.credits == 0)
            throw std::invalid_argument("C2cLink: bandwidth, flit size and credits must be > 0");
        lanes_[d].config = c;
        lanes_[d].credit_back_ps.assign(c.credits, 0);
    }
}

// ceil(flits * flit_bytes * 1e12 / bytes_per_s), in 128-bit so long bursts cannot overflow.
std::uint64_t C2cLink::serialisation_ps(const LinkDirectionConfig& c, std::uint64_t flits) {
    unsigned __int128 num = (unsigned __int128)flits * c.flit_bytes * kPsPerSecond;
    return std::uint64_t((num + c.bytes_per_s - 1) / c.bytes_per_s);
}

// Sends one flit that is ready at `ready_ps`; returns the end of its serialisation.
std::uint64_t C2cLink::send_flit(Lane& l, std::uint64_t ready_ps) {
    std::uint64_t& credit = l.credit_back_ps[l.next_credit];
    std::uint64_t earliest = std::max(ready_ps, credit);
    std::uint64_t start;
    if (l.burst_flits > 0 && earliest <= l.wire_free_ps) {
        start = l.wire_free_ps;  // back to back with the previous flit
    } else {
        start = std::max(earliest, l.wire_free_ps);
        l.burst_start_ps = start;
        l.burst_flits = 0;
    }
    ++l.burst_flits;
    std::uint64_t end = l.burst_start_ps + serialisation_ps(l.config, l.burst_flits);
    l.stats.busy_ps += end - start;
    l.wire_free_ps = end;
    credit = end + 2 * l.config.latency_ps;  // delivered after `latency`, returned after another
    l.next_credit = (l.next_credit + 1) % l.credit_back_ps.size();
    return end;
}

std::uint64_t C2cLink::transfer(std::uint64_t now_ps, std::uint64_t bytes, LinkDirection direction,
                                bool snoop) {
    if (bytes == 0) throw std::invalid_argument("C2cLink::transfer: zero-byte transfer");
    Lane& l = lane(direction);
    std::uint64_t flits = (bytes + l.config.flit_bytes - 1) / l.config.flit_bytes;
    std::uint64_t end = 0;
    for (std::uint64_t i = 0; i < flits; ++i) end = send_flit(l, now_ps);
    l.stats.bytes += bytes;
    l.stats.flits += flits;
    l.stats.transactions += 1;
    l.stats.snoops += snoop ? 1 : 0;
    return end + l.config.latency_ps;
}

}  // namespace nodevp::fabric
