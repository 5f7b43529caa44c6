// Instruction issue: per-queue in-order issue, the ICU instructions (NOP, REPEAT, SYNC/NOTIFY,
// CONFIG, IFETCH), dispatch to the units and the stream read/write helpers.
#include <string>

#include "models/lpu/chip/chip_impl.hpp"

namespace nodevp::lpu {

namespace {

constexpr std::uint8_t opc(Opcode op) {
    return static_cast<std::uint8_t>(op);
}

bool repeatable(Opcode op) {
    return op != Opcode::repeat && op != Opcode::sync && op != Opcode::deskew && info(op);
}

}  // namespace

void Chip::Impl::activity(std::uint64_t t) {
    last_activity = t;
    any_activity = true;
}

void Chip::Impl::schedule(std::uint64_t cycle, Event&& e, bool read_phase) {
    Bucket& b = calendar[cycle % kBuckets];
    (read_phase ? b.reads : b.writes).push_back(std::move(e));
    ++pending;
}

void Chip::Impl::schedule_next(std::uint32_t qi, std::uint64_t cycle) {
    Queue& q = queues[qi];
    if (q.rep_left == 0 && q.pc >= q.code.size()) {
        q.wait = Queue::Wait::done;
        --unfinished;
        return;
    }
    ready.push({cycle, qi});
}

void Chip::Impl::issue(std::uint32_t qi, std::uint64_t t) {
    Queue& q = queues[qi];
    if (q.rep_left > 0) return issue_copy(qi, t);
    const std::uint32_t pc = q.pc++;
    const Insn& insn = q.code[pc];
    const Ctx c{qi, pc, opc(insn.op), t};
    activity(t);
    const InsnInfo* row = info(insn.op);
    if (!row) {
        fail(ErrorCode::undefined_opcode, c, "opcode " + std::to_string(c.op) + " is not defined");
        return;
    }
    if (row->unit != Unit::any && row->unit != q.slot.kind) {
        fail(ErrorCode::undefined_opcode, c,
             std::string(row->mnemonic) + " is not an instruction of queue " + q.slot.name);
        return;
    }
    if (insn.op != Opcode::repeat) ++stats.instructions;
    switch (insn.op) {
        case Opcode::repeat:
            return start_repeat(qi, c, insn, t);
        case Opcode::sync:
            q.wait = Queue::Wait::sync;
            q.wait_pc = pc;
            ++sync_waiters;
            return;
        case Opcode::deskew:
            return deskew(qi, c, insn, t);
        case Opcode::nop:
            if (insn.imm == 0) return fail(ErrorCode::bad_operand, c, "NOP count must be >= 1");
            return schedule_next(qi, t + static_cast<std::uint64_t>(insn.imm));
        default:
            perform(qi, c, insn, *row, t);
            return schedule_next(qi, t + (row->issue ? row->issue : 1));
    }
}

// Everything an instruction does apart from moving its queue on (shared by REPEAT copies).
void Chip::Impl::perform(std::uint32_t qi, const Ctx& c, const Insn& insn, const InsnInfo& row,
                         std::uint64_t t) {
    switch (insn.op) {
        case Opcode::nop:
            return;
        case Opcode::notify:
            notify_now = true;
            return;
        case Opcode::config:
            return config(c, insn);
        case Opcode::ifetch:
            return fail(ErrorCode::undefined_opcode, c,
                        "IFETCH: instruction fetch from MEM is not modelled (programs load whole)");
        default:
            break;
    }
    if (row.read == 0) return exec(c, insn);
    Event e;
    e.kind = Event::Kind::exec;
    e.ctx = c;
    e.insn = insn;
    schedule(t + row.read, std::move(e), true);
}

void Chip::Impl::start_repeat(std::uint32_t qi, const Ctx& c, const Insn& insn, std::uint64_t t) {
    Queue& q = queues[qi];
    const auto n = static_cast<std::uint32_t>(insn.imm & 0x7fff);
    const auto d = static_cast<std::uint32_t>((insn.imm >> 15) & 0x7fff);
    if (c.pc == 0) return fail(ErrorCode::bad_operand, c, "REPEAT has no previous instruction");
    const Insn& prev = q.code[c.pc - 1];
    if (!repeatable(prev.op))
        return fail(ErrorCode::bad_operand, c, "REPEAT cannot repeat the previous instruction");
    if (n == 0 || d == 0) return fail(ErrorCode::bad_operand, c, "REPEAT needs n >= 1 and d >= 1");
    q.rep_insn = prev;
    q.rep_left = n;
    q.rep_k = 0;
    q.rep_d = d;
    q.rep_pc = c.pc;
    if (d == 1) return issue_copy(qi, t);
    ready.push({t + d - 1, qi});  // copy k issues in t − 1 + k·d
}

void Chip::Impl::issue_copy(std::uint32_t qi, std::uint64_t t) {
    Queue& q = queues[qi];
    ++q.rep_k;
    --q.rep_left;
    Insn copy = q.rep_insn;
    const InsnInfo& row = *info(copy.op);
    if (row.format == Format::mem_read || row.format == Format::mem_write)
        copy.imm += static_cast<std::int64_t>(q.rep_k) * copy.stride;
    const Ctx c{qi, q.rep_pc, opc(copy.op), t};
    activity(t);
    ++stats.instructions;
    perform(qi, c, copy, row, t);
    schedule_next(qi, t + (q.rep_left > 0 ? q.rep_d : 1));
}

void Chip::Impl::release_syncs(std::uint64_t t) {
    notify_now = false;
    for (std::uint32_t qi = 0; qi < queues.size() && sync_waiters > 0; ++qi) {
        if (queues[qi].wait != Queue::Wait::sync) continue;
        queues[qi].wait = Queue::Wait::none;
        --sync_waiters;
        schedule_next(qi, t + 1);
    }
}

void Chip::Impl::check_deadlock() {
    if (sync_waiters == 0 || sync_waiters != unfinished) return;
    for (std::uint32_t qi = 0; qi < queues.size(); ++qi) {
        if (queues[qi].wait != Queue::Wait::sync) continue;
        const Ctx c{qi, queues[qi].wait_pc, opc(Opcode::sync), now};
        return fail(ErrorCode::deadlock, c,
                    "all " + std::to_string(unfinished) +
                        " unfinished queues wait in SYNC and no NOTIFY can follow");
    }
}

void Chip::Impl::exec(const Ctx& c, const Insn& insn) {
    switch (queues[c.queue].slot.kind) {
        case Unit::mem:
            return exec_mem(c, insn);
        case Unit::vxm:
            return exec_vxm(c, insn);
        case Unit::mxm:
            return exec_mxm(c, insn);
        case Unit::sxm:
            return exec_sxm(c, insn);
        case Unit::c2c:
            return exec_c2c(c, insn);
        case Unit::any:
            return;
    }
}

void Chip::Impl::apply(const Event& e) {
    switch (e.kind) {
        case Event::Kind::stream_write:
            return write_now(e.ctx, e.insn.d, e.count, e.slots.data());
        case Event::Kind::mem_store:
        case Event::Kind::mem_scatter:
            return apply_mem(e);
        case Event::Kind::vxm_land:
            return apply_vxm(e);
        case Event::Kind::config:
            mxm_type[queues[e.ctx.queue].slot.unit] = static_cast<unsigned>(e.insn.imm);
            mxm[queues[e.ctx.queue].slot.unit]->set_type(static_cast<unsigned>(e.insn.imm));
            return;
        default:
            return apply_mxm(e);
    }
}

void Chip::Impl::config(const Ctx& c, const Insn& insn) {
    const Queue& q = queues[c.queue];
    if (insn.t1 != static_cast<std::uint8_t>(ConfigReg::mxm_type) || q.slot.kind != Unit::mxm)
        return fail(ErrorCode::bad_operand, c,
                    "CONFIG register " + std::to_string(insn.t1) + " does not exist in queue " +
                        q.slot.name);
    if (insn.imm != kMxmTypeI8 && insn.imm != kMxmTypeF16)
        return fail(ErrorCode::bad_operand, c,
                    "CONFIG mxm.type value " + std::to_string(insn.imm) + " is not i8 or f16");
    if (const std::string why = mxm[q.slot.unit]->rejects(insn); !why.empty())
        return fail(ErrorCode::bad_operand, c, why);
    Event e;
    e.kind = Event::Kind::config;
    e.ctx = c;
    e.insn = insn;
    schedule(c.issued + info(Opcode::config)->latency, std::move(e));
}

bool Chip::Impl::check_group(const Ctx& c, Stream s, unsigned n, bool aligned, const char* what) {
    if (n == 0 || s.index + n > kStreamsPerDirection || (aligned && s.index % n != 0)) {
        fail(ErrorCode::bad_operand, c,
             std::string(what) + " " + stream_name(s) + ": a group of " + std::to_string(n) +
                 (aligned ? " aligned" : "") + " streams does not fit");
        return false;
    }
    return true;
}

bool Chip::Impl::read_group(const Ctx& c, Stream s, unsigned n, std::uint32_t* slots) {
    const unsigned pos = position(c);
    for (unsigned k = 0; k < n; ++k) {
        const Stream sk{static_cast<std::uint8_t>(s.index + k), s.west};
        slots[k] = streams.read(s.west, sk.index, pos, now);
        if (slots[k] != chip::StreamFile::kNone) continue;
        const std::uint64_t next = streams.next_arrival(s.west, sk.index, pos, now);
        fail(ErrorCode::stream_empty, c,
             stream_name(sk) + " at position " + std::to_string(pos) + ": no value present" +
                 (next ? " (next arrives in cycle " + std::to_string(next) + ")" : ""));
        return false;
    }
    return true;
}

void Chip::Impl::write_later(const Ctx& c, Stream s, unsigned n, const std::uint32_t* slots,
                             std::uint64_t cycle) {
    Event e;
    e.kind = Event::Kind::stream_write;
    e.ctx = c;
    e.insn.d = s;
    e.count = static_cast<std::uint8_t>(n);
    for (unsigned k = 0; k < n; ++k) e.slots[k] = slots[k];
    schedule(cycle, std::move(e));
}

void Chip::Impl::write_now(const Ctx& c, Stream s, unsigned n, const std::uint32_t* slots) {
    const unsigned pos = position(c);
    for (unsigned k = 0; k < n; ++k) {
        const Stream sk{static_cast<std::uint8_t>(s.index + k), s.west};
        switch (streams.write(s.west, sk.index, pos, now, slots[k])) {
            case chip::StreamFile::WriteResult::ok:
                break;
            case chip::StreamFile::WriteResult::conflict:
                fail(ErrorCode::stream_conflict, c,
                     stream_name(sk) + " at position " + std::to_string(pos) +
                         ": written twice in one cycle");
                break;
            case chip::StreamFile::WriteResult::overwrite:
                fail(ErrorCode::stream_overwrite, c,
                     stream_name(sk) + " at position " + std::to_string(pos) +
                         ": destroys a value in flight that is not read here");
                break;
        }
    }
}

}  // namespace nodevp::lpu
