#include "models/fabric/cache.hpp"

#include <stdexcept>

namespace nodevp::fabric {

Cache::Cache(std::uint64_t bytes, unsigned ways) : ways_(ways) {
    std::uint64_t sets = ways ? bytes / kLineBytes / ways : 0;
    if (sets == 0 || (sets & (sets - 1)) != 0 || sets * ways * kLineBytes != bytes)
        throw std::invalid_argument("fabric cache: size/ways must give a power-of-two set count");
    sets_ = static_cast<unsigned>(sets);
    entries_.resize(sets * ways);
}

CacheEntry* Cache::set_begin(std::uint64_t line) {
    return &entries_[((line / kLineBytes) & (sets_ - 1)) * ways_];
}

CacheEntry* Cache::find(std::uint64_t line) {
    CacheEntry* set = set_begin(line);
    for (unsigned w = 0; w < ways_; ++w)
        if (set[w].present() && set[w].line == line) return &set[w];
    return nullptr;
}

const CacheEntry* Cache::find(std::uint64_t line) const {
    return const_cast<Cache*>(this)->find(line);
}

CacheEntry* Cache::free_way(std::uint64_t line) {
    CacheEntry* set = set_begin(line);
    for (unsigned w = 0; w < ways_; ++w)
        if (!set[w].present()) return &set[w];
    return nullptr;
}

CacheEntry* Cache::victim(std::uint64_t line) {
    CacheEntry* set = set_begin(line);
    CacheEntry* best = nullptr;
    for (unsigned w = 0; w < ways_; ++w) {
        CacheEntry& e = set[w];
        if (e.state == LineState::I || e.reserved) continue;
        if (!best || e.last_use < best->last_use) best = &e;
    }
    return best;
}

}  // namespace nodevp::fabric
