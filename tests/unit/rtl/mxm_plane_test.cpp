// Self-checking bench of the Verilated MXM plane (rtl/lpu/mxm_plane.sv) at RTL_N lanes, LW
// groups of up to RTL_G rows. Expected values are computed by hand from docs/lpu/architecture.md
// ("MXM"); cycles come from the ISA table. Each test starts from a reset plane.
#include RTL_HEADER

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include <gtest/gtest.h>
#include <systemc>

#include "tests/unit/rtl/rtl_bench.hpp"

namespace nodevp::rtl::test {
namespace {

using lpu::Opcode;
constexpr unsigned N = RTL_N;
constexpr unsigned G = RTL_G;
using Vec = std::array<std::int8_t, N>;
using Sums = std::array<std::int32_t, N>;

struct Pins {
    sc_core::sc_signal<bool> rst{"rst"}, in_valid{"in_valid"}, in_set{"in_set"};
    sc_core::sc_signal<bool> in_unsupported{"in_unsupported"}, out_valid{"out_valid"};
    sc_core::sc_signal<std::uint32_t> in_opcode{"in_opcode"}, in_count{"in_count"},
        in_acc{"in_acc"}, out_acc{"out_acc"};
    sc_core::sc_signal<sc_dt::sc_bv<G * N * 8>> in_vec{"in_vec"};
    sc_core::sc_signal<sc_dt::sc_bv<N * 32>> out_y{"out_y"};
};

Pins* pins = nullptr;

// Drives one instruction for the current cycle (in_valid stays off unless `valid`).
void drive(Opcode op, const std::vector<Vec>& vecs = {}, unsigned count = 0, unsigned acc = 0,
           bool set = false) {
    sc_dt::sc_bv<G * N * 8> v;
    for (unsigned k = 0; k < vecs.size(); ++k)
        for (unsigned c = 0; c < N; ++c)
            put_byte(v, k * N + c, static_cast<std::uint8_t>(vecs[k][c]));
    pins->in_valid = true;
    pins->in_opcode = opcode(op);
    pins->in_count = count;
    pins->in_acc = acc;
    pins->in_set = set;
    pins->in_vec = v;
}

// Issues an instruction in the current cycle and advances to the next.
void issue(Opcode op, const std::vector<Vec>& vecs = {}, unsigned count = 0, unsigned acc = 0,
           bool set = false) {
    drive(op, vecs, count, acc, set);
    cycle();
    pins->in_valid = false;
}

void lw(const std::vector<Vec>& rows) {
    issue(Opcode::lw, rows, static_cast<unsigned>(rows.size()));
}
void iw() {
    issue(Opcode::iw);
}
void abc(const Vec& x, unsigned acc, bool set) {
    issue(Opcode::abc, {x}, 0, acc, set);
}

Sums out_sums() {
    const sc_dt::sc_bv<N* 32> y = pins->out_y.read();
    Sums s{};
    for (unsigned r = 0; r < N; ++r)
        s[r] = static_cast<std::int32_t>(y.range(32 * r + 31, 32 * r).to_uint());
    return s;
}

// Issues ACC now and returns the sums it emits, checking they appear exactly LAT(ACC) cycles
// after issue and for one cycle only.
Sums drain(unsigned acc) {
    issue(Opcode::acc, {}, 0, acc);
    cycle(latency(Opcode::acc) - 1);
    EXPECT_TRUE(pins->out_valid.read());
    EXPECT_EQ(pins->out_acc.read(), acc);
    const Sums s = out_sums();
    cycle();
    EXPECT_FALSE(pins->out_valid.read());
    return s;
}

// Lets every issued instruction land.
void settle() {
    cycle(latency(Opcode::abc) + 1);
}

Vec filled(std::int8_t v) {
    Vec x;
    x.fill(v);
    return x;
}

Vec unit(unsigned i, std::int8_t v = 1) {
    Vec x{};
    x[i] = v;
    return x;
}

// Rows of v · identity.
std::vector<Vec> diagonal(std::int8_t v) {
    std::vector<Vec> rows;
    for (unsigned r = 0; r < N; ++r) rows.push_back(unit(r, v));
    return rows;
}

// x[c] = (c odd ? -1 : 1) · (c + 1): 1, -2, 3, -4, ...
Vec ramp() {
    Vec x;
    for (unsigned c = 0; c < N; ++c)
        x[c] = static_cast<std::int8_t>((c % 2 ? -1 : 1) * static_cast<int>(c + 1));
    return x;
}

Sums scaled(const Vec& x, int k) {
    Sums s;
    for (unsigned r = 0; r < N; ++r) s[r] = k * x[r];
    return s;
}

Sums all(std::int32_t v) {
    Sums s;
    s.fill(v);
    return s;
}

class MxmPlane : public ::testing::Test {
  protected:
    void SetUp() override {
        pins->in_valid = false;
        pins->rst = true;
        cycle();
        pins->rst = false;
    }
};

TEST_F(MxmPlane, IdentityWeightsReproduceTheActivation) {
    lw(diagonal(1));
    iw();
    abc(ramp(), 0, true);
    settle();
    EXPECT_EQ(drain(0), scaled(ramp(), 1));
}

TEST_F(MxmPlane, AccEmitsExactlyLatencyCyclesAfterIssue) {
    lw(diagonal(1));
    iw();
    abc(ramp(), 2, true);
    settle();
    issue(Opcode::acc, {}, 0, 2);
    for (unsigned k = 1; k < latency(Opcode::acc); ++k) {
        EXPECT_FALSE(pins->out_valid.read()) << "cycle " << k << " after issue";
        cycle();
    }
    EXPECT_TRUE(pins->out_valid.read());
    EXPECT_EQ(out_sums(), scaled(ramp(), 1));
}

TEST_F(MxmPlane, MostNegativeProductsSumWithoutOverflow) {
    lw(std::vector<Vec>(N, filled(-128)));
    iw();
    abc(filled(-128), 1, true);
    abc(filled(-128), 1, false);
    settle();
    EXPECT_EQ(drain(1), all(2 * 16384 * static_cast<std::int32_t>(N)));
    lw(std::vector<Vec>(N, filled(127)));
    iw();
    abc(filled(-128), 1, true);
    settle();
    EXPECT_EQ(drain(1), all(-16256 * static_cast<std::int32_t>(N)));
}

TEST_F(MxmPlane, AccumulatorWrapsAtInt32) {
    // Each ABC adds 16384·N = 2^(14 + log2 N); 2^31 / that many of them reach 2^31, which wraps.
    lw(std::vector<Vec>(N, filled(-128)));
    iw();
    const unsigned adds = (1u << 31) / (16384u * N);
    for (unsigned k = 0; k < adds; ++k) abc(filled(-128), 7, false);
    settle();
    EXPECT_EQ(drain(7), all(INT32_MIN));
    for (unsigned k = 0; k < adds + 1; ++k) abc(filled(-128), 7, false);
    settle();
    EXPECT_EQ(drain(7), all(INT32_MIN + 16384 * static_cast<std::int32_t>(N)));
}

TEST_F(MxmPlane, SetOverwritesAndPlainAbcAdds) {
    lw(diagonal(1));
    iw();
    abc(ramp(), 3, true);
    abc(ramp(), 3, false);
    abc(filled(5), 4, false);
    settle();
    EXPECT_EQ(drain(3), scaled(ramp(), 2));
    abc(ramp(), 4, true);  // discards the earlier 5s
    settle();
    EXPECT_EQ(drain(4), scaled(ramp(), 1));
    EXPECT_EQ(drain(5), all(0));  // untouched
}

TEST_F(MxmPlane, AccClearsTheAccumulator) {
    lw(diagonal(3));
    iw();
    abc(ramp(), 6, true);
    settle();
    EXPECT_EQ(drain(6), scaled(ramp(), 3));
    EXPECT_EQ(drain(6), all(0));
    abc(ramp(), 6, false);
    settle();
    EXPECT_EQ(drain(6), scaled(ramp(), 3));
}

TEST_F(MxmPlane, LwAfterIwLeavesActiveWeightsAlone) {
    lw(diagonal(1));
    iw();
    lw(diagonal(2));  // shadow only
    settle();
    abc(ramp(), 0, true);
    settle();
    EXPECT_EQ(drain(0), scaled(ramp(), 1));
    iw();
    abc(ramp(), 0, true);
    settle();
    EXPECT_EQ(drain(0), scaled(ramp(), 2));
    iw();  // IW copies: the shadow keeps the 2s
    abc(ramp(), 0, true);
    settle();
    EXPECT_EQ(drain(0), scaled(ramp(), 2));
}

// Row k of an LW stream holds k + 1 in column 0; x = e0 reads column 0 back as y[r] = W[r][0].
TEST_F(MxmPlane, RowPointerWrapsAfterNRowsAndIwResetsIt) {
    for (unsigned k = 0; k <= N; ++k) lw({unit(0, static_cast<std::int8_t>(k + 1))});
    iw();
    abc(unit(0), 0, true);
    settle();
    Sums expect;
    for (unsigned r = 0; r < N; ++r) expect[r] = static_cast<std::int32_t>(r + 1);
    expect[0] = N + 1;  // row N wrapped onto row 0
    EXPECT_EQ(drain(0), expect);

    lw({unit(0, 9)});  // the pointer restarted at row 0
    iw();
    abc(unit(0), 0, true);
    settle();
    expect[0] = 9;
    EXPECT_EQ(drain(0), expect);
}

TEST_F(MxmPlane, OneLwOfGRowsStoresThemInOrderAcrossTheWrap) {
    lw({unit(0, 1), unit(0, 2)});
    std::vector<Vec> rows;
    for (unsigned k = 0; k < G; ++k) rows.push_back(unit(0, static_cast<std::int8_t>(10 + k)));
    lw(rows);  // rows 2, 3, ... then wrapping to 0, 1, ...
    iw();
    abc(unit(0), 0, true);
    settle();
    Sums expect{};
    expect[0] = 1;
    expect[1 % N] = 2;
    for (unsigned k = 0; k < G; ++k) expect[(2 + k) % N] = static_cast<std::int32_t>(10 + k);
    EXPECT_EQ(drain(0), expect);
}

TEST_F(MxmPlane, IwInstallsRowsOfAnLwLandingInTheSameCycle) {
    ASSERT_EQ(latency(Opcode::lw), latency(Opcode::iw) + 1);
    lw(diagonal(1));
    iw();
    lw(diagonal(-1));  // lands one cycle after it issues, together with the next IW
    iw();
    abc(ramp(), 0, true);
    settle();
    EXPECT_EQ(drain(0), scaled(ramp(), -1));
}

TEST_F(MxmPlane, AbcUsesWeightsActiveInItsLandingCycle) {
    const unsigned gap = latency(Opcode::abc) - latency(Opcode::iw);  // IW issued `gap` later
    lw(diagonal(1));
    iw();
    lw(diagonal(4));
    settle();
    abc(ramp(), 0, true);  // an IW landing with it comes after it: old weights
    cycle(gap - 1);
    iw();
    settle();
    EXPECT_EQ(drain(0), scaled(ramp(), 1));

    lw(diagonal(1));
    iw();
    lw(diagonal(4));
    settle();
    abc(ramp(), 0, true);  // an IW landing one cycle before it: new weights
    cycle(gap - 2);
    iw();
    settle();
    EXPECT_EQ(drain(0), scaled(ramp(), 4));
}

TEST_F(MxmPlane, AccIncludesAbcIssuedLatencyDifferenceBefore) {
    const unsigned gap = latency(Opcode::abc) - latency(Opcode::acc);
    lw(diagonal(1));
    iw();
    abc(ramp(), 0, true);
    cycle(gap - 1);
    EXPECT_EQ(drain(0), scaled(ramp(), 1));  // landed together: included, then cleared
    EXPECT_EQ(drain(0), all(0));

    abc(ramp(), 1, true);
    cycle(gap - 2);
    EXPECT_EQ(drain(1), all(0));  // drained one cycle before the ABC landed
    EXPECT_EQ(drain(1), scaled(ramp(), 1));
}

// The flag is combinational: read while the instruction is still driven.
TEST_F(MxmPlane, FlagsWhatItCannotExecute) {
    drive(Opcode::add);
    cycle();
    EXPECT_TRUE(pins->in_unsupported.read());
    drive(Opcode::lw, {}, 0);
    cycle();
    EXPECT_TRUE(pins->in_unsupported.read());
    drive(Opcode::lw, {}, G + 1);
    cycle();
    EXPECT_TRUE(pins->in_unsupported.read());
    drive(Opcode::lw, {}, G);
    cycle();
    EXPECT_FALSE(pins->in_unsupported.read());
    drive(Opcode::acc);
    cycle();
    EXPECT_FALSE(pins->in_unsupported.read());
    pins->in_valid = false;
    cycle(latency(Opcode::abc) + 1);
}

TEST_F(MxmPlane, ResetClearsWeightsAndAccumulators) {
    lw(diagonal(1));
    iw();
    abc(ramp(), 0, true);
    settle();
    pins->rst = true;
    cycle();
    pins->rst = false;
    abc(ramp(), 1, true);
    settle();
    EXPECT_EQ(drain(0), all(0));
    EXPECT_EQ(drain(1), all(0));  // zero weights
}

}  // namespace
}  // namespace nodevp::rtl::test

int sc_main(int argc, char* argv[]) {
    using namespace nodevp::rtl::test;
    auto p = std::make_unique<Pins>();
    pins = p.get();
    RTL_MODEL dut("dut");
    dut.clk(bench_clock());
    dut.rst(p->rst);
    dut.in_valid(p->in_valid);
    dut.in_opcode(p->in_opcode);
    dut.in_count(p->in_count);
    dut.in_acc(p->in_acc);
    dut.in_set(p->in_set);
    dut.in_vec(p->in_vec);
    dut.in_unsupported(p->in_unsupported);
    dut.out_valid(p->out_valid);
    dut.out_acc(p->out_acc);
    dut.out_y(p->out_y);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
