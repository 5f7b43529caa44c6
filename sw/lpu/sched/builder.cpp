#include "sw/lpu/sched/builder.hpp"

#include <algorithm>
#include <stdexcept>

namespace nodevp::lpu::sched {

namespace {

unsigned latency(Opcode op) {
    return info(op)->latency;
}

std::int64_t stream_key(bool west, unsigned pos, std::int64_t cycle) {
    return west ? cycle + pos : cycle - static_cast<std::int64_t>(pos);
}

template <class V>
void grow(V& v, std::size_t n) {
    if (v.size() < n) v.resize(std::max(n, 2 * v.size()));
}

}  // namespace

bool Tx::issue(const std::string& queue, std::int64_t cycle, const Insn& insn) {
    if (cycle < 0 || b_.queue_busy(queue, cycle)) return false;
    for (const auto& i : issues_)
        if (i.queue == queue && i.cycle == cycle) return false;
    issues_.push_back({queue, cycle, insn});
    return true;
}

bool Tx::bank(std::uint32_t slice, std::int64_t cycle, unsigned bank) {
    if (cycle < 0 || b_.bank_busy(slice, cycle, bank)) return false;
    for (const auto& [s, c, k] : banks_)
        if (s == slice && c == cycle && k == bank) return false;
    banks_.emplace_back(slice, cycle, bank);
    return true;
}

std::optional<Stream> Tx::streams(bool west, unsigned width, unsigned align, unsigned pos,
                                  std::int64_t cycle) {
    const std::int64_t key = stream_key(west, pos, cycle);
    for (unsigned base = 0; base + width <= kStreamsPerDirection; base += align) {
        bool free = true;
        for (unsigned k = 0; k < width && free; ++k) {
            const unsigned id = stream_id({static_cast<std::uint8_t>(base + k), west});
            free = !b_.key_busy(id, key) &&
                   std::find(keys_.begin(), keys_.end(), std::make_tuple(id, key)) == keys_.end();
        }
        if (!free) continue;
        for (unsigned k = 0; k < width; ++k)
            keys_.emplace_back(stream_id({static_cast<std::uint8_t>(base + k), west}), key);
        return Stream{static_cast<std::uint8_t>(base), west};
    }
    return std::nullopt;
}

bool Tx::read_to(Loc src, unsigned to, std::int64_t arrive, Stream s) {
    const unsigned p = b_.layout_.mem(src.slice);
    if (p == to || s.west != (p > to)) return false;
    const std::int64_t written = arrive - (p > to ? p - to : to - p);
    const std::int64_t at = written - latency(Opcode::read);
    if (at < b_.ready(src)) return false;
    Insn insn;
    insn.op = Opcode::read;
    insn.imm = src.address;
    insn.d = s;
    return issue(Layout::mem_queue(b_.g_, src.slice), at, insn) &&
           bank(src.slice, at, src.address % 2);
}

bool Tx::write_from(Loc dst, unsigned from, std::int64_t written, Stream s) {
    const unsigned q = b_.layout_.mem(dst.slice);
    if (q == from || s.west != (q < from)) return false;
    const std::int64_t at = written + (q > from ? q - from : from - q);
    const std::int64_t stored = at + latency(Opcode::write);
    Insn insn;
    insn.op = Opcode::write;
    insn.imm = dst.address;
    insn.a = s;
    if (!issue(Layout::mem_queue(b_.g_, dst.slice), at, insn) ||
        !bank(dst.slice, stored, dst.address % 2))
        return false;
    ready_.emplace_back(dst, stored + 1);
    return true;
}

void Tx::commit() {
    for (auto& i : issues_) b_.queues_[i.queue][i.cycle] = i.insn;
    for (const auto& [slice, cycle, bank] : banks_) {
        auto& v = b_.banks_[slice];
        grow(v, static_cast<std::size_t>(cycle) + 1);
        v[cycle] |= static_cast<std::uint8_t>(1u << bank);
    }
    for (const auto& [id, key] : keys_) {
        auto& v = b_.keys_[id];
        grow(v, static_cast<std::size_t>(b_.key_index(key)) + 1);
        v[b_.key_index(key)] = true;
    }
    for (const auto& [loc, cycle] : ready_) b_.ready_[{loc.slice, loc.address}] = cycle;
}

Builder::Builder(const Geometry& g)
    : g_(g),
      layout_(g),
      banks_(g.mem_slices),
      keys_(2 * kStreamsPerDirection),
      next_free_(g.mem_slices, 0) {
    g_.validate();
    program_.geometry = g;
}

std::uint32_t Builder::alloc(std::uint32_t slice, std::uint32_t vectors) {
    if (slice >= g_.mem_slices) throw std::out_of_range("sched: MEM slice out of range");
    if (next_free_[slice] + vectors > g_.mem_words)
        throw std::length_error("sched: MEM slice " + mem_slice_name(g_, slice) + " is full");
    const std::uint32_t first = next_free_[slice];
    next_free_[slice] += vectors;
    return first;
}

void Builder::add_data(std::uint32_t slice, std::uint32_t first, std::vector<std::uint8_t> bytes) {
    program_.data.push_back({slice, first, std::move(bytes)});
}

void Builder::add_symbol(const std::string& name, std::uint32_t slice, std::uint32_t address,
                         std::uint32_t vectors) {
    program_.symbols.push_back({name, slice, address, vectors});
}

std::int64_t Builder::ready(Loc l) const {
    const auto it = ready_.find({l.slice, l.address});
    return it == ready_.end() ? 0 : it->second;
}

std::int64_t Builder::place(const std::string& queue, std::int64_t from, const Insn& insn) {
    return search(from, [&](Tx& tx, std::int64_t t) { return tx.issue(queue, t, insn); });
}

void Builder::search_failed(std::int64_t from) const {
    throw std::logic_error("sched: no placement found within " + std::to_string(kSearchLimit) +
                           " cycles of cycle " + std::to_string(from));
}

bool Builder::queue_busy(const std::string& queue, std::int64_t cycle) const {
    const auto q = queues_.find(queue);
    return q != queues_.end() && q->second.count(cycle) != 0;
}

bool Builder::bank_busy(std::uint32_t slice, std::int64_t cycle, unsigned bank) const {
    const auto& v = banks_.at(slice);
    return static_cast<std::size_t>(cycle) < v.size() && ((v[cycle] >> bank) & 1u);
}

bool Builder::key_busy(unsigned stream_id, std::int64_t key) const {
    const auto& v = keys_[stream_id];
    const auto i = static_cast<std::size_t>(key_index(key));
    return i < v.size() && v[i];
}

Program Builder::finish() {
    Program out = program_;
    for (const auto& [name, insns] : queues_) {
        QueueProgram q{name, {}};
        std::int64_t next = 0;  // first cycle the queue is free
        for (const auto& [cycle, insn] : insns) {
            if (cycle > next) {
                Insn nop;
                nop.op = Opcode::nop;
                nop.imm = cycle - next;
                q.words.push_back(nop.encode());
            }
            q.words.push_back(insn.encode());
            next = cycle + 1;
        }
        out.queues.push_back(std::move(q));
    }
    return out;
}

}  // namespace nodevp::lpu::sched
