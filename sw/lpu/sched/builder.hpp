// Reservation tables for static LPU scheduling: which cycles each queue issues in, which stream
// "diagonals" carry a value, which MEM bank is busy in which cycle, and when each SRAM vector
// holds its data. A Tx collects tentative reservations for one placement attempt; commit() makes
// them permanent. See README.md for the rules these tables enforce.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "models/lpu/image/image.hpp"
#include "models/lpu/isa/isa.hpp"
#include "sw/lpu/sched/layout.hpp"

namespace nodevp::lpu::sched {

struct Loc {
    std::uint32_t slice = 0;
    std::uint32_t address = 0;
};

class Builder;

class Tx {
  public:
    explicit Tx(Builder& b) : b_(b) {}
    // Reserves queue `queue` at `cycle` for `insn` (issue 1); false if busy or cycle < 0.
    bool issue(const std::string& queue, std::int64_t cycle, const Insn& insn);
    bool bank(std::uint32_t slice, std::int64_t cycle, unsigned bank);
    // Reserves `width` consecutive streams (base aligned to `align`) for values written at
    // position `pos` in cycle `cycle` in direction `west`; returns the base stream.
    std::optional<Stream> streams(bool west, unsigned width, unsigned align, unsigned pos,
                                  std::int64_t cycle);
    // MEM READ of `src` issued so that the value arrives at position `to` in cycle `arrive` on
    // stream `s` (the caller reserved the stream); false if the slice cannot do it.
    bool read_to(Loc src, unsigned to, std::int64_t arrive, Stream s);
    // MEM WRITE of stream `s`, written at position `from` in cycle `written`, into `dst`.
    bool write_from(Loc dst, unsigned from, std::int64_t written, Stream s);
    void commit();

  private:
    struct Issue {
        std::string queue;
        std::int64_t cycle;
        Insn insn;
    };
    Builder& b_;
    std::vector<Issue> issues_;
    std::vector<std::tuple<std::uint32_t, std::int64_t, unsigned>> banks_;
    std::vector<std::tuple<unsigned, std::int64_t>> keys_;  // (stream id, key)
    std::vector<std::pair<Loc, std::int64_t>> ready_;
};

class Builder {
  public:
    explicit Builder(const Geometry& g);
    const Geometry& geometry() const { return g_; }
    const Layout& layout() const { return layout_; }
    unsigned vl() const { return g_.vector_bytes(); }

    // SRAM: allocates `vectors` consecutive vectors in `slice`.
    std::uint32_t alloc(std::uint32_t slice, std::uint32_t vectors);
    void add_data(std::uint32_t slice, std::uint32_t first, std::vector<std::uint8_t> bytes);
    void add_symbol(const std::string& name, std::uint32_t slice, std::uint32_t address,
                    std::uint32_t vectors);
    // First cycle a READ of `l` may issue (initial data: 0).
    std::int64_t ready(Loc l) const;

    // Places a stand-alone instruction (MXM control, CONFIG) at the first free cycle >= `from`.
    std::int64_t place(const std::string& queue, std::int64_t from, const Insn& insn);
    // Calls attempt(tx, t) for t = from, from+1, … until it succeeds; commits and returns t.
    template <class F>
    std::int64_t search(std::int64_t from, F&& attempt) {
        for (std::int64_t t = from; t < from + kSearchLimit; ++t) {
            Tx tx(*this);
            if (attempt(tx, t)) {
                tx.commit();
                return t;
            }
        }
        search_failed(from);
    }

    Program finish();

  private:
    friend class Tx;
    static constexpr std::int64_t kSearchLimit = 1 << 20;
    [[noreturn]] void search_failed(std::int64_t from) const;
    bool queue_busy(const std::string& queue, std::int64_t cycle) const;
    bool bank_busy(std::uint32_t slice, std::int64_t cycle, unsigned bank) const;
    bool key_busy(unsigned stream_id, std::int64_t key) const;
    std::int64_t key_index(std::int64_t key) const { return key + layout_.positions(); }

    Geometry g_;
    Layout layout_;
    std::map<std::string, std::map<std::int64_t, Insn>> queues_;
    std::vector<std::vector<std::uint8_t>> banks_;  // [slice][cycle] bit mask
    std::vector<std::vector<bool>> keys_;           // [stream id][key index]
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::int64_t> ready_;
    std::vector<std::uint32_t> next_free_;  // allocation cursor per slice
    Program program_;
};

// Stream id used by the tables: 0 … 31 east, 32 … 63 west.
inline unsigned stream_id(Stream s) {
    return s.index + (s.west ? kStreamsPerDirection : 0);
}

}  // namespace nodevp::lpu::sched
