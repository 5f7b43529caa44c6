// Two chips over C2C, and a full-size chip (20 superlanes, 88 MEM slices, 4 planes).
#include <gtest/gtest.h>

#include "tests/unit/lpu/chip/chip_fixture.hpp"

namespace nodevp::lpu::test {
namespace {

constexpr unsigned kLatency = 10;

// Chip A: mem.w0 READs in cycle 0 (at the C2C position 4 in cycle 4); SEND in 4 -> arrives at B
// in 14. Chip B: DESKEW waits until 14, RECEIVE in 14 lands s0e in 15 at 4, mem.e1 (6) WRITEs
// it in 17.
ProgramBuilder sender() {
    ProgramBuilder b(default_geometry());
    b.data(kW0, 0, pattern(32, 3));
    b.q("mem.w0").read(0, E(0));
    b.q("c2c").at(4).send(E(0), 0);
    return b;
}

TEST(ChipC2c, SendArrivesAtPeerAfterLinkLatency) {
    auto a = make_chip(default_geometry(), kLatency);
    auto b = make_chip(default_geometry(), kLatency);
    a->connect(0, *b, 1);
    ProgramBuilder rx(default_geometry());
    rx.q("c2c").deskew(1).receive(1, E(0));
    rx.q("mem.e1").at(17).write(5, E(0));
    a->load(sender().program());
    b->load(rx.program());
    // Lockstep in windows no longer than the link latency.
    while (a->state() == Chip::State::running || b->state() == Chip::State::running) {
        a->run(kLatency);
        b->run(kLatency);
    }
    ASSERT_EQ(a->state(), Chip::State::done);
    ASSERT_EQ(b->state(), Chip::State::done) << b->error()->to_string();
    EXPECT_EQ(read_vector(*b, kE1, 5), pattern(32, 3));
    EXPECT_EQ(b->cycle(), 20u);  // store in cycle 19
}

TEST(ChipC2c, ReceiveBeforeArrivalIsStreamEmpty) {
    auto a = make_chip(default_geometry(), kLatency);
    auto b = make_chip(default_geometry(), kLatency);
    a->connect(0, *b, 0);
    ProgramBuilder rx(default_geometry());
    rx.q("c2c").at(13).receive(0, E(0));
    a->load(sender().program());
    b->load(rx.program());
    ASSERT_EQ(a->run(100), Chip::State::done);
    ASSERT_EQ(b->run(100), Chip::State::error);
    const ErrorReport& e = *b->error();
    EXPECT_EQ(e.code, ErrorCode::stream_empty);
    EXPECT_EQ(e.cycle, 13u);
    EXPECT_EQ(e.queue, "c2c");
    EXPECT_EQ(e.detail, "link 0: no vector received (next arrives in cycle 14)");
}

TEST(ChipC2c, SendOnUnconnectedLinkIsBadOperand) {
    auto a = make_chip(default_geometry(), kLatency);
    ASSERT_EQ(run_program(*a, sender()), Chip::State::error);
    EXPECT_EQ(a->error()->code, ErrorCode::bad_operand);
    EXPECT_EQ(a->error()->cycle, 4u);
    EXPECT_EQ(a->error()->detail, "link 0 is not connected");
}

TEST(ChipFullSize, StreamsWholeSliceAcrossTheChip) {
    // mem.w0 (46) READs vectors 0 … 8191 in cycles 0 … 8191; each reaches mem.e43 (91) 45 cycles
    // after landing, so mem.e43 WRITEs them in cycles 48 … 8239 (stores until 8241).
    const Geometry g = full_geometry();
    const unsigned vl = g.vector_bytes();
    ProgramBuilder b(g);
    std::vector<std::uint8_t> slice(std::size_t{8192} * vl);
    for (std::size_t i = 0; i < slice.size(); ++i)
        slice[i] = static_cast<std::uint8_t>(i * 13 + i / vl);
    b.data(0, 0, slice);
    b.q("mem.w0").read(0, E(9), 1).repeat(8191, 1);
    b.q("mem.e43").at(48).write(0, E(9), 1).repeat(8191, 1);
    auto chip = make_chip(g);
    EXPECT_EQ(chip->sram_bytes(), 88ull * 8192 * 320);
    ASSERT_EQ(run_program(*chip, b), Chip::State::done) << chip->error()->to_string();
    EXPECT_EQ(chip->cycle(), 8242u);
    EXPECT_EQ(chip->stats().instructions, 8192u * 2 + 1);
    const std::uint32_t e43 = 44 + 43;
    for (std::uint32_t a : {0u, 1u, 4095u, 8191u}) {
        const std::vector<std::uint8_t> want(slice.begin() + a * vl, slice.begin() + (a + 1) * vl);
        EXPECT_EQ(read_vector(*chip, e43, a), want) << a;
    }
}

TEST(ChipFullSize, SixtyFourSlicesStreamEveryCycleWithoutConflict) {
    // w0 … w31 READ eastward on s0e … s31e and e0 … e31 westward on s0w … s31w, every cycle for
    // 8192 cycles; mem.e43 (91) WRITEs what w31 (15) sends on s31e, 76 cycles later.
    const Geometry g = full_geometry();
    ProgramBuilder b(g);
    for (unsigned i = 0; i < 32; ++i) {
        b.q("mem.w" + std::to_string(i)).read(0, E(i), 1).repeat(8191, 1);
        b.q("mem.e" + std::to_string(i)).read(0, W(i), 1).repeat(8191, 1);
    }
    b.data(31, 100, pattern(320, 77));
    b.q("mem.e43").at(3 + 76 + 100).write(5, E(31));
    auto chip = make_chip(g);
    ASSERT_EQ(run_program(*chip, b), Chip::State::done) << chip->error()->to_string();
    EXPECT_EQ(chip->cycle(), 8191u + 3 + 1);
    EXPECT_EQ(read_vector(*chip, 44 + 43, 5), pattern(320, 77));
}

}  // namespace
}  // namespace nodevp::lpu::test
