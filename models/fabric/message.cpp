#include "models/fabric/message.hpp"

#include <sstream>

namespace nodevp::fabric {

const char* to_string(LineState s) {
    switch (s) {
        case LineState::I:
            return "I";
        case LineState::S:
            return "S";
        case LineState::E:
            return "E";
        case LineState::M:
            return "M";
    }
    return "?";
}

Channel channel_of(MsgType t) {
    if (t <= MsgType::Atomic) return Channel::Req;
    if (t <= MsgType::SnpOnce) return Channel::Snp;
    if (t <= MsgType::CompAck) return Channel::Rsp;
    return Channel::Dat;
}

const char* to_string(MsgType t) {
    static const char* const names[] = {"ReadShared",  "ReadUnique", "ReadOnce", "CleanUnique",
                                        "WriteUnique", "WriteBack",  "Evict",    "Atomic",
                                        "SnpShared",   "SnpUnique",  "SnpOnce",  "SnpResp",
                                        "CompAck",     "Comp",       "CompData"};
    return names[static_cast<unsigned>(t)];
}

const char* to_string(AtomicOp op) {
    switch (op) {
        case AtomicOp::Add:
            return "add";
        case AtomicOp::Swap:
            return "swap";
        case AtomicOp::CompareSwap:
            return "cas";
    }
    return "?";
}

std::string describe(const Message& m, const std::vector<std::string>& names) {
    std::ostringstream s;
    s << to_string(m.type) << " " << names.at(m.src) << "->" << names.at(m.dst) << " addr 0x"
      << std::hex << m.addr << std::dec;
    if (m.type == MsgType::SnpResp || m.type == MsgType::Comp || m.type == MsgType::CompData)
        s << " state " << to_string(m.state);
    if (m.has_data) s << " data[0]=0x" << std::hex << m.data[0] << std::dec;
    if (m.type == MsgType::Atomic) s << " " << to_string(m.atomic) << " " << m.value;
    return s.str();
}

}  // namespace nodevp::fabric
