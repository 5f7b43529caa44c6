// VXM, MXM and SXM plumbing: operands read at issue at the unit's position, results written at
// issue + latency (ADD 2, MUL 3, ABC 4, ACC 2, SXM 2, TRANSPOSE 4) and arriving downstream.
#include <functional>
#include <string>
#include <utility>

#include <gtest/gtest.h>

#include "tests/unit/lpu/chip/chip_fixture.hpp"

namespace nodevp::lpu::test {
namespace {

std::vector<std::uint8_t> ramp(unsigned vl, int start, int step) {
    std::vector<std::uint8_t> v(vl);
    for (unsigned i = 0; i < vl; ++i) v[i] = static_cast<std::uint8_t>(start + step * int(i));
    return v;
}

// a (s0e from mem.w0) and b (s0w from mem.e0) meet at the VXM (4) in cycle 4; the result on
// s2e reaches mem.e1 (6) two cycles after it is written.
ProgramBuilder vxm_program(Opcode op, std::uint64_t write_cycle) {
    ProgramBuilder b(default_geometry());
    b.data(kW0, 0, ramp(32, 0, 1)).data(kE0, 1, ramp(32, 100, 2));
    b.q("mem.w0").read(0, E(0));
    b.q("mem.e0").read(1, W(0));
    b.q("vxm.2").at(4).vbin(op, ElemType::i8, E(2), E(0), W(0));
    b.q("mem.e1").at(write_cycle).write(0, E(2));
    return b;
}

TEST(ChipVxm, AddResultLandsAtIssuePlusTwo) {
    auto chip = make_chip();
    ASSERT_EQ(run_program(*chip, vxm_program(Opcode::add, 8)), Chip::State::done);
    EXPECT_EQ(read_vector(*chip, kE1, 0), ramp(32, 100, 3));
}

TEST(ChipVxm, MulResultLandsAtIssuePlusThree) {
    auto chip = make_chip();
    ASSERT_EQ(run_program(*chip, vxm_program(Opcode::mul, 9)), Chip::State::done);
    std::vector<std::uint8_t> want(32);
    for (unsigned i = 0; i < 32; ++i) want[i] = static_cast<std::uint8_t>(i * (100 + 2 * i));
    EXPECT_EQ(read_vector(*chip, kE1, 0), want);
}

TEST(ChipVxm, ReadingTheResultBeforeItLandsIsStreamEmpty) {
    auto chip = make_chip();
    ASSERT_EQ(run_program(*chip, vxm_program(Opcode::mul, 8)), Chip::State::error);
    EXPECT_EQ(chip->error()->code, ErrorCode::stream_empty);
    EXPECT_EQ(chip->error()->cycle, 8u);
    EXPECT_EQ(chip->error()->detail,
              "s2e at position 6: no value present (next arrives in cycle 9)");
}

TEST(ChipVxm, WideningConvertWritesAStreamPairAtIssuePlusThree) {
    // CVT.i16.i8 in cycle 4 lands s2e (low bytes) and s3e (high bytes) in cycle 7 at the VXM;
    // mem.e0 (5) takes s2e in 8, mem.e1 (6) s3e in 9.
    ProgramBuilder b(default_geometry());
    b.data(kW0, 0, ramp(32, -16, 1));
    b.q("mem.w0").read(0, E(0));
    b.q("vxm.1").at(4).cvt(ElemType::i16, ElemType::i8, E(2), E(0));
    b.q("mem.e0").at(8).write(0, E(2));
    b.q("mem.e1").at(9).write(0, E(3));
    auto chip = make_chip();
    ASSERT_EQ(run_program(*chip, b), Chip::State::done);
    std::vector<std::uint8_t> high(32);
    for (unsigned i = 0; i < 32; ++i) high[i] = i < 16 ? 0xff : 0x00;
    EXPECT_EQ(read_vector(*chip, kE0, 0), ramp(32, -16, 1));
    EXPECT_EQ(read_vector(*chip, kE1, 0), high);
}

TEST(ChipVxm, MisalignedStreamGroupIsBadOperand) {
    ProgramBuilder b(default_geometry());
    b.q("vxm.0").vbin(Opcode::add, ElemType::i16, E(2), E(1), E(4));
    auto chip = make_chip();
    ASSERT_EQ(run_program(*chip, b), Chip::State::error);
    const ErrorReport& e = *chip->error();
    EXPECT_EQ(e.code, ErrorCode::bad_operand);
    EXPECT_EQ(e.cycle, 0u);
    EXPECT_EQ(e.queue, "vxm.0");
    EXPECT_EQ(e.detail, "source s1e: a group of 2 aligned streams does not fit");
}

TEST(ChipVxm, TypeTheOpDoesNotTakeIsBadOperand) {
    ProgramBuilder b(default_geometry());
    b.q("vxm.1").vbin(Opcode::xor_, ElemType::f32, E(0), E(4), E(8));
    b.q("vxm.2").req(ElemType::i32, E(0), E(4), 1, 0);
    auto chip = make_chip();
    ASSERT_EQ(run_program(*chip, b), Chip::State::error);
    EXPECT_EQ(chip->error()->code, ErrorCode::bad_operand);
    EXPECT_EQ(chip->error()->queue, "vxm.1");
    EXPECT_EQ(chip->error()->detail, "XOR does not take type f32");
}

// Weights: row r of W from mem.w1 vector r (one LW per cycle), W[r][r] = 3, W[r][r+1 mod 32] = 1.
// x[c] = c − 16 from mem.w0. y[r] = 3·x[r] + x[r+1 mod 32], an int32 drained as 4 byte planes.
ProgramBuilder mxm_program() {
    ProgramBuilder b(default_geometry());
    for (unsigned r = 0; r < 32; ++r) {
        std::vector<std::uint8_t> row(32, 0);
        row[r] = 3;
        row[(r + 1) % 32] = 1;
        b.data(kW1, r, row);
    }
    b.data(kW0, 100, ramp(32, -16, 1));
    // Rows leave mem.w1 (2) in cycles 3 … 34 westward and reach mxm.0 (0) in 5 … 36.
    b.q("mem.w1").read(0, W(0), 1).repeat(31, 1);
    b.q("mxm.0").at(5).lw(W(0), 1).repeat(31, 1).iw();  // IW in 37, effective in 38
    // x leaves mem.w0 (3) in cycle 35 and reaches mxm.0 in 38.
    b.q("mem.w0").at(32).read(100, W(1));
    b.q("mxm.0").abc(W(1), 5, true).at(40).acc(5, E(4));  // ABC effect 42, ACC effect 42
    // Byte planes s4e … s7e leave position 0 in cycle 42: mem.w1 (2) 44, mem.w0 (3) 45,
    // mem.e0 (5) 47, mem.e1 (6) 48.
    b.q("mem.w1").at(44).write(200, E(4));
    b.q("mem.w0").at(45).write(200, E(5));
    b.q("mem.e0").at(47).write(200, E(6));
    b.q("mem.e1").at(48).write(200, E(7));
    // The group passes the VXM (4) in cycle 46: REQ.i8 lands in 50 and reaches mem.e0 in 51.
    b.q("vxm.0").at(46).req(ElemType::i8, E(8), E(4), 3, 2);
    b.q("mem.e0").at(51).write(201, E(8));
    return b;
}

TEST(ChipMxm, LoadsInstallsMultipliesAndDrainsOnSchedule) {
    auto chip = make_chip();
    ASSERT_EQ(run_program(*chip, mxm_program()), Chip::State::done) << chip->error()->to_string();
    const std::uint32_t slices[4] = {kW1, kW0, kE0, kE1};
    std::vector<std::uint8_t> got[4];
    for (unsigned k = 0; k < 4; ++k) got[k] = read_vector(*chip, slices[k], 200);
    for (unsigned r = 0; r < 32; ++r) {
        const std::int32_t y = 3 * (int(r) - 16) + (int((r + 1) % 32) - 16);
        std::uint32_t word = 0;
        for (unsigned k = 0; k < 4; ++k) word |= std::uint32_t{got[k][r]} << (8 * k);
        EXPECT_EQ(static_cast<std::int32_t>(word), y) << "row " << r;
        const std::int64_t q = (std::int64_t{y} * 3 + 2) >> 2;  // |q| < 128: no saturation
        EXPECT_EQ(static_cast<std::int8_t>(read_vector(*chip, kE0, 201)[r]), q) << "row " << r;
    }
    EXPECT_EQ(chip->stats().mxm_macs, 32u * 32u);
    EXPECT_EQ(chip->cycle(), 54u);  // mem.e0's last store in cycle 53
}

TEST(ChipMxm, BadAccumulatorIsBadOperand) {
    ProgramBuilder b(default_geometry());
    b.q("mxm.0").acc(8, E(0));
    auto chip = make_chip();
    ASSERT_EQ(run_program(*chip, b), Chip::State::error);
    EXPECT_EQ(chip->error()->code, ErrorCode::bad_operand);
    EXPECT_EQ(chip->error()->detail, "accumulator 8 does not exist");
}

TEST(ChipMxm, WeightGroupOutOfRangeIsBadOperand) {
    ProgramBuilder b(default_geometry());
    b.q("mxm.0").lw(W(30), 3);
    auto chip = make_chip();
    ASSERT_EQ(run_program(*chip, b), Chip::State::error);
    EXPECT_EQ(chip->error()->code, ErrorCode::bad_operand);
    EXPECT_EQ(chip->error()->detail, "weights s30w: a group of 3 streams does not fit");
}

TEST(ChipMxm, ConfigF16TakesEffectNextCycleAndNeedsStreamPairs) {
    ProgramBuilder b(default_geometry());
    // CONFIG in cycle 0 writes in cycle 1 after the reads: an ABC in cycle 2 is f16.
    b.q("mxm.0").config(ConfigReg::mxm_type, kMxmTypeF16).at(2).abc(W(1), 0);
    auto chip = make_chip();
    ASSERT_EQ(run_program(*chip, b), Chip::State::error);
    EXPECT_EQ(chip->error()->code, ErrorCode::bad_operand);
    EXPECT_EQ(chip->error()->cycle, 2u);
    EXPECT_EQ(chip->error()->pc, 2u);
    EXPECT_EQ(chip->error()->detail, "activations s1w: a group of 2 aligned streams does not fit");
}

TEST(ChipMxm, ConfigOutsideAnMxmQueueIsBadOperand) {
    ProgramBuilder b(default_geometry());
    b.q("mem.e0").config(ConfigReg::mxm_type, kMxmTypeF16);
    auto chip = make_chip();
    ASSERT_EQ(run_program(*chip, b), Chip::State::error);
    EXPECT_EQ(chip->error()->code, ErrorCode::bad_operand);
    EXPECT_EQ(chip->error()->queue, "mem.e0");
}

// SXM_E (7) issues in cycle `issue`: a comes from mem.e1 (6, READ 4 cycles earlier), m from
// mem.e0 (5, READ 5 cycles earlier). The westward result reaches mem.e1 a cycle after it lands.
std::vector<std::uint8_t> run_sxm(const std::function<void(ProgramBuilder&)>& op,
                                  std::uint64_t issue, std::uint64_t latency,
                                  const std::vector<std::uint8_t>& a,
                                  const std::vector<std::uint8_t>& m = {}) {
    ProgramBuilder b(default_geometry());
    b.data(kE1, 0, a);
    b.q("mem.e1").at(issue - 4).read(0, E(0));
    if (!m.empty()) {
        b.data(kE0, 0, m);
        b.q("mem.e0").at(issue - 5).read(0, E(1));
    }
    b.q("sxm.e").at(issue);
    op(b);
    b.q("mem.e1").at(issue + latency + 1).write(10, W(3));
    auto chip = make_chip();
    EXPECT_EQ(run_program(*chip, b), Chip::State::done);
    return read_vector(*chip, kE1, 10);
}

TEST(ChipSxm, ShiftUpMovesLanesUpWithZeroFill) {
    const auto a = ramp(32, 1, 1);
    const auto got =
        run_sxm([](ProgramBuilder& b) { b.sxm(Opcode::shiftup, W(3), E(0), 3); }, 4, 2, a);
    for (unsigned i = 0; i < 32; ++i) EXPECT_EQ(got[i], i < 3 ? 0 : a[i - 3]) << i;
}

TEST(ChipSxm, ShiftDownMovesLanesDownWithZeroFill) {
    const auto a = ramp(32, 1, 1);
    const auto got =
        run_sxm([](ProgramBuilder& b) { b.sxm(Opcode::shiftdn, W(3), E(0), 3); }, 4, 2, a);
    for (unsigned i = 0; i < 32; ++i) EXPECT_EQ(got[i], i + 3 < 32 ? a[i + 3] : 0) << i;
}

TEST(ChipSxm, RotateMovesLanesUpCircularly) {
    const auto a = ramp(32, 1, 1);
    const auto got =
        run_sxm([](ProgramBuilder& b) { b.sxm(Opcode::rotate, W(3), E(0), 5); }, 4, 2, a);
    for (unsigned i = 0; i < 32; ++i) EXPECT_EQ(got[(i + 5) % 32], a[i]) << i;
}

TEST(ChipSxm, DistributeCopiesOneLanePerSuperlane) {
    const auto a = ramp(32, 1, 1);
    const auto got =
        run_sxm([](ProgramBuilder& b) { b.sxm(Opcode::distribute, W(3), E(0), 7); }, 4, 2, a);
    for (unsigned i = 0; i < 32; ++i) EXPECT_EQ(got[i], a[(i / 16) * 16 + 7]) << i;
}

TEST(ChipSxm, PermuteSelectsLaneMapIModVl) {
    const auto a = ramp(32, 1, 1);
    std::vector<std::uint8_t> m(32);
    for (unsigned i = 0; i < 32; ++i) m[i] = static_cast<std::uint8_t>(31 - i + (i % 2) * 32);
    const auto got = run_sxm([](ProgramBuilder& b) { b.permute(W(3), E(0), E(1)); }, 5, 2, a, m);
    for (unsigned i = 0; i < 32; ++i) EXPECT_EQ(got[i], a[31 - i]) << i;
}

// Sixteen VXM ALUs build 16 different rows from v (s0e) and u (s0w) in cycle 4 onto
// s16e … s31e; they reach SXM_E (7) in cycle 9; TRANSPOSE lands s0w … s15w in 13. Streams 0, 1,
// 3, 4 are captured by mem.e1 (14), mem.e0 (15), mem.w0 (17), mem.w1 (18).
TEST(ChipSxm, TransposeSwapsStreamAndLaneInEachSuperlane) {
    Geometry g = default_geometry();
    g.vxm_alus = 16;
    auto i8 = [](int x) { return static_cast<std::int8_t>(x); };
    std::vector<std::uint8_t> v(32), u(32);
    for (unsigned i = 0; i < 32; ++i) {
        v[i] = static_cast<std::uint8_t>(i8(int(i) * 7 - 100));
        u[i] = static_cast<std::uint8_t>(i8(50 - 3 * int(i)));
    }
    struct Row {
        Opcode op;
        bool binary, swap;
        std::function<int(int, int)> f;
    };
    const Row rows[16] = {
        {Opcode::mov, false, false, [](int a, int) { return a; }},
        {Opcode::mov, false, true, [](int a, int) { return a; }},
        {Opcode::add, true, false, [](int a, int b) { return a + b; }},
        {Opcode::sub, true, false, [](int a, int b) { return a - b; }},
        {Opcode::sub, true, true, [](int a, int b) { return a - b; }},
        {Opcode::min, true, false, [](int a, int b) { return a < b ? a : b; }},
        {Opcode::max, true, false, [](int a, int b) { return a > b ? a : b; }},
        {Opcode::and_, true, false, [](int a, int b) { return a & b; }},
        {Opcode::or_, true, false, [](int a, int b) { return a | b; }},
        {Opcode::xor_, true, false, [](int a, int b) { return a ^ b; }},
        {Opcode::neg, false, false, [](int a, int) { return -a; }},
        {Opcode::neg, false, true, [](int a, int) { return -a; }},
        {Opcode::abs, false, false, [](int a, int) { return a < 0 ? -a : a; }},
        {Opcode::abs, false, true, [](int a, int) { return a < 0 ? -a : a; }},
        {Opcode::relu, false, false, [](int a, int) { return a < 0 ? 0 : a; }},
        {Opcode::relu, false, true, [](int a, int) { return a < 0 ? 0 : a; }},
    };
    ProgramBuilder b(g);
    b.data(kW0, 0, v).data(kE0, 0, u);
    b.q("mem.w0").read(0, E(0)).at(17).write(50, W(3));
    b.q("mem.e0").read(0, W(0)).at(15).write(50, W(1));
    b.q("mem.e1").at(14).write(50, W(0));
    b.q("mem.w1").at(18).write(50, W(4));
    for (unsigned j = 0; j < 16; ++j) {
        const Stream x = rows[j].swap ? W(0) : E(0), y = rows[j].swap ? E(0) : W(0);
        b.q("vxm." + std::to_string(j)).at(4);
        if (rows[j].binary)
            b.vbin(rows[j].op, ElemType::i8, E(16 + j), x, y);
        else
            b.vun(rows[j].op, ElemType::i8, E(16 + j), x);
    }
    b.q("sxm.e").at(9).sxm(Opcode::transpose, W(0), E(16));
    auto chip = make_chip(g);
    ASSERT_EQ(run_program(*chip, b), Chip::State::done) << chip->error()->to_string();
    const std::pair<unsigned, std::uint32_t> captured[4] = {{0, kE1}, {1, kE0}, {3, kW0}, {4, kW1}};
    for (const auto& [i, slice] : captured) {
        const auto got = read_vector(*chip, slice, 50);
        for (unsigned base = 0; base < 32; base += 16)
            for (unsigned j = 0; j < 16; ++j) {
                const unsigned lane = base + i;
                const int a = rows[j].swap ? i8(u[lane]) : i8(v[lane]);
                const int c = rows[j].swap ? i8(v[lane]) : i8(u[lane]);
                EXPECT_EQ(got[base + j], static_cast<std::uint8_t>(i8(rows[j].f(a, c))))
                    << "stream " << i << " lane " << base + j;
            }
    }
}

TEST(ChipSxm, DistributeLaneAbove15IsBadOperand) {
    ProgramBuilder b(default_geometry());
    b.q("sxm.w").sxm(Opcode::distribute, E(0), E(1), 16);
    auto chip = make_chip();
    ASSERT_EQ(run_program(*chip, b), Chip::State::error);
    EXPECT_EQ(chip->error()->code, ErrorCode::bad_operand);
    EXPECT_EQ(chip->error()->detail, "DISTRIBUTE lane 16 outside 0 … 15");
}

}  // namespace
}  // namespace nodevp::lpu::test
