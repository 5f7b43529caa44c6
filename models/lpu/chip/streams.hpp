// The stream registers of a chip: every in-flight value stored once.
//
// A value written on stream s at position p in cycle t travels one position per cycle. In
// "flow coordinates" (westward positions mirrored so both directions move toward higher x) it
// stays on the diagonal d = t − x, so each (direction, stream, diagonal) holds a short list of
// segments (x where a value was written, pool slot). The value present at x in cycle t is the
// segment with the largest start below x: a reader never sees a value written at its own
// position in the same cycle (reads happen before writes). Diagonals live in a ring of at
// least positions + 64 entries; an entry is recycled (its slots freed) when a diagonal that many
// cycles newer reuses it, so a slot stays valid for at least 64 cycles after it was read.
// Values sit in a chunked pool (pointers stay valid while the pool grows); after warm-up no
// allocation happens.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace nodevp::lpu::chip {

class ValuePool {
  public:
    void configure(unsigned vector_bytes);
    std::uint32_t alloc();
    void release(std::uint32_t slot) { free_.push_back(slot); }
    std::uint8_t* data(std::uint32_t slot) {
        return chunks_[slot >> kChunkBits].get() + (slot & (kChunk - 1)) * vl_;
    }
    void reset();  // every slot free

  private:
    static constexpr unsigned kChunkBits = 8;
    static constexpr unsigned kChunk = 1u << kChunkBits;
    unsigned vl_ = 0;
    std::vector<std::unique_ptr<std::uint8_t[]>> chunks_;
    std::vector<std::uint32_t> free_;
};

class StreamFile {
  public:
    enum class WriteResult { ok, conflict, overwrite };

    void configure(unsigned positions, unsigned vector_bytes);
    void reset();
    ValuePool& pool() { return pool_; }

    static constexpr std::uint32_t kNone = 0xffffffffu;
    // The pool slot of the value on (west, s) at `pos` in cycle t, or kNone; marks the position
    // as read. The slot stays valid for at least 64 cycles.
    std::uint32_t read(bool west, unsigned s, unsigned pos, std::uint64_t t);
    // Writes pool slot `slot` (ownership passes to the stream file, also on failure).
    WriteResult write(bool west, unsigned s, unsigned pos, std::uint64_t t, std::uint32_t slot);
    // For error details: the cycle at which the next in-flight value reaches `pos`, or 0.
    std::uint64_t next_arrival(bool west, unsigned s, unsigned pos, std::uint64_t t) const;

  private:
    struct Segment {
        std::uint32_t x;
        std::uint32_t slot;
    };
    struct Diagonal {
        std::int64_t tag = -1;
        std::vector<Segment> segs;  // sorted by x
    };

    unsigned flow_x(bool west, unsigned pos) const { return west ? positions_ - 1 - pos : pos; }
    std::int64_t diag(std::uint64_t t, unsigned x) const {
        return static_cast<std::int64_t>(t) - x + positions_;
    }
    Diagonal& entry(bool west, unsigned s, std::int64_t d) {
        return ring_[((west ? 32u : 0u) + s) * ring_size_ + (d & (ring_size_ - 1))];
    }
    std::uint64_t& read_mark(bool west, unsigned s, unsigned x) {
        return read_marks_[((west ? 32u : 0u) + s) * positions_ + x];
    }

    unsigned positions_ = 0;
    std::uint32_t ring_size_ = 0;
    std::vector<Diagonal> ring_;
    std::vector<std::uint64_t> read_marks_;  // cycle + 1 of the last read at (stream, x)
    ValuePool pool_;
};

}  // namespace nodevp::lpu::chip
