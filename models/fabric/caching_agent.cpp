#include "models/fabric/caching_agent.hpp"

#include <stdexcept>

namespace nodevp::fabric {

CachingAgent::CachingAgent(Network& net, std::string name, HomeMap homes, std::uint64_t cache_bytes,
                           unsigned ways, CoherenceObserver* observer, FaultSwitch* faults)
    : Agent(net, std::move(name)),
      homes_(std::move(homes)),
      cache_(cache_bytes, ways),
      observer_(observer),
      faults_(faults) {}

bool CachingAgent::can_issue(const Op& op) const {
    return !busy_ && !copy_back_pending(line_of(op.addr));
}

bool CachingAgent::copy_back_pending(std::uint64_t line) const {
    return copy_backs_.count(line) != 0;
}

LineState CachingAgent::state_of(std::uint64_t line) const {
    const CacheEntry* e = cache_.find(line);
    return e ? e->state : LineState::I;
}

const Line* CachingAgent::data_of(std::uint64_t line) const {
    const CacheEntry* e = cache_.find(line);
    return e && e->state != LineState::I ? &e->data : nullptr;
}

Line* CachingAgent::debug_line(std::uint64_t line) {
    CacheEntry* e = cache_.find(line);
    return e && e->state != LineState::I ? &e->data : nullptr;
}

void CachingAgent::issue(const Op& op) {
    if (!can_issue(op)) throw std::logic_error("fabric agent: issue while not ready");
    op_ = op;
    busy_ = true;
    CacheEntry* e = cache_.find(line_of(op.addr));
    CacheEntry* hit = e && e->state != LineState::I ? e : nullptr;
    switch (op.kind) {
        case Op::Kind::Load:
            load(hit);
            return;
        case Op::Kind::Store:
            store(hit);
            return;
        case Op::Kind::Evict:
            evict(hit);
            return;
        case Op::Kind::ReadLine:
        case Op::Kind::WriteLine:
            busy_ = false;
            throw std::logic_error("fabric caching agent: line operations are for I/O agents");
        case Op::Kind::Atomic: {
            Message m = request(MsgType::Atomic, homes_(line_of(op.addr)), op.addr);
            m.atomic = op.atomic;
            m.value = op.value;
            m.compare = op.compare;
            net_.send(m);
            return;
        }
    }
}

void CachingAgent::load(const CacheEntry* hit) {
    if (hit) {
        cache_.touch(const_cast<CacheEntry&>(*hit));
        std::uint64_t v = hit->data[word_of(op_.addr)];
        if (observer_) observer_->performed_read(id(), op_.addr, v);
        complete(v);
        return;
    }
    std::uint64_t line = line_of(op_.addr);
    allocate(line);
    send(MsgType::ReadShared, homes_(line), line);
}

void CachingAgent::store(CacheEntry* hit) {
    std::uint64_t line = line_of(op_.addr);
    if (hit && (hit->state == LineState::E || hit->state == LineState::M)) {
        perform_store(*hit);
        return;
    }
    if (hit) {  // S: upgrade in place
        hit->reserved = true;
        send(MsgType::CleanUnique, homes_(line), line);
        return;
    }
    allocate(line);
    send(MsgType::ReadUnique, homes_(line), line);
}

void CachingAgent::evict(CacheEntry* hit) {
    if (hit) start_copy_back(*hit);
    complete(0);
}

void CachingAgent::perform_store(CacheEntry& e) {
    std::uint64_t& word = e.data[word_of(op_.addr)];
    word = (word & ~op_.mask) | (op_.value & op_.mask);
    e.state = LineState::M;
    e.reserved = false;
    cache_.touch(e);
    if (observer_) observer_->performed_write(id(), op_.addr, op_.value, op_.mask);
    complete(0);
}

CacheEntry& CachingAgent::allocate(std::uint64_t line) {
    CacheEntry* e = cache_.free_way(line);
    if (!e) {
        e = cache_.victim(line);
        if (!e) throw std::logic_error("fabric agent: no victim in a full set");
        start_copy_back(*e);
    }
    e->line = line;
    e->state = LineState::I;
    e->reserved = true;
    return *e;
}

void CachingAgent::start_copy_back(CacheEntry& e) {
    bool dirty = e.state == LineState::M;
    copy_backs_[e.line] = CopyBack{e.data, dirty};
    Message m = request(dirty ? MsgType::WriteBack : MsgType::Evict, homes_(e.line), e.line);
    m.has_data = dirty;
    m.data = e.data;
    net_.send(m);
    e.state = LineState::I;
    e.reserved = false;
}

void CachingAgent::receive(const Message& m) {
    if (channel_of(m.type) == Channel::Snp) {
        on_snoop(m);
    } else if (channel_of(m.type) == Channel::Dat) {
        on_completion(m);
    } else {
        throw std::logic_error("fabric agent: received an agent-to-home message");
    }
}

void CachingAgent::on_snoop(const Message& m) {
    std::uint64_t line = line_of(m.addr);
    Message r = request(MsgType::SnpResp, m.src, line);
    CacheEntry* e = cache_.find(line);
    auto cb = copy_backs_.find(line);
    if (e && e->state != LineState::I) {
        bool dirty = e->state == LineState::M;
        // The SkipSnoopData fault: a dirty owner that gives its copy up answers without the data.
        r.has_data = dirty && (m.type == MsgType::SnpOnce || !fires(Fault::SkipSnoopData, line));
        r.data = e->data;
        if (m.type == MsgType::SnpShared) {
            e->state = LineState::S;
        } else if (m.type == MsgType::SnpUnique) {
            // The DropInvalidation fault answers "invalidated" but keeps the shared copy.
            bool keep = e->state == LineState::S && fires(Fault::DropInvalidation, line);
            if (!keep) e->state = LineState::I;
        } else if (dirty && r.has_data) {
            // SnpOnce: the dirty data goes to the home, which writes it to memory (CHI's
            // pass-dirty), so the copy stays unique but is clean from now on.
            e->state = LineState::E;
        }
        r.state = m.type == MsgType::SnpUnique ? LineState::I : e->state;
        if (m.type == MsgType::SnpOnce) serve_read_once(m, e->data);
    } else if (cb != copy_backs_.end()) {
        r = snoop_copy_back(m, cb->second);
        ++snoops_on_copy_back_;
        if (m.type == MsgType::SnpOnce) serve_read_once(m, cb->second.data);
    }
    net_.send(r);
}

Message CachingAgent::snoop_copy_back(const Message& m, CopyBack& cb) {
    Message r = request(MsgType::SnpResp, m.src, line_of(m.addr));
    r.has_data = cb.dirty;
    r.data = cb.data;
    if (m.type == MsgType::SnpOnce) {
        r.state = cb.dirty ? LineState::M : LineState::E;  // still the owner
    } else {
        cb.dirty = false;  // the data went with this response; the home drops the copy-back
        r.state = LineState::I;
    }
    return r;
}

void CachingAgent::serve_read_once(const Message& snoop, const Line& copy) {
    if (!observer_) return;
    if (snoop.byte_enable == 0) {
        observer_->performed_read(snoop.requester, snoop.addr, copy[word_of(snoop.addr)]);
        return;
    }
    for (unsigned w = 0; w < kWordsPerLine; ++w)
        if (word_mask(snoop.byte_enable, w))
            observer_->performed_read(snoop.requester, line_of(snoop.addr) + 8 * w, copy[w]);
}

void CachingAgent::on_completion(const Message& m) {
    std::uint64_t line = line_of(m.addr);
    if (copy_backs_.erase(line)) return;  // a WriteBack/Evict is done
    if (!busy_) throw std::logic_error("fabric agent: completion without a request");
    if (op_.kind == Op::Kind::Atomic) {
        complete(m.value);
        return;
    }
    CacheEntry* e = cache_.find(line);
    if (!e) throw std::logic_error("fabric agent: fill without a reserved way");
    if (m.has_data) e->data = m.data;
    if (!m.has_data && e->state == LineState::I)
        throw std::logic_error("fabric agent: dataless grant for a line it does not hold");
    e->state = m.state;
    send(MsgType::CompAck, m.src, line);
    if (op_.kind == Op::Kind::Store) {
        perform_store(*e);
        return;
    }
    e->reserved = false;
    cache_.touch(*e);
    std::uint64_t v = e->data[word_of(op_.addr)];
    if (observer_) observer_->performed_read(id(), op_.addr, v);
    complete(v);
}

}  // namespace nodevp::fabric
