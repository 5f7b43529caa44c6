// VxmUnit around one Verilated vxm_alu of N lanes per VXM ALU (queue vxm.<alu>), sharing one
// clock. issue() drives the ALU's pins with a tag; land() reads the output of the instruction's
// latency class (alu_*, mul_*, req_*) and checks its valid strobe and tag; tick() checks that no
// strobe came unannounced, clocks all ALUs and clears in_valid. Float types, CVT, TANH, EXP and
// RSQRT are rejected (rejects(): the chip reports bad-operand naming the unit and the op).
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include <systemc>

#include "models/lpu/chip/chip.hpp"
#include "rtl/lpu/wrap/pins.hpp"
#include "rtl/lpu/wrap/rtl_clock.hpp"
#include "verilated_vcd_c.h"

namespace nodevp::rtl {

template <class Model, unsigned N>
class RtlVxm final : public lpu::VxmUnit {
    using Planes = sc_dt::sc_bv<4 * N * 8>;
    enum Class { kAlu, kMul, kReq, kClasses };

    struct Out {
        explicit Out(const std::string& n)
            : valid((n + "_valid").c_str()), tag((n + "_tag").c_str()), d((n + "_d").c_str()) {}
        sc_core::sc_signal<bool> valid;
        sc_core::sc_signal<std::uint32_t> tag;
        sc_core::sc_signal<Planes> d;
        std::deque<std::uint8_t> expected;  // tags of the instructions in flight, in order
        bool landed = false;
    };

    struct Alu {
        explicit Alu(const std::string& n)
            : model(n.c_str()),
              in_valid((n + "_in_valid").c_str()),
              in_unsupported((n + "_in_unsupported").c_str()),
              in_opcode((n + "_in_opcode").c_str()),
              in_wlog((n + "_in_wlog").c_str()),
              in_shift((n + "_in_shift").c_str()),
              in_scale((n + "_in_scale").c_str()),
              in_tag((n + "_in_tag").c_str()),
              in_a((n + "_in_a").c_str()),
              in_b((n + "_in_b").c_str()),
              out{Out(n + "_alu"), Out(n + "_mul"), Out(n + "_req")} {}
        Model model;
        sc_core::sc_signal<bool> in_valid, in_unsupported;
        sc_core::sc_signal<std::uint32_t> in_opcode, in_wlog, in_shift, in_scale, in_tag;
        sc_core::sc_signal<Planes> in_a, in_b;
        std::array<Out, kClasses> out;
        bool issued = false;
        std::uint8_t next_tag = 0;
    };

  public:
    explicit RtlVxm(unsigned alus) : clock_("vxm_rtl") {
        for (unsigned i = 0; i < alus; ++i) {
            alus_.push_back(std::make_unique<Alu>("vxm" + std::to_string(i) + "_rtl"));
            bind(*alus_.back());
        }
    }

    std::string rejects(const lpu::Insn& insn) const override {
        const auto t = static_cast<lpu::ElemType>(insn.t1);
        const lpu::Format f = lpu::info(insn.op)->format;
        if (f == lpu::Format::cvt || lpu::is_float(t) || insn.op == lpu::Opcode::tanh ||
            insn.op == lpu::Opcode::exp || insn.op == lpu::Opcode::rsqrt)
            return "vxm (rtl): " + std::string(lpu::info(insn.op)->mnemonic) + "." +
                   std::string(lpu::elem_name(t)) +
                   " is not implemented by the RTL VXM (integer ops only)";
        return {};
    }

    bool clocked() const override { return true; }

    void issue(std::uint64_t cycle, unsigned alu, const lpu::Insn& insn,
               const std::uint8_t* const* a, const std::uint8_t* const* b,
               std::uint8_t* const*) override {
        Alu& u = at(alu, cycle, insn);
        cycle_ = cycle;
        if (u.issued) model_bug(name(alu), cycle, op(insn), "two instructions issued in one cycle");
        u.issued = true;
        const auto t = static_cast<lpu::ElemType>(insn.t1);
        const unsigned nd = lpu::elem_bytes(t);
        const bool req = insn.op == lpu::Opcode::req;
        const unsigned na = req ? 4 : nd;
        u.in_valid.write(true);
        u.in_opcode.write(op(insn));
        u.in_wlog.write(nd == 1 ? 0 : nd == 2 ? 1 : 2);
        u.in_shift.write(insn.shift & 63u);
        u.in_scale.write(static_cast<std::uint32_t>(insn.imm) & 0x3fffffffu);
        u.in_tag.write(u.next_tag);
        u.out[klass(insn)].expected.push_back(u.next_tag++);
        for (unsigned k = 0; k < na; ++k) put_bytes(a_, k * N, a[k], N);
        u.in_a.write(a_);
        if (b) {
            for (unsigned k = 0; k < nd; ++k) put_bytes(b_, k * N, b[k], N);
            u.in_b.write(b_);
        }
    }

