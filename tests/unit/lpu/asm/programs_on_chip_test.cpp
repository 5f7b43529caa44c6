// The shipped example programs run on the chip model and produce the hand-computed results
// (expected values come from the formulas that generated the programs' data, in plain loops).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "models/lpu/chip/chip.hpp"
#include "sw/lpu/asm/asm.hpp"

using namespace nodevp::lpu;

namespace {

constexpr unsigned kVl = 32;  // default geometry

Program load_program(const std::string& name) {
    const std::string path = std::string(NODEVP_LPU_PROGRAMS_DIR) + "/" + name;
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return assemble(s.str(), path);
}

std::vector<std::uint8_t> vector_at(Chip& chip, std::uint32_t slice, std::uint32_t address) {
    std::vector<std::uint8_t> v(kVl);
    const std::uint64_t offset = (std::uint64_t{slice} * chip.geometry().mem_words + address) * kVl;
    EXPECT_TRUE(chip.read_sram(offset, v.data(), kVl));
    return v;
}

void run_to_completion(Chip& chip, const Program& p) {
    chip.load(p);
    const auto state = chip.run(10000);
    ASSERT_TRUE(!chip.error()) << chip.error()->to_string();
    ASSERT_EQ(state, Chip::State::done);
}

}  // namespace

TEST(LpuShippedPrograms, VectorAddSumsTwoInt8VectorsWithWrapAround) {
    Chip chip(ChipConfig{});
    const Program p = load_program("vector_add.lpuasm");
    run_to_completion(chip, p);
    const auto sum = vector_at(chip, 2, 1);  // e0, vector 1
    for (unsigned i = 0; i < kVl; ++i) {
        const int a = 4 * static_cast<int>(i) - 60, b = 70 + static_cast<int>(i);
        EXPECT_EQ(static_cast<std::int8_t>(sum[i]), static_cast<std::int8_t>(a + b))
            << "lane " << i;
    }
    // The last event is the WRITE issued in cycle 7 storing in cycle 7 + 2.
    EXPECT_EQ(chip.stats().cycles, 10u);
}

TEST(LpuShippedPrograms, MatVecComputesInt8ProductThroughOnePlane) {
    Chip chip(ChipConfig{});
    const Program p = load_program("matvec_i8.lpuasm");
    run_to_completion(chip, p);
    std::vector<std::vector<std::uint8_t>> planes;
    for (std::uint32_t slice : {1u, 0u, 2u, 3u}) planes.push_back(vector_at(chip, slice, 32));
    for (unsigned r = 0; r < kVl; ++r) {
        std::int32_t expect = 0;
        for (unsigned c = 0; c < kVl; ++c)
            expect += (static_cast<int>((7 * r + 3 * c) % 17) - 8) * (static_cast<int>(c % 11) - 5);
        std::uint32_t got = 0;
        for (unsigned j = 0; j < 4; ++j) got |= std::uint32_t{planes[j][r]} << (8 * j);
        EXPECT_EQ(static_cast<std::int32_t>(got), expect) << "row " << r;
    }
    // The last event is the WRITE issued in cycle 53 storing in cycle 53 + 2.
    EXPECT_EQ(chip.stats().cycles, 56u);
}
