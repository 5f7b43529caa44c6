// Streams, instruction issue and the ICU instructions. Expected cycles come from the contract:
// a value written at position p in cycle t is at p±k in cycle t+k; READ lands at issue + 3,
// WRITE stores at issue + 2.
#include <gtest/gtest.h>

#include "models/lpu/chip/layout.hpp"
#include "tests/unit/lpu/chip/chip_fixture.hpp"

namespace nodevp::lpu::test {
namespace {

TEST(ChipLayout, PlacesDefaultSlicesMirroredAroundTheVxm) {
    const chip::Layout l = chip::Layout::build(default_geometry());
    EXPECT_EQ(l.positions, 8u);
    EXPECT_EQ(l.vxm_position, 4u);
    auto pos = [&](const char* n) { return l.queues.at(l.find(n)).position; };
    EXPECT_EQ(pos("mxm.0"), 0u);
    EXPECT_EQ(pos("sxm.w"), 1u);
    EXPECT_EQ(pos("mem.w1"), 2u);
    EXPECT_EQ(pos("mem.w0"), 3u);
    EXPECT_EQ(pos("vxm.3"), 4u);
    EXPECT_EQ(pos("c2c"), 4u);
    EXPECT_EQ(pos("mem.e0"), 5u);
    EXPECT_EQ(pos("mem.e1"), 6u);
    EXPECT_EQ(pos("sxm.e"), 7u);
    EXPECT_EQ(l.queues.size(), 4u + 4u + 1u + 3u);
}

TEST(ChipLayout, PlacesFullSizePlanesOutermostLast) {
    Geometry g;
    g.superlanes = 20;
    g.mem_slices = 88;
    g.mxm_planes = 4;
    g.vxm_alus = 16;
    const chip::Layout l = chip::Layout::build(g);
    auto pos = [&](const char* n) { return l.queues.at(l.find(n)).position; };
    EXPECT_EQ(l.positions, 95u);
    EXPECT_EQ(pos("mxm.2"), 0u);
    EXPECT_EQ(pos("mxm.0"), 1u);
    EXPECT_EQ(pos("sxm.w"), 2u);
    EXPECT_EQ(pos("mem.w43"), 3u);
    EXPECT_EQ(pos("mem.w0"), 46u);
    EXPECT_EQ(pos("vxm.15"), 47u);
    EXPECT_EQ(pos("mem.e43"), 91u);
    EXPECT_EQ(pos("sxm.e"), 92u);
    EXPECT_EQ(pos("mxm.1"), 93u);
    EXPECT_EQ(pos("mxm.3"), 94u);
    EXPECT_EQ(l.queues.size(), 111u);
}

// mem.w0 (position 3) READs in cycle 0: the value is at 3 in cycle 3, at mem.e1 (6) in cycle 6.
ProgramBuilder east_copy(std::uint64_t write_cycle) {
    ProgramBuilder b(default_geometry());
    b.data(kW0, 5, pattern(32, 5));
    b.q("mem.w0").read(5, E(1));
    b.q("mem.e1").at(write_cycle).write(7, E(1));
    return b;
}

TEST(ChipStreams, ValueMovesEastOnePositionPerCycle) {
    auto chip = make_chip();
    ASSERT_EQ(run_program(*chip, east_copy(6)), Chip::State::done);
    EXPECT_EQ(read_vector(*chip, kE1, 7), pattern(32, 5));
    EXPECT_EQ(chip->cycle(), 9u);  // store in cycle 8
    EXPECT_EQ(chip->stats().cycles, 9u);
    EXPECT_EQ(chip->stats().instructions, 3u);  // READ, NOP, WRITE
}

TEST(ChipStreams, ReadBeforeArrivalIsStreamEmpty) {
    auto chip = make_chip();
    ASSERT_EQ(run_program(*chip, east_copy(5)), Chip::State::error);
    const ErrorReport& e = *chip->error();
    EXPECT_EQ(e.code, ErrorCode::stream_empty);
    EXPECT_EQ(e.cycle, 5u);
    EXPECT_EQ(e.queue, "mem.e1");
    EXPECT_EQ(e.pc, 1u);
    EXPECT_EQ(e.opcode, static_cast<std::uint8_t>(Opcode::write));
    EXPECT_EQ(e.detail, "s1e at position 6: no value present (next arrives in cycle 6)");
    EXPECT_EQ(chip->cycle(), 6u);
    EXPECT_EQ(read_vector(*chip, kE1, 7), std::vector<std::uint8_t>(32, 0));
}

TEST(ChipStreams, ReadAfterValuePassedIsStreamEmpty) {
    auto chip = make_chip();
    ASSERT_EQ(run_program(*chip, east_copy(7)), Chip::State::error);
    EXPECT_EQ(chip->error()->code, ErrorCode::stream_empty);
    EXPECT_EQ(chip->error()->cycle, 7u);
    EXPECT_EQ(chip->error()->detail, "s1e at position 6: no value present");
    EXPECT_NE(chip->error()->to_string().find("stream-empty at cycle 7 in mem.e1 pc 1 (WRITE)"),
              std::string::npos);
}

TEST(ChipStreams, ValueMovesWestOnePositionPerCycle) {
    // mem.e0 (5) READ in cycle 0 -> at 5 in cycle 3 -> at mem.w1 (2) in cycle 6.
    ProgramBuilder b(default_geometry());
    b.data(kE0, 2, pattern(32, 2));
    b.q("mem.e0").read(2, W(0));
    b.q("mem.w1").at(6).write(9, W(0));
    auto chip = make_chip();
    ASSERT_EQ(run_program(*chip, b), Chip::State::done);
    EXPECT_EQ(read_vector(*chip, kW1, 9), pattern(32, 2));
}

TEST(ChipStreams, WriterDestroyingValueInFlightIsStreamOverwrite) {
    // mem.w1 (2) writes s1e in cycle 3; it passes mem.w0 (3) in cycle 4, where mem.w0's READ
    // (issued in cycle 1) writes s1e without reading it.
    ProgramBuilder b(default_geometry());
    b.q("mem.w1").read(0, E(1));
    b.q("mem.w0").at(1).read(1, E(1));
    auto chip = make_chip();
    ASSERT_EQ(run_program(*chip, b), Chip::State::error);
    const ErrorReport& e = *chip->error();
    EXPECT_EQ(e.code, ErrorCode::stream_overwrite);
    EXPECT_EQ(e.cycle, 4u);
    EXPECT_EQ(e.queue, "mem.w0");
    EXPECT_EQ(e.pc, 1u);
    EXPECT_EQ(e.opcode, static_cast<std::uint8_t>(Opcode::read));
    EXPECT_EQ(e.detail, "s1e at position 3: destroys a value in flight that is not read here");
}

TEST(ChipStreams, UnitMayReplaceTheValueItConsumesInTheSameCycle) {
    // As above, but mem.w0 also WRITEs (reads) s1e in cycle 4: the chain is legal. Downstream
    // mem.e1 (6) sees mem.w0's value in cycle 7.
    ProgramBuilder b(default_geometry());
    b.data(kW1, 0, pattern(32, 10)).data(kW0, 1, pattern(32, 11));
    b.q("mem.w1").read(0, E(1));
    b.q("mem.w0").at(1).read(1, E(1)).at(4).write(9, E(1));
    b.q("mem.e1").at(7).write(3, E(1));
    auto chip = make_chip();
    ASSERT_EQ(run_program(*chip, b), Chip::State::done);
    EXPECT_EQ(read_vector(*chip, kW0, 9), pattern(32, 10));
    EXPECT_EQ(read_vector(*chip, kE1, 3), pattern(32, 11));
}

TEST(ChipStreams, TwoWritersOnOneStreamPositionIsStreamConflict) {
    // Both VXM ALUs (position 4) read s1e in cycle 4 and write s4e in cycle 6.
    ProgramBuilder b(default_geometry());
    b.q("mem.w0").read(0, E(1));
    b.q("vxm.0").at(4).vun(Opcode::mov, ElemType::i8, E(4), E(1));
    b.q("vxm.1").at(4).vun(Opcode::mov, ElemType::i8, E(4), E(1));
    auto chip = make_chip();
    ASSERT_EQ(run_program(*chip, b), Chip::State::error);
    const ErrorReport& e = *chip->error();
    EXPECT_EQ(e.code, ErrorCode::stream_conflict);
    EXPECT_EQ(e.cycle, 6u);
    EXPECT_EQ(e.queue, "vxm.1");
    EXPECT_EQ(e.pc, 1u);
    EXPECT_EQ(e.opcode, static_cast<std::uint8_t>(Opcode::mov));
    EXPECT_EQ(e.detail, "s4e at position 4: written twice in one cycle");
}

TEST(ChipIssue, RepeatIssuesCopiesApartWithAddressStride) {
    // mem.w0 READs 10, 12, 14, 16 in cycles 0, 2, 4, 6 (values at mem.e1 in 6, 8, 10, 12);
    // mem.e1 WRITEs them to 20 … 23 in those cycles.
    ProgramBuilder b(default_geometry());
    for (unsigned a = 10; a <= 16; a += 2) b.data(kW0, a, pattern(32, a));
    b.q("mem.w0").read(10, E(2), 2).repeat(3, 2);
    b.q("mem.e1").at(6).write(20, E(2), 1).repeat(3, 2);
    auto chip = make_chip();
    ASSERT_EQ(run_program(*chip, b), Chip::State::done);
    for (unsigned k = 0; k < 4; ++k)
        EXPECT_EQ(read_vector(*chip, kE1, 20 + k), pattern(32, 10 + 2 * k)) << k;
    EXPECT_EQ(chip->cycle(), 15u);                   // last store in cycle 12 + 2
    EXPECT_EQ(chip->stats().instructions, 4u + 5u);  // copies counted, REPEAT words not
}

TEST(ChipIssue, RepeatCopyOutOfRangeReportsTheRepeat) {
    ProgramBuilder b(default_geometry());
    b.q("mem.w0").read(8190, E(2), 1).repeat(3, 1);
    auto chip = make_chip();
    ASSERT_EQ(run_program(*chip, b), Chip::State::error);
    const ErrorReport& e = *chip->error();
    EXPECT_EQ(e.code, ErrorCode::address_range);
    EXPECT_EQ(e.cycle, 2u);  // copy 2 reads vector 8192
    EXPECT_EQ(e.pc, 1u);
    EXPECT_EQ(e.opcode, static_cast<std::uint8_t>(Opcode::read));
    EXPECT_EQ(e.detail, "vector 8192 outside 0 … 8191 of mem.w0");
}

TEST(ChipIssue, RepeatWithoutPreviousInstructionIsBadOperand) {
    ProgramBuilder b(default_geometry());
    b.q("sxm.w").repeat(2, 1);
    auto chip = make_chip();
    ASSERT_EQ(run_program(*chip, b), Chip::State::error);
    EXPECT_EQ(chip->error()->code, ErrorCode::bad_operand);
    EXPECT_EQ(chip->error()->queue, "sxm.w");
    EXPECT_EQ(chip->error()->cycle, 0u);
}

TEST(ChipIssue, SyncResumesOneCycleAfterNotify) {
    // vxm.0 NOTIFYs in cycle 4: mem.w0 READs in cycle 5 (value at mem.e1 in 11); mem.e1 resumes
    // in 5 and waits 6 cycles. A late or early resume makes the WRITE find no value.
    ProgramBuilder b(default_geometry());
    b.data(kW0, 0, pattern(32, 1));
    b.q("mem.w0").sync().read(0, E(3));
    b.q("mem.e1").sync().nop(6).write(4, E(3));
    b.q("vxm.0").nop(4).notify();
    auto chip = make_chip();
    ASSERT_EQ(run_program(*chip, b), Chip::State::done);
    EXPECT_EQ(read_vector(*chip, kE1, 4), pattern(32, 1));
    EXPECT_EQ(chip->cycle(), 14u);
}

TEST(ChipIssue, SyncSeesNotifyIssuedInTheSameCycle) {
    ProgramBuilder b(default_geometry());
    b.data(kW0, 0, pattern(32, 1));
    b.q("mem.w0").sync().read(0, E(3));  // resumes in cycle 1: value at mem.e1 in 7
    b.q("vxm.0").notify();
    b.q("mem.e1").at(7).write(4, E(3));
    auto chip = make_chip();
    ASSERT_EQ(run_program(*chip, b), Chip::State::done);
    EXPECT_EQ(read_vector(*chip, kE1, 4), pattern(32, 1));
}

TEST(ChipIssue, AllQueuesInSyncIsDeadlock) {
    ProgramBuilder b(default_geometry());
    b.q("mem.w0").sync();
    b.q("vxm.0").notify().sync();  // releases mem.w0, then waits alone in cycle 1
    auto chip = make_chip();
    ASSERT_EQ(run_program(*chip, b), Chip::State::error);
    const ErrorReport& e = *chip->error();
    EXPECT_EQ(e.code, ErrorCode::deadlock);
    EXPECT_EQ(e.cycle, 1u);
    EXPECT_EQ(e.queue, "vxm.0");
    EXPECT_EQ(e.pc, 1u);
    EXPECT_EQ(e.opcode, static_cast<std::uint8_t>(Opcode::sync));
}

TEST(ChipIssue, IfetchIsUndefinedOpcode) {
    ProgramBuilder b(default_geometry());
    b.q("mem.e0").nop(2).ifetch();
    auto chip = make_chip();
    ASSERT_EQ(run_program(*chip, b), Chip::State::error);
    const ErrorReport& e = *chip->error();
    EXPECT_EQ(e.code, ErrorCode::undefined_opcode);
    EXPECT_EQ(e.cycle, 2u);
    EXPECT_EQ(e.queue, "mem.e0");
    EXPECT_EQ(e.pc, 1u);
    EXPECT_EQ(e.opcode, static_cast<std::uint8_t>(Opcode::ifetch));
    EXPECT_NE(e.detail.find("IFETCH"), std::string::npos);
}

TEST(ChipIssue, UnknownOpcodeAndWrongUnitAreUndefinedOpcode) {
    ProgramBuilder b(default_geometry());
    b.q("sxm.e").raw(0xff);
    auto chip = make_chip();
    ASSERT_EQ(run_program(*chip, b), Chip::State::error);
    EXPECT_EQ(chip->error()->code, ErrorCode::undefined_opcode);
    EXPECT_EQ(chip->error()->opcode, 0xff);
    EXPECT_EQ(chip->error()->detail, "opcode 255 is not defined");

    ProgramBuilder c(default_geometry());
    c.q("mem.w1").vbin(Opcode::add, ElemType::i8, E(0), E(1), E(2));
    ASSERT_EQ(run_program(*chip, c), Chip::State::error);
    EXPECT_EQ(chip->error()->code, ErrorCode::undefined_opcode);
    EXPECT_EQ(chip->error()->detail, "ADD is not an instruction of queue mem.w1");
}

TEST(ChipIssue, NopOccupiesItsQueueAndEndsWithoutActivity) {
    // NOP 3 then READ in cycle 3 (lands in 6); a trailing NOP adds no cycles.
    ProgramBuilder b(default_geometry());
    b.q("mem.w0").nop(3).read(0, E(0)).nop(50);
    auto chip = make_chip();
    ASSERT_EQ(run_program(*chip, b), Chip::State::done);
    EXPECT_EQ(chip->cycle(), 7u);
}

TEST(ChipIssue, RunStopsAtTheCycleBudgetAndResumes) {
    auto chip = make_chip();
    chip->load(east_copy(6).program());
    EXPECT_EQ(chip->run(5), Chip::State::running);
    EXPECT_EQ(chip->cycle(), 5u);
    EXPECT_EQ(chip->run(100), Chip::State::done);
    EXPECT_EQ(chip->cycle(), 9u);
    EXPECT_EQ(read_vector(*chip, kE1, 7), pattern(32, 5));
}

}  // namespace
}  // namespace nodevp::lpu::test
