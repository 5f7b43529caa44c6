// Self-checking bench of the Verilated VXM integer ALU (rtl/lpu/vxm_alu.sv) at 4 lanes: each lane
// carries one directed case. Expected values are computed by hand from docs/lpu/architecture.md
// ("VXM"); cycles come from the ISA table.
#include <array>
#include <cstdint>
#include <memory>

#include <gtest/gtest.h>
#include <systemc>

#include "Vvxm_alu_n4.h"
#include "tests/unit/rtl/rtl_bench.hpp"

namespace nodevp::rtl::test {
namespace {

using lpu::Opcode;
constexpr unsigned N = 4;
using Lanes = std::array<std::int64_t, N>;  // element values (signed, or raw bits)
using Bits = std::array<std::uint32_t, N>;  // result element bits, zero above the width

struct Pins {
    sc_core::sc_signal<bool> rst{"rst"}, in_valid{"in_valid"}, in_unsupported{"in_unsupported"};
    sc_core::sc_signal<std::uint32_t> in_opcode{"in_opcode"}, in_wlog{"in_wlog"},
        in_shift{"in_shift"}, in_scale{"in_scale"}, in_tag{"in_tag"};
    sc_core::sc_signal<sc_dt::sc_bv<4 * N * 8>> in_a{"in_a"}, in_b{"in_b"};
    struct Out {
        sc_core::sc_signal<bool> valid;
        sc_core::sc_signal<std::uint32_t> tag;
        sc_core::sc_signal<sc_dt::sc_bv<4 * N * 8>> d;
    } alu, mul, req;
};

Pins* pins = nullptr;

sc_dt::sc_bv<4 * N * 8> planes(const Lanes& v) {
    sc_dt::sc_bv<4 * N * 8> bits;
    for (unsigned i = 0; i < N; ++i)
        for (unsigned k = 0; k < 4; ++k)
            put_byte(bits, k * N + i,
                     static_cast<std::uint8_t>(static_cast<std::uint64_t>(v[i]) >> (8 * k)));
    return bits;
}

Bits lanes(const sc_dt::sc_bv<4 * N * 8>& bits) {
    Bits v{};
    for (unsigned i = 0; i < N; ++i)
        for (unsigned k = 0; k < 4; ++k)
            v[i] |= std::uint32_t{get_byte(bits, k * N + i)} << (8 * k);
    return v;
}

Pins::Out& port_of(Opcode op) {
    if (op == Opcode::mul) return pins->mul;
    if (op == Opcode::req) return pins->req;
    return pins->alu;
}

void drive(Opcode op, unsigned wlog, const Lanes& a, const Lanes& b, unsigned tag = 0,
           unsigned shift = 0, std::int32_t scale = 0) {
    pins->in_valid = true;
    pins->in_opcode = opcode(op);
    pins->in_wlog = wlog;
    pins->in_a = planes(a);
    pins->in_b = planes(b);
    pins->in_tag = tag;
    pins->in_shift = shift;
    pins->in_scale = static_cast<std::uint32_t>(scale) & 0x3fffffffu;
}

// Issues one instruction and returns its result, checking it appears on its class's output
// exactly LAT(op) cycles after issue, with its tag, and for one cycle only.
Bits run(Opcode op, unsigned wlog, const Lanes& a, const Lanes& b = {}, unsigned shift = 0,
         std::int32_t scale = 0) {
    const unsigned tag = 0x5a;
    drive(op, wlog, a, b, tag, shift, scale);
    cycle();
    pins->in_valid = false;
    Pins::Out& out = port_of(op);
    for (unsigned k = 1; k < latency(op); ++k) {
        EXPECT_FALSE(out.valid.read()) << "cycle " << k << " after issue";
        cycle();
    }
    EXPECT_TRUE(out.valid.read());
    EXPECT_EQ(out.tag.read(), tag);
    const Bits r = lanes(out.d.read());
    cycle();
    EXPECT_FALSE(out.valid.read());
    return r;
}

class VxmAlu : public ::testing::Test {
  protected:
    void SetUp() override {
        pins->in_valid = false;
        pins->rst = true;
        cycle();
        pins->rst = false;
    }
};

constexpr unsigned kI8 = 0, kI16 = 1, kI32 = 2;

TEST_F(VxmAlu, AddAndSubWrapAtTheElementWidth) {
    EXPECT_EQ(run(Opcode::add, kI8, {100, -128, 5, 127}, {100, -1, -3, 1}),
              (Bits{0xc8, 0x7f, 0x02, 0x80}));
    EXPECT_EQ(run(Opcode::sub, kI8, {-128, 0, 10, 50}, {1, -128, 20, -100}),
              (Bits{0x7f, 0x80, 0xf6, 0x96}));
    EXPECT_EQ(run(Opcode::add, kI16, {32767, -32768, 1000, -1}, {1, -1, -3000, 1}),
              (Bits{0x8000, 0x7fff, 0xf830, 0x0000}));
    EXPECT_EQ(run(Opcode::add, kI32, {0x7fffffff, -1, 0, -2147483648LL}, {1, 1, -1, -1}),
              (Bits{0x80000000u, 0, 0xffffffffu, 0x7fffffff}));
}

TEST_F(VxmAlu, MulKeepsTheLowBitsOfTheProduct) {
    EXPECT_EQ(run(Opcode::mul, kI8, {16, -128, 11, -7}, {16, -1, 12, 6}),
              (Bits{0x00, 0x80, 0x84, 0xd6}));
    EXPECT_EQ(run(Opcode::mul, kI16, {300, -300, 256, -1}, {300, 300, 256, -1}),
              (Bits{0x5f90, 0xa070, 0x0000, 0x0001}));
    EXPECT_EQ(run(Opcode::mul, kI32, {65536, 0x7fffffff, -1, 46341}, {65536, 2, -1, 46341}),
              (Bits{0, 0xfffffffeu, 1, 0x80001219u}));
}

TEST_F(VxmAlu, MinMaxAndReluCompareSigned) {
    EXPECT_EQ(run(Opcode::min, kI8, {-1, -128, 3, 0x80}, {1, 127, 3, 0x7f}),
              (Bits{0xff, 0x80, 0x03, 0x80}));
    EXPECT_EQ(run(Opcode::max, kI8, {-1, -128, 3, 0x80}, {1, 127, 3, 0x7f}),
              (Bits{0x01, 0x7f, 0x03, 0x7f}));
    EXPECT_EQ(run(Opcode::max, kI16, {-32768, 0x8000, -2, 5}, {32767, 1, -3, 5}),
              (Bits{0x7fff, 0x0001, 0xfffe, 0x0005}));
    EXPECT_EQ(run(Opcode::relu, kI8, {-1, 5, -128, 127}), (Bits{0, 5, 0, 127}));
    EXPECT_EQ(run(Opcode::relu, kI32, {-2147483648LL, 1, 0, -1}), (Bits{0, 1, 0, 0}));
}

TEST_F(VxmAlu, BitwiseOperations) {
    EXPECT_EQ(run(Opcode::and_, kI8, {0xf0, 0xff, 0, 0xaa}, {0x3c, 0x0f, 0xff, 0x55}),
              (Bits{0x30, 0x0f, 0x00, 0x00}));
    EXPECT_EQ(run(Opcode::or_, kI8, {0xf0, 0xff, 0, 0xaa}, {0x3c, 0x0f, 0xff, 0x55}),
              (Bits{0xfc, 0xff, 0xff, 0xff}));
    EXPECT_EQ(
        run(Opcode::xor_, kI16, {0xf0f0, 0xffff, 0, 0xaaaa}, {0x3c3c, 0x0f0f, 0xffff, 0x5555}),
        (Bits{0xcccc, 0xf0f0, 0xffff, 0xffff}));
}

TEST_F(VxmAlu, ShiftCountsAreTakenModuloTheWidth) {
    EXPECT_EQ(run(Opcode::shl, kI8, {1, 1, 1, 0x81}, {7, 8, 9, 1}), (Bits{0x80, 0x01, 0x02, 0x02}));
    EXPECT_EQ(run(Opcode::shr, kI8, {-128, -128, 64, -3}, {7, 8, 3, 1}),
              (Bits{0xff, 0x80, 0x08, 0xfe}));
    EXPECT_EQ(run(Opcode::shr, kI16, {-32768, -32768, -32768, 0x4000}, {15, 16, 17, 14}),
              (Bits{0xffff, 0x8000, 0xc000, 0x0001}));
    EXPECT_EQ(run(Opcode::shl, kI32, {1, 1, 1, 3}, {31, 32, 33, 31}),
              (Bits{0x80000000u, 1, 2, 0x80000000u}));
    EXPECT_EQ(
        run(Opcode::shr, kI32, {-2147483648LL, -2147483648LL, 0x40000000, -1}, {31, 32, 30, 63}),
        (Bits{0xffffffffu, 0x80000000u, 1, 0xffffffffu}));
}

TEST_F(VxmAlu, UnaryOperationsWrap) {
    EXPECT_EQ(run(Opcode::neg, kI8, {-128, 1, 0, 127}), (Bits{0x80, 0xff, 0x00, 0x81}));
    EXPECT_EQ(run(Opcode::abs, kI8, {-128, -5, 7, 0}), (Bits{0x80, 0x05, 0x07, 0x00}));
    EXPECT_EQ(run(Opcode::abs, kI16, {-32768, -300, 300, -1}), (Bits{0x8000, 300, 300, 1}));
    EXPECT_EQ(run(Opcode::abs, kI32, {-2147483648LL, -1, 5, 0}), (Bits{0x80000000u, 1, 5, 0}));
    EXPECT_EQ(run(Opcode::mov, kI16, {0x1234, 0xffff, 0x8000, 0x12345678}),
              (Bits{0x1234, 0xffff, 0x8000, 0x5678}));
}

TEST_F(VxmAlu, ReqSaturatesToTheDestination) {
    EXPECT_EQ(run(Opcode::req, kI8, {127, 128, -129, -128}, {}, 0, 1),
              (Bits{0x7f, 0x7f, 0x80, 0x80}));
    EXPECT_EQ(run(Opcode::req, kI16, {40000, -40000, 32767, -32768}, {}, 0, 1),
              (Bits{0x7fff, 0x8000, 0x7fff, 0x8000}));
}

TEST_F(VxmAlu, ReqRoundsHalfUp) {
    // x / 2 for 3, -3, 5, -5: 1.5 → 2, -1.5 → -1, 2.5 → 3, -2.5 → -2.
    EXPECT_EQ(run(Opcode::req, kI8, {3, -3, 5, -5}, {}, 1, 1), (Bits{0x02, 0xff, 0x03, 0xfe}));
    // x · 3 / 8 for 4, -4, 1, -1: 1.5 → 2, -1.5 → -1, 0.375 → 0, -0.375 → 0.
    EXPECT_EQ(run(Opcode::req, kI8, {4, -4, 1, -1}, {}, 3, 3), (Bits{0x02, 0xff, 0x00, 0x00}));
}

TEST_F(VxmAlu, ReqUsesA64BitProductAndTheWholeShiftRange) {
    // (2^31 - 1)(2^29 - 1) = 2^60 - 2^31 - 2^29 + 1; + 2^47, >> 48 = 4096 (and the negative twin).
    // ±10 · -2^29 / 2^20 = ∓5120 and 1 · -2^29 / 2^20 = -512, exactly. Shift 63: |x · scale| <
    // 2^61, so the result is 0.
    EXPECT_EQ(
        run(Opcode::req, kI16, {2147483647, -2147483648LL, 10, 2147483647}, {}, 48, 536870911),
        (Bits{0x1000, 0xf000, 0x0000, 0x1000}));
    EXPECT_EQ(run(Opcode::req, kI16, {10, -10, 1, 0}, {}, 20, -536870912),
              (Bits{0xec00, 0x1400, 0xfe00, 0x0000}));
    EXPECT_EQ(run(Opcode::req, kI16, {2147483647, -2147483648LL, -1, 1}, {}, 63, 536870911),
              (Bits{0, 0, 0, 0}));
}

TEST_F(VxmAlu, ResultsOfDifferentClassesLandInTheSameCycle) {
    const unsigned lreq = latency(Opcode::req), ladd = latency(Opcode::add);
    ASSERT_GT(lreq, ladd);
    drive(Opcode::req, kI8, {256, 0, 0, 0}, {}, 1, 8, 1);  // 256 / 256 = 1
    cycle();
    pins->in_valid = false;
    cycle(lreq - ladd - 1);
    drive(Opcode::add, kI8, {1, 2, 3, 4}, {10, 20, 30, 40}, 2);
    cycle();
    pins->in_valid = false;
    cycle(ladd - 1);
    ASSERT_TRUE(pins->req.valid.read());
    ASSERT_TRUE(pins->alu.valid.read());
    EXPECT_EQ(pins->req.tag.read(), 1u);
    EXPECT_EQ(pins->alu.tag.read(), 2u);
    EXPECT_EQ(lanes(pins->req.d.read()), (Bits{1, 0, 0, 0}));
    EXPECT_EQ(lanes(pins->alu.d.read()), (Bits{11, 22, 33, 44}));
}

// The flag is combinational: read while the instruction is still driven.
TEST_F(VxmAlu, FlagsWhatItCannotExecuteAndProducesNothing) {
    const std::pair<Opcode, unsigned> bad[] = {{Opcode::tanh, kI8},
                                               {Opcode::cvt, kI8},
                                               {Opcode::add, 3},
                                               {Opcode::req, kI32},
                                               {Opcode::lw, kI8}};
    for (const auto& [op, wlog] : bad) {
        drive(op, wlog, {1, 2, 3, 4}, {1, 2, 3, 4});
        cycle();
        EXPECT_TRUE(pins->in_unsupported.read()) << static_cast<unsigned>(op);
    }
    pins->in_valid = false;
    for (unsigned k = 0; k <= latency(Opcode::req); ++k) {
        EXPECT_FALSE(pins->alu.valid.read() || pins->mul.valid.read() || pins->req.valid.read());
        cycle();
    }
    drive(Opcode::req, kI16, {}, {});
    cycle();
    EXPECT_FALSE(pins->in_unsupported.read());
    pins->in_valid = false;
}

}  // namespace
}  // namespace nodevp::rtl::test

int sc_main(int argc, char* argv[]) {
    using namespace nodevp::rtl::test;
    auto p = std::make_unique<Pins>();
    pins = p.get();
    Vvxm_alu_n4 dut("dut");
    dut.clk(bench_clock());
    dut.rst(p->rst);
    dut.in_valid(p->in_valid);
    dut.in_opcode(p->in_opcode);
    dut.in_wlog(p->in_wlog);
    dut.in_shift(p->in_shift);
    dut.in_scale(p->in_scale);
    dut.in_tag(p->in_tag);
    dut.in_a(p->in_a);
    dut.in_b(p->in_b);
    dut.in_unsupported(p->in_unsupported);
    dut.alu_valid(p->alu.valid);
    dut.alu_tag(p->alu.tag);
    dut.alu_d(p->alu.d);
    dut.mul_valid(p->mul.valid);
    dut.mul_tag(p->mul.tag);
    dut.mul_d(p->mul.d);
    dut.req_valid(p->req.valid);
    dut.req_tag(p->req.tag);
    dut.req_d(p->req.d);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
