// A caching agent (RN-F in CHI terms): a set-associative cache whose lines are I, S (SC),
// E (UC) or M (UD), kept coherent through its home agents.
//
// Transient cases it handles: a snoop for a line whose upgrade (CleanUnique) is in flight is
// answered from the current copy (the home then sends data with the grant); a snoop for a line
// whose WriteBack/Evict is in flight is answered from the copy-back buffer, data included when
// dirty. One demand operation at a time; an operation on a line that is being copied back waits
// until the copy-back completes. Far atomics are sent to the home, which snoops this cache too.
#pragma once

#include <map>

#include "models/fabric/agent.hpp"
#include "models/fabric/cache.hpp"
#include "models/fabric/faults.hpp"
#include "models/fabric/observer.hpp"

namespace nodevp::fabric {

class CachingAgent : public Agent {
  public:
    CachingAgent(Network& net, std::string name, HomeMap homes, std::uint64_t cache_bytes,
                 unsigned ways, CoherenceObserver* observer, FaultSwitch* faults);

    bool can_issue(const Op& op) const override;
    void issue(const Op& op) override;
    void receive(const Message& m) override;
    LineState state_of(std::uint64_t line) const override;
    const Line* data_of(std::uint64_t line) const override;
    bool copy_back_pending(std::uint64_t line) const override;
    // The valid copy of `line` for a debugger to read or patch, or nullptr.
    Line* debug_line(std::uint64_t line);
    // Snoops answered from the copy-back buffer (a WriteBack/Evict crossing a snoop).
    std::uint64_t snoops_on_copy_back() const { return snoops_on_copy_back_; }

  private:
    struct CopyBack {
        Line data{};
        bool dirty = false;
    };

    void load(const CacheEntry* hit);
    void store(CacheEntry* hit);
    void evict(CacheEntry* hit);
    CacheEntry& allocate(std::uint64_t line);
    void start_copy_back(CacheEntry& e);
    void on_snoop(const Message& m);
    Message snoop_copy_back(const Message& m, CopyBack& cb);
    // An owner answering SnpOnce keeps its copy, so the ReadOnce is ordered here.
    void serve_read_once(const Message& snoop, const Line& copy);
    void on_completion(const Message& m);
    void perform_store(CacheEntry& e);
    bool fires(Fault f, std::uint64_t line) { return faults_ && faults_->fire(f, line); }

    HomeMap homes_;
    Cache cache_;
    CoherenceObserver* observer_;
    FaultSwitch* faults_;
    std::map<std::uint64_t, CopyBack> copy_backs_;  // by line
    std::uint64_t snoops_on_copy_back_ = 0;
};

}  // namespace nodevp::fabric
