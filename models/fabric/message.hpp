// Protocol messages. Channels follow CHI: REQ and RSP flow agent -> home, SNP and DAT flow
// home -> agent; each (source, destination, channel) is delivered in order.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/fabric/line.hpp"

namespace nodevp::fabric {

enum class MsgType : std::uint8_t {
    // requests (REQ)
    ReadShared,
    ReadUnique,
    ReadOnce,
    CleanUnique,
    WriteUnique,
    WriteBack,
    Evict,
    Atomic,
    // snoops (SNP)
    SnpShared,
    SnpUnique,
    SnpOnce,
    // responses to the home (RSP)
    SnpResp,
    CompAck,
    // completions to the requester (DAT)
    Comp,
    CompData,
};

enum class Channel : std::uint8_t { Req, Snp, Rsp, Dat };
constexpr unsigned kChannels = 4;

enum class AtomicOp : std::uint8_t { Add, Swap, CompareSwap };

struct Message {
    MsgType type = MsgType::Comp;
    int src = 0;
    int dst = 0;
    std::uint64_t addr = 0;  // line address, or word address for word-sized requests
    bool has_data = false;
    Line data{};
    // SnpResp: the snooped agent's state after the snoop. Comp/CompData: the granted state.
    LineState state = LineState::I;
    // WriteUnique / Atomic operands; Atomic CompData returns the old value in `value`.
    AtomicOp atomic = AtomicOp::Add;
    std::uint64_t value = 0;
    std::uint64_t compare = 0;
    // SnpOnce: the node whose ReadOnce the snoop serves; its addr is that ReadOnce's address.
    int requester = -1;
    // WriteUnique: the bytes of `data` written. ReadOnce (and the SnpOnce serving it): the bytes
    // read; 0 means the one word at `addr`.
    std::uint64_t byte_enable = 0;
    // When the message arrives at `dst` (ps), stamped by the network when it is sent.
    std::uint64_t time_ps = 0;
};

Channel channel_of(MsgType t);
const char* to_string(MsgType t);
const char* to_string(AtomicOp op);
// One line of text for reports; `names` maps node ids to names.
std::string describe(const Message& m, const std::vector<std::string>& names);

}  // namespace nodevp::fabric
