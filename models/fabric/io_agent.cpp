#include "models/fabric/io_agent.hpp"

#include <stdexcept>

namespace nodevp::fabric {

IoAgent::IoAgent(Network& net, std::string name, HomeMap homes)
    : Agent(net, std::move(name)), homes_(std::move(homes)) {}

void IoAgent::issue(const Op& op) {
    if (busy_) throw std::logic_error("fabric I/O agent: issue while busy");
    op_ = op;
    busy_ = true;
    const std::uint64_t line = line_of(op.addr);
    Message m;
    switch (op.kind) {
        case Op::Kind::Evict:
            complete(0);  // nothing cached, nothing to evict
            return;
        case Op::Kind::Load:
            m = request(MsgType::ReadOnce, homes_(line), op.addr);
            break;
        case Op::Kind::ReadLine:
            m = request(MsgType::ReadOnce, homes_(line), line);
            m.byte_enable = op.byte_enable;
            if (m.byte_enable == 0) throw std::logic_error("fabric I/O agent: empty read");
            break;
        case Op::Kind::Store:
            m = request(MsgType::WriteUnique, homes_(line), op.addr);
            m.has_data = true;
            m.data[word_of(op.addr)] = op.value;
            m.byte_enable = byte_enable_of(op.mask, word_of(op.addr));
            break;
        case Op::Kind::WriteLine:
            m = request(MsgType::WriteUnique, homes_(line), line);
            m.has_data = true;
            m.data = op.data;
            m.byte_enable = op.byte_enable;
            break;
        case Op::Kind::Atomic:
            m = request(MsgType::Atomic, homes_(line), op.addr);
            m.value = op.value;
            m.compare = op.compare;
            m.atomic = op.atomic;
            break;
    }
    net_.send(m);
}

void IoAgent::receive(const Message& m) {
    if (channel_of(m.type) != Channel::Dat || !busy_)
        throw std::logic_error("fabric I/O agent: unexpected message");
    if (m.has_data) line_result_ = m.data;
    complete(m.value);
}

}  // namespace nodevp::fabric
