#include "models/fabric/network.hpp"

#include <stdexcept>

namespace nodevp::fabric {

int Network::attach(Node* node, std::string name) {
    nodes_.push_back(node);
    names_.push_back(std::move(name));
    return static_cast<int>(nodes_.size()) - 1;
}

void Network::send(const Message& m) {
    if (m.src < 0 || m.dst < 0 || m.src >= int(nodes_.size()) || m.dst >= int(nodes_.size()))
        throw std::logic_error("fabric network: message between unknown nodes");
    std::uint64_t key = (std::uint64_t(m.src) << 32) | (std::uint64_t(m.dst) << 4) |
                        static_cast<unsigned>(channel_of(m.type));
    auto [it, inserted] = fifo_index_.try_emplace(key, int(fifos_.size()));
    if (inserted) {
        fifos_.emplace_back();
        active_slot_.push_back(-1);
    }
    int index = it->second;
    fifo(index).push_back(m);
    Message& sent = fifo(index).back();
    sent.time_ps = timing_ ? timing_(sent, now_ps_) : now_ps_;
    if (active_slot_[index] < 0) {
        active_slot_[index] = int(active_.size());
        active_.push_back(index);
    }
}

bool Network::step() {
    if (active_.empty()) return false;
    int slot = next_slot();
    int index = active_[slot];
    Message m = fifo(index).front();
    fifo(index).pop_front();
    if (fifo(index).empty()) {
        int last = active_.back();
        active_[slot] = last;
        active_slot_[last] = slot;
        active_.pop_back();
        active_slot_[index] = -1;
    }
    ++delivered_;
    last_addr_ = m.addr;
    if (timing_) now_ps_ = m.time_ps;
    if (on_deliver) on_deliver(m);
    nodes_[m.dst]->receive(m);
    return true;
}

int Network::next_slot() {
    if (!timing_) return int(next_random() % active_.size());
    int best = 0;
    for (int s = 1; s < int(active_.size()); ++s) {
        const Message& a = fifos_[active_[s]].front();
        const Message& b = fifos_[active_[best]].front();
        if (a.time_ps < b.time_ps || (a.time_ps == b.time_ps && active_[s] < active_[best]))
            best = s;
    }
    return best;
}

std::uint64_t Network::next_random() {  // xorshift64*
    rng_ ^= rng_ >> 12;
    rng_ ^= rng_ << 25;
    rng_ ^= rng_ >> 27;
    return rng_ * 0x2545f4914f6cdd1dull;
}

}  // namespace nodevp::fabric
