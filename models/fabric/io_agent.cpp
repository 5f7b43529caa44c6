#include "models/fabric/io_agent.hpp"

#include <stdexcept>

namespace nodevp::fabric {

IoAgent::IoAgent(Network& net, std::string name, HomeMap homes)
    : Agent(net, std::move(name)), homes_(std::move(homes)) {}

void IoAgent::issue(const Op& op) {
    if (busy_) throw std::logic_error("fabric I/O agent: issue while busy");
    op_ = op;
    busy_ = true;
    if (op.kind == Op::Kind::Evict) {
        complete(0);
        return;
    }
    MsgType type = op.kind == Op::Kind::Load    ? MsgType::ReadOnce
                   : op.kind == Op::Kind::Store ? MsgType::WriteUnique
                                                : MsgType::Atomic;
    Message m = request(type, homes_(line_of(op.addr)), op.addr);
    m.value = op.value;
    m.compare = op.compare;
    m.atomic = op.atomic;
    net_.send(m);
}

void IoAgent::receive(const Message& m) {
    if (channel_of(m.type) != Channel::Dat || !busy_)
        throw std::logic_error("fabric I/O agent: unexpected message");
    complete(m.value);
}

}  // namespace nodevp::fabric
