// Tag and data storage of a set-associative cache with LRU replacement. Holds no protocol
// logic: the caching agent decides states. An entry is `reserved` while a fill for it is in
// flight, so it is neither chosen as a victim nor reused.
#pragma once

#include <cstdint>
#include <vector>

#include "models/fabric/line.hpp"

namespace nodevp::fabric {

struct CacheEntry {
    std::uint64_t line = 0;
    LineState state = LineState::I;
    bool reserved = false;
    Line data{};
    std::uint64_t last_use = 0;
    bool present() const { return state != LineState::I || reserved; }
};

class Cache {
  public:
    // Throws std::invalid_argument unless bytes / 64 / ways is a non-zero power of two.
    Cache(std::uint64_t bytes, unsigned ways);

    // The entry tagged with `line` that is valid or reserved, or nullptr.
    CacheEntry* find(std::uint64_t line);
    const CacheEntry* find(std::uint64_t line) const;
    // A way of `line`'s set that holds nothing, or nullptr when the set is full.
    CacheEntry* free_way(std::uint64_t line);
    // The least recently used valid, unreserved entry of `line`'s set, or nullptr.
    CacheEntry* victim(std::uint64_t line);
    void touch(CacheEntry& e) { e.last_use = ++clock_; }

    unsigned sets() const { return sets_; }
    unsigned ways() const { return ways_; }

  private:
    CacheEntry* set_begin(std::uint64_t line);
    unsigned sets_;
    unsigned ways_;
    std::vector<CacheEntry> entries_;
    std::uint64_t clock_ = 0;
};

}  // namespace nodevp::fabric
