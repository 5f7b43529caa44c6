// What the random tester (and later the TLM ports) see of an agent: one demand operation at a
// time, completed through `on_complete`, and a view of the agent's copy of a line.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "models/fabric/message.hpp"
#include "models/fabric/network.hpp"

namespace nodevp::fabric {

// Load, Store and Atomic act on the aligned 64-bit word at `addr`; a Store writes the bits of
// `mask` only (whole bytes). ReadLine and WriteLine (I/O agents only) act on the bytes of the
// line at `addr` that `byte_enable` selects; WriteLine writes them from `data`, ReadLine leaves
// the line in Agent::line_result().
struct Op {
    enum class Kind : std::uint8_t { Load, Store, Atomic, Evict, ReadLine, WriteLine };
    Kind kind = Kind::Load;
    std::uint64_t addr = 0;
    std::uint64_t value = 0;
    std::uint64_t compare = 0;
    AtomicOp atomic = AtomicOp::Add;
    std::uint64_t mask = ~std::uint64_t{0};  // Store
    std::uint64_t byte_enable = kAllBytes;   // ReadLine, WriteLine
    Line data{};                             // WriteLine
};
const char* to_string(Op::Kind k);

// The node id of the home agent of a line.
using HomeMap = std::function<int(std::uint64_t line)>;

class Agent : public Node {
  public:
    // Completion of the demand operation; `value` is the value read (loads and atomics).
    using Completion = std::function<void(int agent, const Op& op, std::uint64_t value)>;

    int id() const { return id_; }
    const std::string& name() const { return name_; }
    bool busy() const { return busy_; }
    // False while the operation cannot start (busy, or its line still being written back).
    virtual bool can_issue(const Op& op) const = 0;
    // Starts `op`; throws std::logic_error unless can_issue(op). May complete at once.
    virtual void issue(const Op& op) = 0;
    virtual LineState state_of(std::uint64_t line) const = 0;
    // The agent's copy of `line`, or nullptr when it holds none.
    virtual const Line* data_of(std::uint64_t line) const = 0;
    // True while a WriteBack/Evict of `line` is in flight.
    virtual bool copy_back_pending(std::uint64_t line) const = 0;
    // The line the last ReadLine returned.
    const Line& line_result() const { return line_result_; }

    Completion on_complete;

  protected:
    Agent(Network& net, std::string name) : net_(net), name_(name) { id_ = net.attach(this, name); }
    void send(MsgType type, int dst, std::uint64_t addr);
    void complete(std::uint64_t value);
    Message request(MsgType type, int dst, std::uint64_t addr) const;

    Network& net_;
    Op op_;  // the demand operation in flight when busy_
    bool busy_ = false;
    Line line_result_{};

  private:
    int id_;
    std::string name_;
};

}  // namespace nodevp::fabric
