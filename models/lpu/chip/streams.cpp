#include "models/lpu/chip/streams.hpp"

#include <algorithm>

namespace nodevp::lpu::chip {

void ValuePool::configure(unsigned vector_bytes) {
    vl_ = vector_bytes;
    chunks_.clear();
    free_.clear();
}

std::uint32_t ValuePool::alloc() {
    if (free_.empty()) {
        const auto base = static_cast<std::uint32_t>(chunks_.size() * kChunk);
        chunks_.push_back(std::make_unique<std::uint8_t[]>(std::size_t{kChunk} * vl_));
        free_.reserve(chunks_.size() * kChunk);
        for (std::uint32_t i = kChunk; i-- > 0;) free_.push_back(base + i);
    }
    const std::uint32_t slot = free_.back();
    free_.pop_back();
    return slot;
}

void ValuePool::reset() {
    free_.clear();
    const auto total = static_cast<std::uint32_t>(chunks_.size() * kChunk);
    for (std::uint32_t i = total; i-- > 0;) free_.push_back(i);
}

void StreamFile::configure(unsigned positions, unsigned vector_bytes) {
    positions_ = positions;
    ring_size_ = 1;
    while (ring_size_ < positions + 64) ring_size_ <<= 1;
    ring_.assign(std::size_t{64} * ring_size_, Diagonal{});
    read_marks_.assign(std::size_t{64} * positions, 0);
    pool_.configure(vector_bytes);
}

void StreamFile::reset() {
    for (auto& e : ring_) {
        e.tag = -1;
        e.segs.clear();
    }
    std::fill(read_marks_.begin(), read_marks_.end(), 0);
    pool_.reset();
}

std::uint32_t StreamFile::read(bool west, unsigned s, unsigned pos, std::uint64_t t) {
    const unsigned x = flow_x(west, pos);
    read_mark(west, s, x) = t + 1;
    const std::int64_t d = diag(t, x);
    Diagonal& e = entry(west, s, d);
    if (e.tag != d) return kNone;
    const Segment* found = nullptr;
    for (const auto& seg : e.segs) {
        if (seg.x >= x) break;
        found = &seg;
    }
    return found ? found->slot : kNone;
}

StreamFile::WriteResult StreamFile::write(bool west, unsigned s, unsigned pos, std::uint64_t t,
                                          std::uint32_t slot) {
    const unsigned x = flow_x(west, pos);
    const std::int64_t d = diag(t, x);
    Diagonal& e = entry(west, s, d);
    if (e.tag != d) {
        for (const auto& seg : e.segs) pool_.release(seg.slot);
        e.segs.clear();
        e.tag = d;
    }
    auto it = e.segs.begin();
    while (it != e.segs.end() && it->x < x) ++it;
    if (it != e.segs.end() && it->x == x) {
        pool_.release(slot);
        return WriteResult::conflict;
    }
    const bool passing = it != e.segs.begin();
    e.segs.insert(it, Segment{x, slot});
    if (passing && read_mark(west, s, x) != t + 1) return WriteResult::overwrite;
    return WriteResult::ok;
}

std::uint64_t StreamFile::next_arrival(bool west, unsigned s, unsigned pos, std::uint64_t t) const {
    const unsigned x = flow_x(west, pos);
    // Values written at x' < x in cycles ≤ t that reach x after t lie on diagonals above t − x.
    for (unsigned k = 1; k <= x; ++k) {
        const std::int64_t d = diag(t, x) + k;
        const Diagonal& e = ring_[((west ? 32u : 0u) + s) * ring_size_ + (d & (ring_size_ - 1))];
        if (e.tag != d) continue;
        if (!e.segs.empty() && e.segs.front().x < x) return t + k;
    }
    return 0;
}

}  // namespace nodevp::lpu::chip