    void land(std::uint64_t cycle, unsigned alu, const lpu::Insn& insn,
              std::uint8_t* const* dst) override {
        Alu& u = at(alu, cycle, insn);
        cycle_ = cycle;
        Out& o = u.out[klass(insn)];
        if (!o.valid.read()) model_bug(name(alu), cycle, op(insn), "landing without its valid");
        if (o.expected.empty() || o.tag.read() != o.expected.front())
            model_bug(name(alu), cycle, op(insn),
                      "result tag " + std::to_string(o.tag.read()) + " is not the one issued");
        o.expected.pop_front();
        o.landed = true;
        const Planes d = o.d.read();
        const unsigned nd = lpu::elem_bytes(static_cast<lpu::ElemType>(insn.t1));
        for (unsigned k = 0; k < nd; ++k) get_bytes(d, k * N, dst[k], N);
        if (fault_on_vxm()) dst[0][0] ^= 1u;
    }

    void tick() override {
        for (unsigned i = 0; i < alus_.size(); ++i)
            for (Out& o : alus_[i]->out) {
                if (o.valid.read() && !o.landed && !clock_.reset_pending())
                    model_bug(name(i), cycle_, 0, "a result strobe without a landing instruction");
                o.landed = false;
            }
        clock_.tick([this] {
            for (unsigned i = 0; i < alus_.size(); ++i) {
                Alu& u = *alus_[i];
                if (u.in_unsupported.read())
                    model_bug(name(i), cycle_, static_cast<std::uint8_t>(u.in_opcode.read()),
                              "in_unsupported: the RTL VXM refused the instruction");
                u.in_valid.write(false);
                u.issued = false;
            }
        });
        ++cycle_;
    }

    void reset() override {
        clock_.request_reset();
        for (auto& u : alus_)
            for (Out& o : u->out) {
                o.expected.clear();
                o.landed = false;
            }
    }

  private:
    static std::uint8_t op(const lpu::Insn& insn) { return static_cast<std::uint8_t>(insn.op); }
    static std::string name(unsigned alu) { return "vxm" + std::to_string(alu); }
    static Class klass(const lpu::Insn& insn) {
        return insn.op == lpu::Opcode::mul ? kMul : insn.op == lpu::Opcode::req ? kReq : kAlu;
    }

    Alu& at(unsigned alu, std::uint64_t cycle, const lpu::Insn& insn) {
        if (alu >= alus_.size()) model_bug(name(alu), cycle, op(insn), "no such VXM ALU");
        return *alus_[alu];
    }

    void bind(Alu& u) {
        u.model.clk(clock_.clk);
        u.model.rst(clock_.rst);
        u.model.in_valid(u.in_valid);
        u.model.in_opcode(u.in_opcode);
        u.model.in_wlog(u.in_wlog);
        u.model.in_shift(u.in_shift);
        u.model.in_scale(u.in_scale);
        u.model.in_tag(u.in_tag);
        u.model.in_a(u.in_a);
        u.model.in_b(u.in_b);
        u.model.in_unsupported(u.in_unsupported);
        u.model.alu_valid(u.out[kAlu].valid);
        u.model.alu_tag(u.out[kAlu].tag);
        u.model.alu_d(u.out[kAlu].d);
        u.model.mul_valid(u.out[kMul].valid);
        u.model.mul_tag(u.out[kMul].tag);
        u.model.mul_d(u.out[kMul].d);
        u.model.req_valid(u.out[kReq].valid);
        u.model.req_tag(u.out[kReq].tag);
        u.model.req_d(u.out[kReq].d);
        Model* m = &u.model;
        register_traced([m](VerilatedVcdC* vcd) { m->trace(vcd, 99); });
    }

    RtlClock clock_;
    std::vector<std::unique_ptr<Alu>> alus_;
    Planes a_, b_;
    std::uint64_t cycle_ = 0;  // for reports only
};

}  // namespace nodevp::rtl
