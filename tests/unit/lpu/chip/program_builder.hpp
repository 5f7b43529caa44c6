// A small program builder for chip tests: appends encoded instructions (Insn::encode) to named
// queues and tracks each queue's issue cycle so `at(cycle)` can pad with NOPs.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "models/lpu/image/image.hpp"
#include "models/lpu/isa/isa.hpp"

namespace nodevp::lpu::test {

inline Stream E(unsigned i) {
    return {static_cast<std::uint8_t>(i), false};
}
inline Stream W(unsigned i) {
    return {static_cast<std::uint8_t>(i), true};
}

class ProgramBuilder {
  public:
    explicit ProgramBuilder(Geometry g) { program_.geometry = g; }

    ProgramBuilder& q(const std::string& name) {
        current_ = name;
        return *this;
    }
    // Pads the current queue with a NOP so that its next instruction issues in `cycle`.
    ProgramBuilder& at(std::uint64_t cycle) {
        const std::uint64_t now = cycle_[current_];
        if (cycle > now) nop(cycle - now);
        return *this;
    }
    ProgramBuilder& raw(std::uint64_t word, std::uint64_t occupancy = 1) {
        queue().words.push_back(word);
        cycle_[current_] += occupancy;
        return *this;
    }
    ProgramBuilder& add(const Insn& i, std::uint64_t occupancy = 1) {
        return raw(i.encode(), occupancy);
    }

    ProgramBuilder& nop(std::uint64_t n) { return add(make(Opcode::nop, n), n); }
    ProgramBuilder& repeat(unsigned n, unsigned d) {
        return add(make(Opcode::repeat, n | (std::int64_t{d} << 15)), std::uint64_t{n} * d);
    }
    ProgramBuilder& sync() { return add(make(Opcode::sync)); }
    ProgramBuilder& notify() { return add(make(Opcode::notify)); }
    ProgramBuilder& ifetch() { return add(make(Opcode::ifetch)); }
    ProgramBuilder& config(ConfigReg reg, unsigned value) {
        Insn i = make(Opcode::config, value);
        i.t1 = static_cast<std::uint8_t>(reg);
        return add(i);
    }
    ProgramBuilder& read(std::int64_t addr, Stream d, std::int8_t stride = 0) {
        Insn i = make(Opcode::read, addr);
        i.d = d;
        i.stride = stride;
        return add(i);
    }
    ProgramBuilder& write(std::int64_t addr, Stream a, std::int8_t stride = 0) {
        Insn i = make(Opcode::write, addr);
        i.a = a;
        i.stride = stride;
        return add(i);
    }
    ProgramBuilder& gather(std::int64_t addr, Stream index, Stream d) {
        Insn i = make(Opcode::gather, addr);
        i.a = index;
        i.d = d;
        return add(i);
    }
    ProgramBuilder& scatter(std::int64_t addr, Stream index, Stream value) {
        Insn i = make(Opcode::scatter, addr);
        i.b = index;
        i.a = value;
        return add(i);
    }
    ProgramBuilder& vbin(Opcode op, ElemType t, Stream d, Stream a, Stream b) {
        Insn i = make(op);
        i.t1 = static_cast<std::uint8_t>(t);
        i.d = d;
        i.a = a;
        i.b = b;
        return add(i);
    }
    ProgramBuilder& vun(Opcode op, ElemType t, Stream d, Stream a) {
        Insn i = make(op);
        i.t1 = static_cast<std::uint8_t>(t);
        i.d = d;
        i.a = a;
        return add(i);
    }
    ProgramBuilder& cvt(ElemType to, ElemType from, Stream d, Stream a) {
        Insn i = make(Opcode::cvt);
        i.t1 = static_cast<std::uint8_t>(to);
        i.t2 = static_cast<std::uint8_t>(from);
        i.d = d;
        i.a = a;
        return add(i);
    }
    ProgramBuilder& req(ElemType t, Stream d, Stream a, std::int64_t scale, unsigned shift) {
        Insn i = make(Opcode::req, scale);
        i.t1 = static_cast<std::uint8_t>(t);
        i.d = d;
        i.a = a;
        i.shift = static_cast<std::uint8_t>(shift);
        return add(i);
    }
    ProgramBuilder& lw(Stream a, unsigned g) {
        Insn i = make(Opcode::lw, g);
        i.a = a;
        return add(i);
    }
    ProgramBuilder& iw() { return add(make(Opcode::iw)); }
    ProgramBuilder& abc(Stream a, unsigned acc, bool set = false) {
        Insn i = make(Opcode::abc, acc);
        i.a = a;
        i.t2 = set ? 1 : 0;
        return add(i);
    }
    ProgramBuilder& acc(unsigned acc, Stream d) {
        Insn i = make(Opcode::acc, acc);
        i.d = d;
        return add(i);
    }
    ProgramBuilder& sxm(Opcode op, Stream d, Stream a, std::int64_t n = 0) {
        Insn i = make(op, n);
        i.d = d;
        i.a = a;
        return add(i);
    }
    ProgramBuilder& permute(Stream d, Stream a, Stream map) {
        Insn i = make(Opcode::permute);
        i.d = d;
        i.a = a;
        i.b = map;
        return add(i);
    }
    ProgramBuilder& send(Stream a, unsigned link) {
        Insn i = make(Opcode::send, link);
        i.a = a;
        return add(i);
    }
    ProgramBuilder& receive(unsigned link, Stream d) {
        Insn i = make(Opcode::receive, link);
        i.d = d;
        return add(i);
    }
    ProgramBuilder& deskew(unsigned link) { return add(make(Opcode::deskew, link)); }

    // SRAM contents: `bytes` (whole vectors) at (slice, first).
    ProgramBuilder& data(std::uint32_t slice, std::uint32_t first, std::vector<std::uint8_t> b) {
        program_.data.push_back({slice, first, std::move(b)});
        return *this;
    }

    const Program& program() const { return program_; }

  private:
    static Insn make(Opcode op, std::int64_t imm = 0) {
        Insn i;
        i.op = op;
        i.imm = imm;
        return i;
    }
    QueueProgram& queue() {
        for (auto& qp : program_.queues)
            if (qp.name == current_) return qp;
        program_.queues.push_back({current_, {}});
        return program_.queues.back();
    }

    Program program_;
    std::string current_;
    std::map<std::string, std::uint64_t> cycle_;
};

}  // namespace nodevp::lpu::test
