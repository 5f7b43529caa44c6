#include "models/fabric/agent.hpp"

namespace nodevp::fabric {

const char* to_string(Op::Kind k) {
    switch (k) {
        case Op::Kind::Load:
            return "load";
        case Op::Kind::Store:
            return "store";
        case Op::Kind::Atomic:
            return "atomic";
        case Op::Kind::Evict:
            return "evict";
        case Op::Kind::ReadLine:
            return "read-line";
        case Op::Kind::WriteLine:
            return "write-line";
    }
    return "?";
}

Message Agent::request(MsgType type, int dst, std::uint64_t addr) const {
    Message m;
    m.type = type;
    m.src = id_;
    m.dst = dst;
    m.addr = addr;
    return m;
}

void Agent::send(MsgType type, int dst, std::uint64_t addr) {
    net_.send(request(type, dst, addr));
}

void Agent::complete(std::uint64_t value) {
    busy_ = false;
    if (on_complete) on_complete(id_, op_, value);
}

}  // namespace nodevp::fabric
