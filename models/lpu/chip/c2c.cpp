// C2C: SEND copies a vector to the peer's receive queue for link `peer_link`, arriving
// lpu.c2c_latency cycles later in the peer's cycle count; RECEIVE takes the oldest arrived
// vector; DESKEW holds its queue until a vector has arrived (the next instruction may issue in
// the arrival cycle). Not modelled: link bandwidth, credits, errors. Connected chips must be run
// in lockstep windows of at most c2c_latency cycles so that nothing arrives in a peer's past.
#include <algorithm>
#include <string>

#include "models/lpu/chip/chip_impl.hpp"

namespace nodevp::lpu {

void Chip::Impl::exec_c2c(const Ctx& c, const Insn& insn) {
    const std::int64_t link = insn.imm;
    if (link < 0 || link >= static_cast<std::int64_t>(links.size()))
        return fail(ErrorCode::bad_operand, c, "link " + std::to_string(link) + " does not exist");
    Link& l = links[static_cast<std::size_t>(link)];
    if (insn.op == Opcode::send) {
        if (!l.peer)
            return fail(ErrorCode::bad_operand, c,
                        "link " + std::to_string(link) + " is not connected");
        std::uint32_t a = 0;
        if (!read_group(c, insn.a, 1, &a)) return;
        return l.peer->receive_from_peer(l.peer_link, now + cfg.c2c_latency, data(a));
    }
    if (insn.op != Opcode::receive) return;
    if (l.rx.empty() || l.rx.front().cycle > now)
        return fail(ErrorCode::stream_empty, c,
                    "link " + std::to_string(link) + ": no vector received" +
                        (l.rx.empty() ? std::string()
                                      : " (next arrives in cycle " +
                                            std::to_string(l.rx.front().cycle) + ")"));
    const std::uint32_t out = alloc();
    std::copy(l.rx.front().data.begin(), l.rx.front().data.end(), data(out));
    l.rx.pop_front();
    write_later(c, insn.d, 1, &out, c.issued + info(insn.op)->latency);
}

void Chip::Impl::receive_from_peer(unsigned link, std::uint64_t cycle, const std::uint8_t* v) {
    links[link].rx.push_back({cycle, std::vector<std::uint8_t>(v, v + vl)});
    if (c2c_queue < 0) return;
    Queue& q = queues[static_cast<std::size_t>(c2c_queue)];
    if (q.wait == Queue::Wait::deskew && q.deskew_link == link && links[link].rx.size() == 1) {
        q.wait = Queue::Wait::none;
        schedule_next(static_cast<std::uint32_t>(c2c_queue), std::max(cycle, elapsed));
    }
}

void Chip::Impl::deskew(std::uint32_t qi, const Ctx& c, const Insn& insn, std::uint64_t t) {
    const std::int64_t link = insn.imm;
    if (link < 0 || link >= static_cast<std::int64_t>(links.size()))
        return fail(ErrorCode::bad_operand, c, "link " + std::to_string(link) + " does not exist");
    const auto& rx = links[static_cast<std::size_t>(link)].rx;
    if (!rx.empty()) return schedule_next(qi, std::max(t + 1, rx.front().cycle));
    queues[qi].wait = Queue::Wait::deskew;
    queues[qi].deskew_link = static_cast<unsigned>(link);
}

}  // namespace nodevp::lpu
