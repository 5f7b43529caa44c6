#include "models/fabric/home_agent.hpp"

#include <algorithm>
#include <stdexcept>

namespace nodevp::fabric {

namespace {

std::uint64_t bit(int node) {
    if (node < 0 || node >= 64) throw std::logic_error("fabric home: node id out of range");
    return std::uint64_t{1} << node;
}

std::uint64_t apply_atomic(const Message& req, std::uint64_t old) {
    switch (req.atomic) {
        case AtomicOp::Add:
            return old + req.value;
        case AtomicOp::Swap:
            return req.value;
        case AtomicOp::CompareSwap:
            return old == req.compare ? req.value : old;
    }
    return old;
}

void remove_holder(DirEntry& d, int node) {
    if (d.state == DirState::U && d.owner == node) {
        d = DirEntry{};
    } else if (d.state == DirState::S) {
        d.sharers &= ~bit(node);
        if (d.sharers == 0) d = DirEntry{};
    }
}

void make_sharer(DirEntry& d, int node) {
    if (d.state == DirState::U) d.sharers = bit(d.owner);
    d.state = DirState::S;
    d.owner = -1;
    d.sharers |= bit(node);
}

}  // namespace

Line MapLineStore::read(std::uint64_t line) {
    auto it = lines_.find(line);
    return it == lines_.end() ? Line{} : it->second;
}

void MapLineStore::write(std::uint64_t line, const Line& data, std::uint64_t byte_enable) {
    merge(lines_[line], data, byte_enable);
}

const char* to_string(DirState s) {
    switch (s) {
        case DirState::I:
            return "I";
        case DirState::S:
            return "S";
        case DirState::U:
            return "U";
    }
    return "?";
}

std::uint64_t DirEntry::holders() const {
    if (state == DirState::U) return bit(owner);
    return state == DirState::S ? sharers : 0;
}

HomeAgent::HomeAgent(Network& net, std::string name, CoherenceObserver* observer,
                     FaultSwitch* faults, LineStore* store)
    : net_(net),
      id_(net.attach(this, std::move(name))),
      observer_(observer),
      faults_(faults),
      store_(store ? store : &own_store_) {}

HomeAgent::HomeLine& HomeAgent::line_for(std::uint64_t addr) {
    auto [it, inserted] = lines_.try_emplace(line_of(addr));
    if (inserted) it->second.addr = line_of(addr);
    return it->second;
}

DirEntry HomeAgent::entry(std::uint64_t line) const {
    auto it = lines_.find(line_of(line));
    return it == lines_.end() ? DirEntry{} : it->second.dir;
}

std::vector<std::uint64_t> HomeAgent::held_lines(std::uint64_t first, std::uint64_t last) const {
    std::vector<std::uint64_t> held;
    for (const auto& [addr, l] : lines_)
        if (addr >= first && addr <= last && l.dir.state != DirState::I) held.push_back(addr);
    std::sort(held.begin(), held.end());  // the map's order is not deterministic
    return held;
}

Line HomeAgent::data(std::uint64_t line) const {
    return store_->read(line_of(line));
}

bool HomeAgent::busy(std::uint64_t line) const {
    auto it = lines_.find(line_of(line));
    return it != lines_.end() && it->second.busy;
}

void HomeAgent::receive(const Message& m) {
    HomeLine& l = line_for(m.addr);
    switch (channel_of(m.type)) {
        case Channel::Req:
            if (l.busy) {
                ++stats_.queued_requests;
                l.waiting.push_back(m);
            } else {
                start(l, m);
                run_waiting(l);
            }
            return;
        case Channel::Rsp:
            if (m.type == MsgType::SnpResp) {
                on_snoop_response(m);
            } else {  // CompAck closes the transaction
                l.busy = false;
                run_waiting(l);
            }
            return;
        default:
            throw std::logic_error("fabric home: received a home-to-agent message");
    }
}

void HomeAgent::run_waiting(HomeLine& l) {
    while (!l.busy && !l.waiting.empty()) {
        Message next = l.waiting.front();
        l.waiting.pop_front();
        start(l, next);
    }
}

void HomeAgent::start(HomeLine& l, const Message& req) {
    l.busy = true;
    ++stats_.transactions;
    l.txn = Transaction{req, 0, (l.dir.holders() & bit(req.src)) != 0};
    std::uint64_t others = l.dir.holders() & ~bit(req.src);
    bool owned_elsewhere = l.dir.state == DirState::U && l.dir.owner != req.src;
    switch (req.type) {
        case MsgType::ReadShared:
            if (owned_elsewhere) snoop(l, MsgType::SnpShared, others);
            break;
        case MsgType::ReadOnce:
            if (owned_elsewhere) snoop(l, MsgType::SnpOnce, others);
            break;
        case MsgType::ReadUnique:
        case MsgType::CleanUnique:
            snoop(l, MsgType::SnpUnique, others);
            break;
        case MsgType::WriteUnique:
        case MsgType::Atomic:
            snoop(l, MsgType::SnpUnique, l.dir.holders());
            break;
        default:
            break;  // WriteBack, Evict: no snoops
    }
    if (l.txn.pending_snoops == 0) finish(l);
}

void HomeAgent::snoop(HomeLine& l, MsgType type, std::uint64_t targets) {
    for (int node = 0; targets != 0; ++node, targets >>= 1) {
        if (!(targets & 1)) continue;
        Message s;
        s.type = type;
        s.src = id_;
        s.dst = node;
        s.addr = line_of(l.txn.req.addr);
        if (type == MsgType::SnpOnce) {
            s.addr = l.txn.req.addr;
            s.requester = l.txn.req.src;
            s.byte_enable = l.txn.req.byte_enable;
        }
        net_.send(s);
        ++l.txn.pending_snoops;
        ++stats_.snoops;
    }
}

void HomeAgent::on_snoop_response(const Message& m) {
    HomeLine& l = line_for(m.addr);
    if (!l.busy || l.txn.pending_snoops == 0)
        throw std::logic_error("fabric home: unexpected snoop response");
    if (m.has_data) write(l, m.data);
    if (l.txn.req.type == MsgType::ReadOnce && m.state != LineState::I)
        l.txn.read_performed_by_owner = true;
    if (m.state == LineState::I) {
        remove_holder(l.dir, m.src);
    } else if (m.state == LineState::S) {
        make_sharer(l.dir, m.src);
    }
    if (--l.txn.pending_snoops == 0) {
        finish(l);
        run_waiting(l);
    }
}

void HomeAgent::finish(HomeLine& l) {
    const Message& req = l.txn.req;
    switch (req.type) {
        case MsgType::ReadShared:
            if (l.dir.holders() == 0) {
                l.dir = DirEntry{DirState::U, req.src, 0};
                grant(l, LineState::E, true);
            } else {
                make_sharer(l.dir, req.src);
                grant(l, LineState::S, true);
            }
            return;
        case MsgType::ReadUnique:
        case MsgType::CleanUnique:
            if (req.type == MsgType::CleanUnique && !l.txn.requester_had_copy)
                ++stats_.upgrades_with_data;
            l.dir = DirEntry{DirState::U, req.src, 0};
            // CleanUnique carries no data unless the requester lost its copy before this
            // transaction began (it was invalidated while its request was in flight).
            grant(l, LineState::E, req.type == MsgType::ReadUnique || !l.txn.requester_had_copy);
            return;
        case MsgType::ReadOnce:
        case MsgType::WriteUnique:
        case MsgType::Atomic:
            finish_word_access(l);
            return;
        case MsgType::WriteBack:
        case MsgType::Evict:
            finish_copy_back(l);
            return;
        default:
            throw std::logic_error("fabric home: not a request");
    }
}

void HomeAgent::grant(HomeLine& l, LineState state, bool with_data) {
    Message c;
    c.type = with_data ? MsgType::CompData : MsgType::Comp;
    c.src = id_;
    c.dst = l.txn.req.src;
    c.addr = l.txn.req.addr;
    c.state = state;
    c.has_data = with_data;
    if (with_data) c.data = read(l);
    net_.send(c);  // the line stays busy until the CompAck
}

// ReadOnce, WriteUnique and far atomics, performed here after their snoops.
void HomeAgent::finish_word_access(HomeLine& l) {
    const Message req = l.txn.req;
    Line data = read(l);
    const unsigned w = word_of(req.addr);
    const std::uint64_t old = data[w];
    Message c;
    c.src = id_;
    c.dst = req.src;
    c.addr = req.addr;
    c.type = MsgType::CompData;
    c.value = old;
    if (req.type == MsgType::ReadOnce) {
        c.has_data = true;
        c.data = data;
        if (observer_ && !l.txn.read_performed_by_owner) {
            if (req.byte_enable == 0) {
                observer_->performed_read(req.src, req.addr, old);
            } else {
                for (unsigned i = 0; i < kWordsPerLine; ++i)
                    if (word_mask(req.byte_enable, i))
                        observer_->performed_read(req.src, l.addr + 8 * i, data[i]);
            }
        }
    } else if (req.type == MsgType::WriteUnique) {
        if (req.byte_enable) write(l, req.data, req.byte_enable);  // 0: a recall only
        l.dir = DirEntry{};
        c.type = MsgType::Comp;
        if (observer_)
            for (unsigned i = 0; i < kWordsPerLine; ++i)
                if (const std::uint64_t mask = word_mask(req.byte_enable, i))
                    observer_->performed_write(req.src, l.addr + 8 * i, req.data[i], mask);
    } else {
        data[w] = apply_atomic(req, old);
        write(l, data, std::uint64_t{0xff} << (8 * w));
        l.dir = DirEntry{};
        if (observer_) observer_->performed_read(req.src, req.addr, old);
        if (observer_ && data[w] != old)
            observer_->performed_write(req.src, req.addr, data[w], ~std::uint64_t{0});
    }
    net_.send(c);
    l.busy = false;
}

void HomeAgent::finish_copy_back(HomeLine& l) {
    const Message& req = l.txn.req;
    bool owner = l.dir.state == DirState::U && l.dir.owner == req.src;
    // A WriteBack from an agent that is no longer the owner lost a race with a snoop, whose
    // response already carried the data: it is acknowledged and its data dropped.
    if (!(l.dir.holders() & bit(req.src))) ++stats_.stale_copy_backs;
    if (req.type == MsgType::WriteBack && owner) {
        bool lose = faults_ && faults_->fire(Fault::LoseWriteBack, l.addr);
        if (!lose) write(l, req.data);
    }
    remove_holder(l.dir, req.src);
    Message c;
    c.type = MsgType::Comp;
    c.src = id_;
    c.dst = req.src;
    c.addr = req.addr;
    net_.send(c);
    l.busy = false;
}

}  // namespace nodevp::fabric
