// Chip API, program loading and the cycle loop (docs/lpu/architecture.md).
#include "models/lpu/chip/chip.hpp"

#include <stdexcept>

#include "models/lpu/chip/chip_impl.hpp"
#include "models/lpu/units/units.hpp"

namespace nodevp::lpu {

Chip::Impl::Impl(ChipConfig c) : cfg(std::move(c)), geo(cfg.geometry), vl(geo.vector_bytes()) {
    geo.validate();
    layout = chip::Layout::build(geo);
    queues.resize(layout.queues.size());
    for (std::size_t i = 0; i < queues.size(); ++i) {
        queues[i].slot = layout.queues[i];
        if (queues[i].slot.kind == Unit::c2c) c2c_queue = static_cast<int>(i);
    }
    streams.configure(layout.positions, vl);
    sram.configure(geo.mem_slices, geo.mem_words, vl);
    banks.resize(std::size_t{2} * geo.mem_slices);
    for (unsigned p = 0; p < geo.mxm_planes; ++p)
        mxm.push_back(cfg.make_mxm ? cfg.make_mxm(p, geo) : make_cpp_mxm(geo));
    mxm_type.assign(geo.mxm_planes, kMxmTypeI8);
    vxm = cfg.make_vxm ? cfg.make_vxm(geo) : make_cpp_vxm(geo);
    links.resize(cfg.c2c_links);
    for (unsigned op = 0; op < 256; ++op) {
        const InsnInfo* row = info_by_opcode(static_cast<std::uint8_t>(op));
        if (row && (row->latency >= kBuckets || row->read >= kBuckets || row->read > row->latency))
            throw std::logic_error("lpu: ISA table timing of " + std::string(row->mnemonic) +
                                   " exceeds the chip's event horizon");
    }
    for (auto& b : calendar) {
        b.reads.reserve(16);
        b.writes.reserve(64);
    }
}

void Chip::Impl::reset_program() {
    for (auto& b : calendar) {
        b.reads.clear();
        b.writes.clear();
    }
    pending = 0;
    ready = decltype(ready)();
    streams.reset();
    for (auto& b : banks) b = Bank{};
    for (auto& q : queues) {
        q.code.clear();
        q.pc = 0;
        q.wait = Queue::Wait::done;
        q.rep_left = 0;
    }
    for (unsigned p = 0; p < mxm.size(); ++p) {
        mxm[p]->reset();
        mxm[p]->set_type(kMxmTypeI8);
        mxm_type[p] = kMxmTypeI8;
    }
    vxm->reset();
    for (auto& l : links) l.rx.clear();
    state = State::idle;
    now = elapsed = last_activity = 0;
    any_activity = notify_now = false;
    sync_waiters = unfinished = 0;
    error.reset();
}

void Chip::Impl::load(const Program& program) {
    if (program.geometry != geo)
        throw ImageError("lpu: program scheduled for " + program.geometry.to_string() +
                         ", chip is " + geo.to_string());
    std::vector<const QueueProgram*> by_queue(queues.size(), nullptr);
    for (const auto& qp : program.queues) {
        const int qi = layout.find(qp.name);
        if (qi < 0) throw ImageError("lpu: program names unknown queue '" + qp.name + "'");
        if (by_queue[qi]) throw ImageError("lpu: program lists queue '" + qp.name + "' twice");
        if (qp.words.size() > cfg.queue_depth)
            throw ImageError("lpu: queue '" + qp.name + "' holds " +
                             std::to_string(qp.words.size()) + " instructions, more than " +
                             std::to_string(cfg.queue_depth));
        by_queue[qi] = &qp;
    }
    for (const auto& seg : program.data) {
        const std::uint64_t vectors = seg.bytes.size() / vl;
        if (seg.slice >= geo.mem_slices || seg.bytes.size() % vl != 0 ||
            seg.first + vectors > geo.mem_words)
            throw ImageError("lpu: data segment (slice " + std::to_string(seg.slice) + ", vector " +
                             std::to_string(seg.first) + ", " + std::to_string(seg.bytes.size()) +
                             " bytes) does not fit the chip");
    }
    reset_program();
    for (const auto& seg : program.data)
        for (std::uint64_t v = 0; v < seg.bytes.size() / vl; ++v)
            sram.write_vector(seg.slice, static_cast<std::uint32_t>(seg.first + v),
                              seg.bytes.data() + v * vl);
    for (std::uint32_t qi = 0; qi < queues.size(); ++qi) {
        if (!by_queue[qi] || by_queue[qi]->words.empty()) continue;
        auto& q = queues[qi];
        q.code.reserve(by_queue[qi]->words.size());
        for (std::uint64_t w : by_queue[qi]->words) q.code.push_back(decode(w));
        q.wait = Queue::Wait::none;
        ++unfinished;
        ready.push({0, qi});
    }
    state = State::running;
    ++stats.programs;
    stats.cycles = 0;
}

std::uint64_t Chip::Impl::next_cycle() const {
    std::uint64_t best = ready.empty() ? ~std::uint64_t{0} : ready.top().first;
    if (pending > 0) {
        for (std::uint64_t c = now; c < now + kBuckets && c < best; ++c) {
            const Bucket& b = calendar[c % kBuckets];
            if (!b.reads.empty() || !b.writes.empty()) {
                best = c;
                break;
            }
        }
    }
    return best;
}

void Chip::Impl::step(std::uint64_t t) {
    now = t;
    Bucket& b = calendar[t % kBuckets];
    for (std::size_t i = 0; i < b.reads.size(); ++i) {
        activity(t);
        exec(b.reads[i].ctx, b.reads[i].insn);
    }
    while (!ready.empty() && ready.top().first == t) {
        const std::uint32_t qi = ready.top().second;
        ready.pop();
        issue(qi, t);
    }
    for (std::size_t i = 0; i < b.writes.size(); ++i) {
        activity(t);
        apply(b.writes[i]);
    }
    pending -= b.reads.size() + b.writes.size();
    b.reads.clear();
    b.writes.clear();
    if (notify_now) release_syncs(t);
    check_deadlock();
}

void Chip::Impl::finish() {
    state = State::done;
    elapsed = any_activity ? last_activity + 1 : 0;
    stats.cycles = elapsed;
}

Chip::State Chip::Impl::run(std::uint64_t max_cycles) {
    if (state != State::running) return state;
    const std::uint64_t end =
        max_cycles > ~std::uint64_t{0} - elapsed ? ~std::uint64_t{0} : elapsed + max_cycles;
    while (state == State::running) {
        if (unfinished == 0 && pending == 0) {
            finish();
            break;
        }
        const std::uint64_t t = next_cycle();
        if (t >= end) {  // idle until the window ends (e.g. DESKEW waiting for a peer)
            elapsed = end;
            now = end;
            break;
        }
        step(t);
        elapsed = t + 1;
        now = t + 1;
        if (error) {
            state = State::error;
            stats.cycles = elapsed;
        }
    }
    stats.ecc_corrected = sram.corrected;
    stats.ecc_detected = sram.detected;
    return state;
}

// ---- Chip ----

Chip::Chip(ChipConfig config) : impl_(std::make_unique<Impl>(std::move(config))) {}
Chip::~Chip() = default;
const Geometry& Chip::geometry() const {
    return impl_->geo;
}
void Chip::load(const Program& program) {
    impl_->load(program);
}
Chip::State Chip::run(std::uint64_t max_cycles) {
    return impl_->run(max_cycles);
}
Chip::State Chip::state() const {
    return impl_->state;
}
std::uint64_t Chip::cycle() const {
    return impl_->elapsed;
}
const std::optional<ErrorReport>& Chip::error() const {
    return impl_->error;
}
const ChipStats& Chip::stats() const {
    return impl_->stats;
}
void Chip::reset() {
    impl_->reset_program();
}
std::uint64_t Chip::sram_bytes() const {
    return impl_->sram.bytes();
}

void Chip::write_sram(std::uint64_t offset, const std::uint8_t* data, std::uint64_t length) {
    if (offset > impl_->sram.bytes() || length > impl_->sram.bytes() - offset)
        throw std::out_of_range("lpu: SRAM write outside " + std::to_string(impl_->sram.bytes()) +
                                " bytes");
    impl_->sram.write(offset, data, length);
}

bool Chip::read_sram(std::uint64_t offset, std::uint8_t* data, std::uint64_t length) {
    if (offset > impl_->sram.bytes() || length > impl_->sram.bytes() - offset)
        throw std::out_of_range("lpu: SRAM read outside " + std::to_string(impl_->sram.bytes()) +
                                " bytes");
    const bool ok = impl_->sram.read(offset, data, length);
    impl_->stats.ecc_corrected = impl_->sram.corrected;
    impl_->stats.ecc_detected = impl_->sram.detected;
    return ok;
}

void Chip::inject_bit_flip(std::uint64_t word, unsigned bit) {
    impl_->sram.inject_bit_flip(word, bit);
}

bool Chip::clocked() const {
    for (const auto& m : impl_->mxm)
        if (m->clocked()) return true;
    return impl_->vxm->clocked();
}

void Chip::tick_units() {
    for (auto& m : impl_->mxm)
        if (m->clocked()) m->tick();
    if (impl_->vxm->clocked()) impl_->vxm->tick();
}

void Chip::connect(unsigned link, Chip& peer, unsigned peer_link) {
    if (link >= impl_->links.size() || peer_link >= peer.impl_->links.size())
        throw std::invalid_argument("lpu: C2C link number out of range");
    if (peer.impl_->vl != impl_->vl)
        throw std::invalid_argument("lpu: C2C peers must have the same vector length");
    impl_->links[link].peer = peer.impl_.get();
    impl_->links[link].peer_link = peer_link;
}

}  // namespace nodevp::lpu
