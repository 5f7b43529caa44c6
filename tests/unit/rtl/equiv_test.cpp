// RTL/TLM equivalence (issue 4): directed, seeded random and FFN programs give bit-identical SRAM
// and identical cycle counts with both RTL units and with the C++ units, at the `default`
// geometry (VL 32) and at one superlane (VL 16); a corrupted RTL output bit is caught; what the
// RTL does not implement is refused with a clear error.
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <systemc>

#include "models/lpu/isa/isa.hpp"
#include "rtl/lpu/wrap/rtl_units.hpp"
#include "sw/lpu/sched/sched.hpp"
#include "sw/lpu/sched/tensor.hpp"
#include "tests/unit/lpu/chip/program_builder.hpp"
#include "tests/unit/rtl/equiv_bench.hpp"

namespace nodevp::rtl::test {
namespace {

using namespace lpu;
using lpu::test::E;
using lpu::test::ProgramBuilder;
using lpu::test::W;

std::vector<std::int8_t> random_i8(std::mt19937& rng, std::size_t n) {
    std::vector<std::int8_t> v(n);
    for (auto& x : v) x = static_cast<std::int8_t>(rng());
    return v;
}

void expect_equivalent(const Program& p, std::uint32_t seed, const std::string& what) {
    for (auto& pair : pairs()) {
        if (!(p.geometry == pair.tlm->geometry())) continue;
        EXPECT_EQ(compare_run(pair, p, seed), "") << what << " on " << pair.name;
    }
}

// Every program below is built for each bench geometry.
template <class Make>
void for_each_geometry(Make make) {
    for (auto& pair : pairs()) make(pair.tlm->geometry());
}

// Hand-placed MXM and VXM traffic (timing from the ISA table and the layout, as in
// tests/unit/lpu/chip): LW of every row through one plane, IW, two ABCs into one accumulator
// (set, then add), ACC, the drained planes stored, and REQ, MUL and RELU on the result.
Program directed_mxm(const Geometry& g) {
    const unsigned vl = g.vector_bytes();
    ProgramBuilder b(g);
    std::mt19937 rng(7);
    for (unsigned r = 0; r < vl; ++r) {
        std::vector<std::uint8_t> row(vl);
        for (auto& x : row) x = static_cast<std::uint8_t>(rng());
        b.data(1, r, row);  // mem.w1
    }
    b.q("mem.w1").read(0, W(0), 1).repeat(vl - 1, 1);
    b.q("mxm.0").at(5).lw(W(0), 1).repeat(vl - 1, 1).iw();
    b.q("mem.w0").at(vl).read(100, W(1)).read(101, W(1));
    b.q("mxm.0").abc(W(1), 5, true).abc(W(1), 5).at(vl + 9).acc(5, E(4));
    const std::uint64_t out = vl + 9 + 2;  // ACC lands: planes leave position 0
    b.q("mem.w1").at(out + 2).write(200, E(4));
    b.q("mem.w0").at(out + 3).write(200, E(5));
    // The group passes the VXM (position 4) in out + 4: REQ lands in out + 8, MUL in out + 7,
    // and they reach mem.e0 (5) one cycle later, mem.e1 (6) two.
    b.q("vxm.0").at(out + 4).req(ElemType::i8, E(8), E(4), -77, 9);
    b.q("vxm.1").at(out + 4).vbin(Opcode::mul, ElemType::i16, E(10), E(4), E(6));
    b.q("mem.e0").at(out + 5).write(200, E(6)).at(out + 8).write(202, E(10));
    b.q("mem.e0").at(out + 9).write(201, E(8));
    b.q("mem.e1").at(out + 6).write(200, E(7)).at(out + 9).write(202, E(11));
    return b.program();
}

const Opcode kIntBinary[] = {Opcode::add,  Opcode::sub, Opcode::mul,  Opcode::min, Opcode::max,
                             Opcode::and_, Opcode::or_, Opcode::xor_, Opcode::shl, Opcode::shr};
const Opcode kIntUnary[] = {Opcode::mov, Opcode::neg, Opcode::abs, Opcode::relu};

// An elementwise program, or nothing if the geometry cannot place that type's planes.
bool try_elementwise(const Geometry& g, Opcode op, ElemType t, unsigned vectors, Program& out) {
    try {
        out = sched::elementwise(g, op, t, vectors);
        return true;
    } catch (const std::exception&) {  // e.g. i32 planes on 2 MEM slices per hemisphere
        return false;
    }
}

TEST(RtlEquivalence, DirectedMxmAndVxmProgramMatchesTlm) {
    for_each_geometry([](const Geometry& g) { expect_equivalent(directed_mxm(g), 1, "directed"); });
}

TEST(RtlEquivalence, ProgramAfterOneAbandonedWithInstructionsInFlightMatchesTlm) {
    for (auto& pair : pairs()) {
        const Geometry g = pair.rtl->geometry();
        const Program p = directed_mxm(g);
        pair.rtl->reset();
        pair.rtl->load(p);
        // Stops after cycle VL + 10: ACC (issued in VL + 9) has its out_valid up for VL + 11.
        run_chip(*pair.rtl, g.vector_bytes() + 11);
        ASSERT_EQ(pair.rtl->state(), Chip::State::running);
        EXPECT_EQ(compare_run(pair, p, 21), "") << pair.name;
    }
}

TEST(RtlEquivalence, EveryIntegerVxmOpOnEveryPlaceableTypeMatchesTlm) {
    for_each_geometry([](const Geometry& g) {
        unsigned placed = 0;
        for (ElemType t : {ElemType::i8, ElemType::i16, ElemType::i32}) {
            Program p;
            for (Opcode op : kIntBinary)
                if (try_elementwise(g, op, t, 5, p)) {
                    ++placed;
                    expect_equivalent(p, 2, std::string(info(op)->mnemonic));
                }
            for (Opcode op : kIntUnary)
                if (try_elementwise(g, op, t, 5, p))
                    expect_equivalent(p, 3, std::string(info(op)->mnemonic));
        }
        EXPECT_GT(placed, 0u);
    });
}

TEST(RtlEquivalence, MatmulAndRequantisedMatmulMatchTlm) {
    for_each_geometry([](const Geometry& g) {
        const unsigned vl = g.vector_bytes();
        std::mt19937 rng(11);
        const auto w = random_i8(rng, std::size_t{2} * vl * 3 * vl);
        expect_equivalent(sched::matmul_i8(g, w, 2 * vl, 3 * vl, 3), 5, "matmul");
        expect_equivalent(sched::matmul_i8_requant(g, w, 2 * vl, 3 * vl, 2, 1234, 13), 6,
                          "matmul_requant");
    });
}

TEST(RtlEquivalence, FfnBlockMatchesTlm) {
    for_each_geometry([](const Geometry& g) {
        const unsigned vl = g.vector_bytes();
        std::mt19937 rng(13);
        sched::FfnSpec s;
        s.d_model = 2 * vl;
        s.d_ff = 4 * vl;
        s.w_up = random_i8(rng, std::size_t{s.d_ff} * s.d_model);
        s.w_down = random_i8(rng, std::size_t{s.d_model} * s.d_ff);
        s.up_scale = 3;
        s.up_shift = 8;
        s.down_scale = 5;
        s.down_shift = 10;
        expect_equivalent(sched::ffn_i8(g, s), 14, "ffn");
    });
}

// One random program: a product (optionally requantised) or an elementwise op, with random
// shapes, data, scale and shift. (sched::requant reads i32 planes from SRAM: it needs 4 MEM
// slices per hemisphere, more than the bench geometries have; REQ comes through products.)
Program random_program(const Geometry& g, std::mt19937& rng, std::string& what) {
    const unsigned vl = g.vector_bytes();
    const auto pick = [&](unsigned n) { return static_cast<unsigned>(rng() % n); };
    switch (pick(4)) {
        case 0:
        case 1: {
            const unsigned rows = vl * (1 + pick(3)), cols = vl * (1 + pick(3)),
                           batch = 1 + pick(3);
            const auto w = random_i8(rng, std::size_t{rows} * cols);
            what = "matmul " + std::to_string(rows) + "x" + std::to_string(cols);
            if (pick(2)) return sched::matmul_i8(g, w, rows, cols, batch);
            return sched::matmul_i8_requant(g, w, rows, cols, batch,
                                            static_cast<std::int32_t>(rng() % 60000) - 30000,
                                            pick(24));
        }
        case 2: {
            const bool unary = pick(3) == 0;
            const Opcode op = unary ? kIntUnary[pick(4)] : kIntBinary[pick(10)];
            const ElemType t = pick(2) ? ElemType::i8 : ElemType::i16;
            what = std::string(info(op)->mnemonic) + "." + std::string(elem_name(t));
            return sched::elementwise(g, op, t, 1 + pick(12));
        }
        default: {  // REQ with an extreme scale: exercises rounding and saturation
            const unsigned rows = vl * (1 + pick(2)), cols = vl;
            const auto w = random_i8(rng, std::size_t{rows} * cols);
            what = "requantised matmul, large scale";
            return sched::matmul_i8_requant(g, w, rows, cols, 1,
                                            static_cast<std::int32_t>(rng()) >> 2, pick(40));
        }
    }
}

TEST(RtlEquivalence, SeededRandomProgramsMatchTlm) {
    const unsigned seeds = 12;
    for (std::uint32_t seed = 1; seed <= seeds; ++seed)
        for_each_geometry([seed](const Geometry& g) {
            std::mt19937 rng(seed * 7919u + g.vector_bytes());
            std::string what;
            const Program p = random_program(g, rng, what);
            expect_equivalent(p, seed, "seed " + std::to_string(seed) + ": " + what);
        });
}

TEST(RtlEquivalence, CorruptedRtlMxmOutputBitIsReportedAsFirstDifferingByte) {
    auto& pair = pairs()[0];
    const Geometry g = pair.tlm->geometry();
    std::mt19937 rng(17);
    const auto w = random_i8(rng, std::size_t{g.vector_bytes()} * g.vector_bytes());
    const Program p = sched::matmul_i8(g, w, g.vector_bytes(), g.vector_bytes());
    set_test_fault(TestFault::mxm);
    const std::string diff = compare_run(pair, p, 9);
    set_test_fault(TestFault::none);
    // Lane 0's int32 sum, byte plane 0 (`y.0`, vector 0, byte 0), differs in bit 0.
    const Symbol& y0 = sched::plane_symbol(p, "y", 0, 4);
    const std::string where = "(slice " + std::to_string(y0.slice) + ", vector " +
                              std::to_string(y0.address) + ", byte 0)";
    EXPECT_NE(diff.find(where), std::string::npos) << diff;
    EXPECT_EQ(compare_run(pair, p, 9), "");
}

TEST(RtlEquivalence, CorruptedRtlVxmOutputBitFailsTheCheck) {
    auto& pair = pairs()[1];
    const Program p = sched::elementwise(pair.tlm->geometry(), Opcode::add, ElemType::i8, 2);
    set_test_fault(TestFault::vxm);
    const std::string diff = compare_run(pair, p, 10);
    set_test_fault(TestFault::none);
    EXPECT_NE(diff.find("SRAM byte"), std::string::npos) << diff;
}

TEST(RtlUnits, F16MxmConfigStopsTheProgramNamingTheRtlMxm) {
    auto& chip = *pairs()[0].rtl;
    ProgramBuilder b(chip.geometry());
    b.q("mxm.0").config(ConfigReg::mxm_type, kMxmTypeF16);
    chip.reset();
    chip.load(b.program());
    const Outcome o = run_chip(chip);
    ASSERT_EQ(o.state, Chip::State::error);
    EXPECT_EQ(chip.error()->code, ErrorCode::bad_operand);
    EXPECT_NE(o.error.find("not implemented by the RTL MXM"), std::string::npos) << o.error;
}

TEST(RtlUnits, FloatVxmOpStopsTheProgramNamingTheRtlVxmAndOp) {
    auto& chip = *pairs()[0].rtl;
    ProgramBuilder b(chip.geometry());
    b.q("mem.w0").read(0, E(0));
    b.q("vxm.0").at(4).vun(Opcode::tanh, ElemType::f16, W(0), E(0));
    chip.reset();
    chip.load(b.program());
    const Outcome o = run_chip(chip);
    ASSERT_EQ(o.state, Chip::State::error);
    EXPECT_NE(o.error.find("TANH.f16 is not implemented by the RTL VXM"), std::string::npos)
        << o.error;
}

}  // namespace
}  // namespace nodevp::rtl::test

namespace {
int g_result = 1;
struct Runner : sc_core::sc_module {
    SC_HAS_PROCESS(Runner);
    explicit Runner(const sc_core::sc_module_name& n) : sc_core::sc_module(n) { SC_THREAD(run); }
    void run() {
        g_result = RUN_ALL_TESTS();
        sc_core::sc_stop();
    }
};
}  // namespace

int sc_main(int argc, char* argv[]) {
    ::testing::InitGoogleTest(&argc, argv);
    nodevp::rtl::test::build_pairs();
    Runner runner("runner");
    sc_core::sc_start();
    nodevp::rtl::test::destroy_pairs();
    return g_result;
}
