// The invariant checker of the coherence protocol. It keeps a shadow memory updated at each
// access's point in coherence order (the CoherenceObserver hooks) and checks:
//  - every read returns the shadow's value, i.e. the latest write in coherence order;
//  - single writer / multiple readers per line across all caches (check_line);
//  - every valid cached copy equals the shadow line (the data-value invariant).
// The first violation is kept as a readable report: the line, every agent's state, the home's
// directory entry and the last messages delivered for that line. Later violations are ignored.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "models/fabric/agent.hpp"
#include "models/fabric/home_agent.hpp"
#include "models/fabric/observer.hpp"

namespace nodevp::fabric {

class InvariantChecker : public CoherenceObserver {
  public:
    static constexpr std::size_t kHistory = 12;  // messages kept per line for reports
    using HomeLookup = std::function<const HomeAgent&(std::uint64_t line)>;

    explicit InvariantChecker(const Network& net) : net_(net) {}
    void watch(std::vector<const Agent*> agents, HomeLookup home_of);

    void performed_read(int agent, std::uint64_t addr, std::uint64_t value) override;
    void performed_write(int agent, std::uint64_t addr, std::uint64_t value,
                         std::uint64_t mask) override;
    // Remembers a delivered message for the report of its line.
    void record(const Message& m);
    // Checks the single-writer/multiple-reader and data-value invariants of one line.
    void check_line(std::uint64_t line);
    // Records a violation found elsewhere (e.g. by the tester); keeps only the first.
    void fail(std::uint64_t line, const std::string& what);

    bool failed() const { return !report_.empty(); }
    const std::string& report() const { return report_; }
    std::uint64_t shadow(std::uint64_t addr) const;
    // The value the agent's latest read returned at its coherence point.
    std::uint64_t last_read(int agent) const;

  private:
    std::string name(int node) const { return net_.names().at(node); }
    std::string describe_line(std::uint64_t line) const;
    void check_copy(const Agent& a, std::uint64_t line, const Line& latest);

    const Network& net_;
    std::vector<const Agent*> agents_;
    HomeLookup home_of_;
    std::unordered_map<std::uint64_t, Line> shadow_;
    std::unordered_map<std::uint64_t, std::deque<Message>> history_;
    std::unordered_map<int, std::uint64_t> last_read_;
    std::string report_;
};

}  // namespace nodevp::fabric
