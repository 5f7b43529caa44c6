// MxmUnit around a Verilated mxm_plane with N lanes and G = 32 rows per LW (rtl/README.md):
// issue() drives the input pins in the issue cycle; land() of an ACC reads out_y in its landing
// cycle and checks out_valid / out_acc; tick() checks that no strobe came unannounced, clocks
// the plane and clears in_valid. LW, IW and ABC land inside the RTL (no output to check).
#pragma once

#include <cstdint>
#include <string>

#include <systemc>

#include "models/lpu/chip/chip.hpp"
#include "rtl/lpu/wrap/pins.hpp"
#include "rtl/lpu/wrap/rtl_clock.hpp"
#include "verilated_vcd_c.h"

namespace nodevp::rtl {

template <class Model, unsigned N>
class RtlMxm final : public lpu::MxmUnit {
    static constexpr unsigned G = lpu::kStreamsPerDirection;

  public:
    explicit RtlMxm(unsigned plane)
        : name_("mxm" + std::to_string(plane) + "_rtl"),
          clock_(name_),
          model_(name_.c_str()),
          in_valid_((name_ + "_in_valid").c_str()),
          in_set_((name_ + "_in_set").c_str()),
          in_unsupported_((name_ + "_in_unsupported").c_str()),
          out_valid_((name_ + "_out_valid").c_str()),
          in_opcode_((name_ + "_in_opcode").c_str()),
          in_count_((name_ + "_in_count").c_str()),
          in_acc_((name_ + "_in_acc").c_str()),
          out_acc_((name_ + "_out_acc").c_str()),
          in_vec_((name_ + "_in_vec").c_str()),
          out_y_((name_ + "_out_y").c_str()) {
        model_.clk(clock_.clk);
        model_.rst(clock_.rst);
        model_.in_valid(in_valid_);
        model_.in_opcode(in_opcode_);
        model_.in_count(in_count_);
        model_.in_acc(in_acc_);
        model_.in_set(in_set_);
        model_.in_vec(in_vec_);
        model_.in_unsupported(in_unsupported_);
        model_.out_valid(out_valid_);
        model_.out_acc(out_acc_);
        model_.out_y(out_y_);
        register_traced([this](VerilatedVcdC* vcd) { model_.trace(vcd, 99); });
    }

    void set_type(unsigned mxm_type) override {
        if (mxm_type != lpu::kMxmTypeI8)  // the chip asks rejects() first
            model_bug(name_, 0, static_cast<std::uint8_t>(lpu::Opcode::config),
                      "mxm.type f16 reached the int8-only RTL MXM");
    }

    void reset() override {
        clock_.request_reset();
        drained_ = false;
    }

    std::string rejects(const lpu::Insn& insn) const override {
        if (insn.op == lpu::Opcode::config && insn.imm != lpu::kMxmTypeI8)
            return name_ + ": CONFIG mxm.type f16 is not implemented by the RTL MXM (int8 only)";
        return {};
    }

    bool clocked() const override { return true; }

    void issue(std::uint64_t cycle, const lpu::Insn& insn, const std::uint8_t* const* in,
               unsigned n) override {
        cycle_ = cycle;
        if (issued_) model_bug(name_, cycle, op(insn), "two instructions issued in one cycle");
        issued_ = true;
        in_valid_.write(true);
        in_opcode_.write(op(insn));
        in_count_.write(insn.op == lpu::Opcode::lw ? n : 0);
        in_acc_.write(static_cast<std::uint32_t>(insn.imm) & 7u);
        in_set_.write((insn.t2 & 1u) != 0);
        if (n == 0) return;
        for (unsigned k = 0; k < n && k < G; ++k) put_bytes(vec_, k * N, in[k], N);
        in_vec_.write(vec_);
    }

    void land(std::uint64_t cycle, const lpu::Insn& insn, const std::uint8_t* const*, unsigned,
              std::uint8_t* const* out) override {
        if (insn.op != lpu::Opcode::acc) return;
        if (!out_valid_.read()) model_bug(name_, cycle, op(insn), "ACC landing without out_valid");
        if (out_acc_.read() != (static_cast<std::uint32_t>(insn.imm) & 7u))
            model_bug(name_, cycle, op(insn),
                      "out_acc " + std::to_string(out_acc_.read()) + " but ACC drains " +
                          std::to_string(insn.imm));
        drained_ = true;
        const sc_dt::sc_bv<N* 32> y = out_y_.read();
        for (unsigned r = 0; r < N; ++r) {
            const std::uint32_t w = get_word(y, r);
            for (unsigned k = 0; k < 4; ++k) out[k][r] = static_cast<std::uint8_t>(w >> (8 * k));
        }
        if (fault_on_mxm()) out[0][0] ^= 1u;
        cycle_ = cycle;
    }

    void tick() override {
        if (out_valid_.read() && !drained_ && !clock_.reset_pending())
            model_bug(name_, cycle_, static_cast<std::uint8_t>(lpu::Opcode::acc),
                      "out_valid without an ACC landing");
        drained_ = false;
        issued_ = false;
        clock_.tick([this] {
            if (in_unsupported_.read())
                model_bug(name_, cycle_, static_cast<std::uint8_t>(in_opcode_.read()),
                          "in_unsupported: the RTL MXM refused the instruction");
            in_valid_.write(false);
        });
        ++cycle_;
    }

  private:
    static std::uint8_t op(const lpu::Insn& insn) { return static_cast<std::uint8_t>(insn.op); }

    std::string name_;
    RtlClock clock_;
    Model model_;
    sc_core::sc_signal<bool> in_valid_, in_set_, in_unsupported_, out_valid_;
    sc_core::sc_signal<std::uint32_t> in_opcode_, in_count_, in_acc_, out_acc_;
    sc_core::sc_signal<sc_dt::sc_bv<G * N * 8>> in_vec_;
    sc_core::sc_signal<sc_dt::sc_bv<N * 32>> out_y_;
    sc_dt::sc_bv<G * N * 8> vec_;
    bool issued_ = false, drained_ = false;
    std::uint64_t cycle_ = 0;  // for reports only
};

}  // namespace nodevp::rtl
