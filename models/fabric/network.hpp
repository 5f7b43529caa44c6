// The message network of the protocol core: one FIFO per (source, destination, channel), so
// messages on one channel between two nodes arrive in order while different channels and
// different pairs race.
//
// Two delivery disciplines:
// - untimed (the random tester): which FIFO delivers next is chosen by a seeded generator, so a
//   run is reproducible from its seed and explores many interleavings;
// - timed (the platform, set_timing()): every message is stamped when sent with its arrival time
//   (the caller's timing function: links, hops), and the FIFO head that arrives first is
//   delivered next (ties: the FIFO created first). now_ps() is the time of the message being
//   delivered, or what the caller set before issuing an operation; a node may advance() it while
//   handling a message (a memory access), delaying what it sends next.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "models/fabric/message.hpp"

namespace nodevp::fabric {

class Node {
  public:
    virtual ~Node() = default;
    virtual void receive(const Message& m) = 0;
};

class Network {
  public:
    explicit Network(std::uint64_t seed) : rng_(seed ? seed : 0x9e3779b97f4a7c15ull) {}

    // Registers a node; returns its id (ids are dense, in registration order).
    int attach(Node* node, std::string name);
    const std::vector<std::string>& names() const { return names_; }

    // Arrival time of `m` sent at `send_ps`.
    using Timing = std::function<std::uint64_t(const Message& m, std::uint64_t send_ps)>;
    void set_timing(Timing timing) { timing_ = std::move(timing); }
    bool timed() const { return static_cast<bool>(timing_); }
    std::uint64_t now_ps() const { return now_ps_; }
    void set_now(std::uint64_t ps) { now_ps_ = ps; }
    void advance(std::uint64_t ps) { now_ps_ += ps; }

    void send(const Message& m);
    // Delivers the head of one pseudo-randomly chosen non-empty FIFO; false when none is left.
    bool step();
    bool idle() const { return active_.empty(); }
    std::uint64_t delivered() const { return delivered_; }
    // Address of the last message delivered.
    std::uint64_t last_addr() const { return last_addr_; }

    // Called with every message just before it is delivered (traces, checkers).
    std::function<void(const Message&)> on_deliver;

  private:
    std::uint64_t next_random();
    int next_slot();
    std::deque<Message>& fifo(int index) { return fifos_[index]; }

    std::vector<Node*> nodes_;
    std::vector<std::string> names_;
    std::map<std::uint64_t, int> fifo_index_;  // key: (src, dst, channel)
    std::vector<std::deque<Message>> fifos_;
    std::vector<int> active_;       // indices of non-empty FIFOs
    std::vector<int> active_slot_;  // per FIFO: its slot in active_, or -1
    std::uint64_t rng_;
    std::uint64_t delivered_ = 0;
    std::uint64_t last_addr_ = 0;
    Timing timing_;
    std::uint64_t now_ps_ = 0;
};

}  // namespace nodevp::fabric
