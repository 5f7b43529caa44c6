#include "sw/lpu/sched/plane.hpp"

#include <algorithm>

namespace nodevp::lpu::sched {

namespace {

unsigned distance(unsigned a, unsigned b) {
    return a > b ? a - b : b - a;
}
unsigned latency(Opcode op) {
    return info(op)->latency;
}

}  // namespace

MxmPlane::MxmPlane(Builder& b, unsigned plane)
    : b_(b), plane_(plane), queue_(Layout::mxm_queue(plane)), pos_(b.layout().plane(plane)) {}

bool MxmPlane::vxm_issue(Tx& tx, std::int64_t cycle, const Insn& insn) {
    for (unsigned alu = 0; alu < b_.geometry().vxm_alus; ++alu)
        if (tx.issue(Layout::vxm_queue(alu), cycle, insn)) return true;
    return false;
}

void MxmPlane::configure(unsigned mxm_type) {
    Insn insn;
    insn.op = Opcode::config;
    insn.t1 = static_cast<std::uint8_t>(ConfigReg::mxm_type);
    insn.imm = mxm_type;
    config_ = b_.place(queue_, cursor_, insn);
    cursor_ = config_ + 1;
}

void MxmPlane::load(const std::vector<Loc>& streams, unsigned g, unsigned align) {
    // Rows travel from the MEM slices towards the plane (planes sit at the chip's edges).
    const bool dir = west();
    for (std::size_t first = 0; first < streams.size(); first += g) {
        const std::int64_t from = std::max(cursor_, config_ + 1 + latency(Opcode::config));
        last_lw_ = b_.search(from, [&](Tx& tx, std::int64_t t) {
            const auto s = tx.streams(dir, g, align, pos_, t);
            if (!s) return false;
            Insn lw;
            lw.op = Opcode::lw;
            lw.a = *s;
            lw.imm = g;
            if (!tx.issue(queue_, t, lw)) return false;
            for (unsigned k = 0; k < g; ++k) {
                const Stream sk{static_cast<std::uint8_t>(s->index + k), dir};
                if (!tx.read_to(streams[first + k], pos_, t, sk)) return false;
            }
            return true;
        });
        cursor_ = last_lw_ + 1;
    }
}

void MxmPlane::install() {
    Insn iw;
    iw.op = Opcode::iw;
    // The shadow rows are written `lw latency` after LW issues; the active array must not
    // change before the last ABC on it has taken effect.
    const std::int64_t from = std::max({cursor_, last_lw_ + std::int64_t{latency(Opcode::lw)},
                                        last_abc_ + std::int64_t{latency(Opcode::abc)}});
    last_iw_ = b_.place(queue_, from, iw);
    cursor_ = last_iw_ + 1;
}

void MxmPlane::abc(const std::vector<Loc>& x, bool relu, unsigned acc, bool set) {
    const std::int64_t from =
        std::max({cursor_, last_iw_ + 1 + latency(Opcode::iw), last_acc_[acc] + 1});
    const unsigned pv = b_.layout().vxm();
    const auto width = static_cast<unsigned>(x.size());
    last_abc_ = b_.search(from, [&](Tx& tx, std::int64_t t) {
        const auto s = tx.streams(west(), width, width, pos_, t);
        if (!s) return false;
        Insn abc;
        abc.op = Opcode::abc;
        abc.a = *s;
        abc.imm = acc;
        abc.t2 = set ? 1 : 0;
        if (!tx.issue(queue_, t, abc)) return false;
        if (!relu) {
            for (unsigned k = 0; k < width; ++k)
                if (!tx.read_to(x[k], pos_, t, {static_cast<std::uint8_t>(s->index + k), west()}))
                    return false;
            return true;
        }
        const std::int64_t tv = t - distance(pv, pos_) - latency(Opcode::relu);
        const bool in_west = b_.layout().mem(x[0].slice) > pv;
        const auto in = tx.streams(in_west, 1, 1, pv, tv);
        if (!in) return false;
        Insn op;
        op.op = Opcode::relu;
        op.t1 = static_cast<std::uint8_t>(ElemType::i8);
        op.a = *in;
        op.d = *s;
        return vxm_issue(tx, tv, op) && tx.read_to(x[0], pv, tv, *in);
    });
    cursor_ = last_abc_ + 1;
}

void MxmPlane::drain(unsigned acc, const AccSink& sink) {
    const std::int64_t from =
        last_abc_ + std::int64_t{latency(Opcode::abc)} + 1 - std::int64_t{latency(Opcode::acc)};
    const bool dir = !west();  // results leave the edge towards the middle
    const unsigned pv = b_.layout().vxm();
    const std::int64_t at = b_.search(from, [&](Tx& tx, std::int64_t t) {
        const std::int64_t written = t + latency(Opcode::acc);
        const auto s = tx.streams(dir, 4, 4, pos_, written);
        if (!s) return false;
        Insn accw;
        accw.op = Opcode::acc;
        accw.imm = acc;
        accw.d = *s;
        if (!tx.issue(queue_, t, accw)) return false;
        if (!sink.requant) {
            for (unsigned k = 0; k < 4; ++k)
                if (!tx.write_from(sink.planes[k], pos_, written,
                                   {static_cast<std::uint8_t>(s->index + k), dir}))
                    return false;
            return true;
        }
        const std::int64_t tv = written + distance(pv, pos_);
        const std::int64_t out_at = tv + latency(Opcode::req);
        const bool out_west = b_.layout().mem(sink.out.slice) < pv;
        const auto o = tx.streams(out_west, 1, 1, pv, out_at);
        if (!o) return false;
        Insn req;
        req.op = Opcode::req;
        req.t1 = static_cast<std::uint8_t>(ElemType::i8);
        req.a = *s;
        req.d = *o;
        req.imm = sink.scale;
        req.shift = static_cast<std::uint8_t>(sink.shift);
        return vxm_issue(tx, tv, req) && tx.write_from(sink.out, pv, out_at, *o);
    });
    last_acc_[acc] = at;
}

}  // namespace nodevp::lpu::sched
