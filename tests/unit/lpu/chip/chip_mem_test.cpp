// MEM slices: GATHER/SCATTER, bank conflicts, address range, ECC and fault injection, program
// loading and host SRAM access.
#include <stdexcept>

#include <gtest/gtest.h>

#include "tests/unit/lpu/chip/chip_fixture.hpp"

namespace nodevp::lpu::test {
namespace {

constexpr std::uint64_t kWordsPerVector = 2;  // VL 32 = two 16-byte ECC words

std::uint64_t word_of(std::uint32_t slice, std::uint32_t addr, unsigned k = 0) {
    return (std::uint64_t{slice} * 8192 + addr) * kWordsPerVector + k;
}

TEST(ChipMem, GatherReadsByteIOfVectorBasePlusIndexI) {
    // Index from mem.w1 (2, cycle 3) reaches mem.w0 (3) in cycle 4; GATHER result lands in
    // cycle 8 at 3 and reaches mem.e1 (6) in cycle 11.
    std::vector<std::uint8_t> index(32);
    for (unsigned i = 0; i < 32; ++i) index[i] = static_cast<std::uint8_t>(i % 3);
    ProgramBuilder b(default_geometry());
    b.data(kW1, 0, index);
    for (unsigned a = 10; a < 13; ++a) b.data(kW0, a, pattern(32, a));
    b.q("mem.w1").read(0, E(0));
    b.q("mem.w0").at(4).gather(10, E(0), E(1));
    b.q("mem.e1").at(11).write(0, E(1));
    auto chip = make_chip();
    ASSERT_EQ(run_program(*chip, b), Chip::State::done);
    std::vector<std::uint8_t> want(32);
    for (unsigned i = 0; i < 32; ++i) want[i] = pattern(32, 10 + i % 3)[i];
    EXPECT_EQ(read_vector(*chip, kE1, 0), want);
}

ProgramBuilder scatter_program(std::int64_t base, std::uint8_t odd_index) {
    // Index (s0w) from mem.e1 READ in cycle 1 and data (s1e) from mem.w0 READ in cycle 0 both
    // pass mem.e0 (5) in cycle 5; the SCATTER stores in cycle 9.
    std::vector<std::uint8_t> index(32);
    for (unsigned i = 0; i < 32; ++i) index[i] = i % 2 ? odd_index : 0;
    ProgramBuilder b(default_geometry());
    b.data(kE1, 0, index).data(kW0, 0, pattern(32, 7));
    b.q("mem.w0").read(0, E(1));
    b.q("mem.e1").at(1).read(0, W(0));
    b.q("mem.e0").at(5).scatter(base, W(0), E(1));
    return b;
}

TEST(ChipMem, ScatterStoresLaneIToVectorBasePlusIndexI) {
    auto chip = make_chip();
    ASSERT_EQ(run_program(*chip, scatter_program(20, 1)), Chip::State::done);
    const auto data = pattern(32, 7);
    std::vector<std::uint8_t> even(32, 0), odd(32, 0);
    for (unsigned i = 0; i < 32; ++i) (i % 2 ? odd : even)[i] = data[i];
    EXPECT_EQ(read_vector(*chip, kE0, 20), even);
    EXPECT_EQ(read_vector(*chip, kE0, 21), odd);
    EXPECT_EQ(chip->cycle(), 10u);
}

TEST(ChipMem, ScatterLaneOutsideSliceIsAddressRange) {
    auto chip = make_chip();
    ASSERT_EQ(run_program(*chip, scatter_program(8000, 255)), Chip::State::error);
    const ErrorReport& e = *chip->error();
    EXPECT_EQ(e.code, ErrorCode::address_range);
    EXPECT_EQ(e.cycle, 5u);
    EXPECT_EQ(e.queue, "mem.e0");
    EXPECT_EQ(e.pc, 1u);
    EXPECT_EQ(e.detail, "vector 8255 outside 0 … 8191 of mem.e0");
}

TEST(ChipMem, ReadOutsideSliceIsAddressRange) {
    ProgramBuilder b(default_geometry());
    b.q("mem.w1").read(8192, E(0));
    auto chip = make_chip();
    ASSERT_EQ(run_program(*chip, b), Chip::State::error);
    EXPECT_EQ(chip->error()->code, ErrorCode::address_range);
    EXPECT_EQ(chip->error()->cycle, 0u);
    EXPECT_EQ(chip->error()->queue, "mem.w1");
    EXPECT_EQ(chip->error()->detail, "vector 8192 outside 0 … 8191 of mem.w1");
}

// mem.w0 WRITEs in cycle 5 (its bank access is in cycle 7) and READs vector `read_addr` in 7.
ProgramBuilder bank_program(std::uint32_t read_addr) {
    ProgramBuilder b(default_geometry());
    b.q("mem.e0").read(0, W(0));  // at mem.w0 (3) in cycle 5
    b.q("mem.w0").at(5).write(2, W(0)).at(7).read(read_addr, E(3));
    return b;
}

TEST(ChipMem, WriteAndReadOfOneBankInOneCycleIsBankConflict) {
    auto chip = make_chip();
    ASSERT_EQ(run_program(*chip, bank_program(4)), Chip::State::error);
    const ErrorReport& e = *chip->error();
    EXPECT_EQ(e.code, ErrorCode::bank_conflict);
    EXPECT_EQ(e.cycle, 7u);
    EXPECT_EQ(e.queue, "mem.w0");
    EXPECT_EQ(e.pc, 1u);  // the WRITE, whose store comes second in the cycle
    EXPECT_EQ(e.opcode, static_cast<std::uint8_t>(Opcode::write));
    EXPECT_EQ(e.detail, "bank 0 of mem.w0 already accessed in this cycle (by pc 3)");
}

TEST(ChipMem, WriteAndReadOfDifferentBanksInOneCycleIsFine) {
    auto chip = make_chip();
    EXPECT_EQ(run_program(*chip, bank_program(5)), Chip::State::done);
}

ProgramBuilder ecc_program() {
    // mem.w0 READs vector 5 in cycle 0; mem.e1 WRITEs it to vector 7 in cycle 6.
    ProgramBuilder b(default_geometry());
    b.data(kW0, 5, pattern(32, 5));
    b.q("mem.w0").read(5, E(1));
    b.q("mem.e1").at(6).write(7, E(1));
    return b;
}

TEST(ChipEcc, CorrectsSingleBitFlipAndCountsIt) {
    auto chip = make_chip();
    chip->load(ecc_program().program());
    chip->inject_bit_flip(word_of(kW0, 5, 1), 77);
    ASSERT_EQ(chip->run(1000), Chip::State::done);
    EXPECT_EQ(read_vector(*chip, kE1, 7), pattern(32, 5));
    EXPECT_EQ(chip->stats().ecc_corrected, 1u);
    EXPECT_EQ(chip->stats().ecc_detected, 0u);
}

TEST(ChipEcc, CorrectsFlippedCheckBit) {
    auto chip = make_chip();
    chip->load(ecc_program().program());
    chip->inject_bit_flip(word_of(kW0, 5, 0), 131);
    ASSERT_EQ(chip->run(1000), Chip::State::done);
    EXPECT_EQ(read_vector(*chip, kE1, 7), pattern(32, 5));
    EXPECT_EQ(chip->stats().ecc_corrected, 1u);
}

TEST(ChipEcc, DoubleBitFlipStopsTheReadBeforeTheStream) {
    auto chip = make_chip();
    chip->load(ecc_program().program());
    chip->inject_bit_flip(word_of(kW0, 5, 0), 3);
    chip->inject_bit_flip(word_of(kW0, 5, 0), 100);
    ASSERT_EQ(chip->run(1000), Chip::State::error);
    const ErrorReport& e = *chip->error();
    EXPECT_EQ(e.code, ErrorCode::ecc_uncorrectable);
    EXPECT_EQ(e.cycle, 0u);
    EXPECT_EQ(e.queue, "mem.w0");
    EXPECT_EQ(e.pc, 0u);
    EXPECT_EQ(e.detail, "uncorrectable ECC error in vector 5 of mem.w0");
    EXPECT_EQ(chip->stats().ecc_detected, 1u);
    EXPECT_EQ(read_vector(*chip, kE1, 7), std::vector<std::uint8_t>(32, 0));
}

TEST(ChipEcc, HostReadCorrectsSingleAndRejectsDoubleFlips) {
    auto chip = make_chip();
    const auto v = pattern(32, 9);
    const std::uint64_t off = (std::uint64_t{kE0} * 8192 + 40) * 32;
    chip->write_sram(off, v.data(), v.size());
    chip->inject_bit_flip(off / 16, 0);
    std::vector<std::uint8_t> got(32);
    EXPECT_TRUE(chip->read_sram(off, got.data(), got.size()));
    EXPECT_EQ(got, v);
    EXPECT_EQ(chip->stats().ecc_corrected, 1u);
    chip->inject_bit_flip(off / 16 + 1, 5);
    chip->inject_bit_flip(off / 16 + 1, 6);
    EXPECT_FALSE(chip->read_sram(off, got.data(), got.size()));
    EXPECT_EQ(chip->stats().ecc_detected, 1u);
    chip->write_sram(off, v.data(), v.size());  // a full rewrite clears the fault
    EXPECT_TRUE(chip->read_sram(off, got.data(), got.size()));
    EXPECT_EQ(got, v);
}

TEST(ChipSram, HostAccessCoversFirstAndLastByteAndRejectsPastTheEnd) {
    auto chip = make_chip();
    EXPECT_EQ(chip->sram_bytes(), 4ull * 8192 * 32);  // 1 MiB
    const std::uint8_t in[2] = {0xa5, 0x5a};
    chip->write_sram(0, in, 1);
    chip->write_sram(chip->sram_bytes() - 1, in + 1, 1);
    std::uint8_t out = 0;
    EXPECT_TRUE(chip->read_sram(chip->sram_bytes() - 1, &out, 1));
    EXPECT_EQ(out, 0x5a);
    EXPECT_TRUE(chip->read_sram(0, &out, 1));
    EXPECT_EQ(out, 0xa5);
    EXPECT_THROW(chip->read_sram(chip->sram_bytes() - 1, &out, 2), std::out_of_range);
    EXPECT_THROW(chip->write_sram(chip->sram_bytes(), in, 1), std::out_of_range);
}

TEST(ChipLoad, RejectsProgramsThatDoNotFit) {
    ChipConfig cfg;
    cfg.queue_depth = 2;
    Chip chip(cfg);
    Geometry other;
    other.superlanes = 4;
    EXPECT_THROW(chip.load(ProgramBuilder(other).program()), ImageError);
    ProgramBuilder unknown(default_geometry());
    unknown.q("mem.w7").nop(1);
    EXPECT_THROW(chip.load(unknown.program()), ImageError);
    ProgramBuilder deep(default_geometry());
    deep.q("vxm.0").nop(1).nop(1).nop(1);
    EXPECT_THROW(chip.load(deep.program()), ImageError);
    ProgramBuilder data(default_geometry());
    data.data(kE1, 8191, std::vector<std::uint8_t>(64));
    EXPECT_THROW(chip.load(data.program()), ImageError);
    EXPECT_EQ(chip.state(), Chip::State::idle);
}

}  // namespace
}  // namespace nodevp::lpu::test
