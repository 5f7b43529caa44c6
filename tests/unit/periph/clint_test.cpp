// Bench: one CLINT with two harts at the node's timebase, driven by a test initiator.
#include <gtest/gtest.h>

#include "gen/node_map.hpp"
#include "gen/regs.hpp"
#include "models/periph/clint.hpp"
#include "tests/unit/common/test_initiator.hpp"

namespace {

using namespace nodevp;
namespace regs = gen::regs::clint;
using sc_core::SC_NS;
using sc_core::sc_time;
using sc_core::SC_US;

constexpr unsigned kHarts = 2;
// The bench binds each hart's lines to recorder lines numbered like mip bits.
constexpr unsigned kIrqMsip = 3;
constexpr unsigned kIrqMtip = 7;
// At 10 MHz one mtime tick lasts 100 ns.
static_assert(gen::map::timebase_hz == 10000000, "golden values below assume 10 MHz");

struct Bench {
    Clint clint{"clint", kHarts, gen::map::timebase_hz};
    test::TestInitiator cpu{"cpu"};
    test::IrqRecorder hart[kHarts];
    Bench() {
        cpu.isock.bind(clint.tsock);
        for (unsigned h = 0; h < kHarts; ++h) {
            clint.msip(h).bind(hart[h], kIrqMsip);
            clint.mtip(h).bind(hart[h], kIrqMtip);
        }
    }
};

Bench& bench() {
    static Bench b;
    return b;
}

std::uint64_t mtimecmp(unsigned h) {
    return regs::MTIMECMP + h * regs::MTIMECMP_stride;
}
std::uint64_t msip(unsigned h) {
    return regs::MSIP + h * regs::MSIP_stride;
}

// Runs the simulation to the next mtime tick boundary (100 ns), where mtime just incremented.
void align_to_tick() {
    const sc_time tick(100, SC_NS);
    const sc_dt::uint64 into = sc_core::sc_time_stamp().value() % tick.value();
    if (into != 0) sc_core::sc_start(tick - sc_time::from_value(into));
}

class ClintTest : public ::testing::Test {
  protected:
    void TearDown() override {
        for (unsigned h = 0; h < kHarts; ++h) {
            b.cpu.write(mtimecmp(h), ~0ULL, 8);
            b.cpu.write(msip(h), 0, 4);
        }
    }
    Bench& b = bench();
};

TEST_F(ClintTest, MtimecmpResetsToAllOnesAndMtipIsLow) {
    EXPECT_EQ(b.cpu.read(mtimecmp(0), 8), ~0ULL);
    EXPECT_EQ(b.cpu.read(mtimecmp(1), 8), ~0ULL);
    EXPECT_FALSE(b.hart[0].level(kIrqMtip));
}

TEST_F(ClintTest, MtimeAdvancesAtTimebaseWithSimulatedTime) {
    align_to_tick();
    ASSERT_EQ(b.cpu.write(regs::MTIME, 1000, 8), tlm::TLM_OK_RESPONSE);
    sc_core::sc_start(sc_time(1, sc_core::SC_MS));
    EXPECT_EQ(b.cpu.read(regs::MTIME, 8), 1000u + 10000u);  // 1 ms at 10 MHz
}

TEST_F(ClintTest, MtimeIncludesTheInitiatorsLocalTimeOffset) {
    align_to_tick();
    ASSERT_EQ(b.cpu.write(regs::MTIME, 0, 8), tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(b.cpu.read(regs::MTIME, 8, sc_time(250, SC_NS)), 2u);
    EXPECT_EQ(b.cpu.read(regs::MTIME, 8, sc_time(1, SC_US)), 10u);
}

TEST_F(ClintTest, MtipRisesAtTheExactTimeMtimeReachesMtimecmp) {
    align_to_tick();
    ASSERT_EQ(b.cpu.write(regs::MTIME, 0, 8), tlm::TLM_OK_RESPONSE);
    const sc_time start = sc_core::sc_time_stamp();
    ASSERT_EQ(b.cpu.write(mtimecmp(1), 1000, 8), tlm::TLM_OK_RESPONSE);  // 100 us away
    EXPECT_FALSE(b.hart[1].level(kIrqMtip));
    sc_core::sc_start(sc_time(100, SC_US) - sc_time(1, SC_NS));
    EXPECT_FALSE(b.hart[1].level(kIrqMtip));
    sc_core::sc_start(sc_time(2, SC_NS));
    EXPECT_TRUE(b.hart[1].level(kIrqMtip));
    EXPECT_EQ(b.hart[1].changed_at[kIrqMtip], start + sc_time(100, SC_US));
    EXPECT_FALSE(b.hart[0].level(kIrqMtip));
}

TEST_F(ClintTest, MtipFollowsRewritesOfMtimecmpAndMtime) {
    ASSERT_EQ(b.cpu.write(regs::MTIME, 500, 8), tlm::TLM_OK_RESPONSE);
    b.cpu.write(mtimecmp(0), 500, 8);
    EXPECT_TRUE(b.hart[0].level(kIrqMtip));  // already reached: raised by the write
    b.cpu.write(mtimecmp(0), 600, 8);
    EXPECT_FALSE(b.hart[0].level(kIrqMtip));
    align_to_tick();
    b.cpu.write(regs::MTIME, 590, 8);  // now 10 ticks = 1 us away
    const sc_time start = sc_core::sc_time_stamp();
    sc_core::sc_start(sc_time(2, SC_US));
    EXPECT_TRUE(b.hart[0].level(kIrqMtip));
    EXPECT_EQ(b.hart[0].changed_at[kIrqMtip], start + sc_time(1, SC_US));
}

TEST_F(ClintTest, MsipKeepsBitZeroOnlyAndDrivesItsHart) {
    ASSERT_EQ(b.cpu.write(msip(1), 0xffffffff, 4), tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(b.cpu.read(msip(1), 4), 1u);
    EXPECT_TRUE(b.hart[1].level(kIrqMsip));
    EXPECT_FALSE(b.hart[0].level(kIrqMsip));
    b.cpu.write(msip(1), 0, 4);
    EXPECT_FALSE(b.hart[1].level(kIrqMsip));
}

TEST_F(ClintTest, ThirtyTwoBitHalvesOfMtimecmpAndMtime) {
    ASSERT_EQ(b.cpu.write(mtimecmp(0) + 4, 0x12345678, 4), tlm::TLM_OK_RESPONSE);
    ASSERT_EQ(b.cpu.write(mtimecmp(0), 0x9abcdef0, 4), tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(b.cpu.read(mtimecmp(0), 8), 0x123456789abcdef0ULL);
    EXPECT_EQ(b.cpu.read(mtimecmp(0) + 4, 4), 0x12345678u);
    ASSERT_EQ(b.cpu.write(regs::MTIME + 4, 0x1, 4), tlm::TLM_OK_RESPONSE);
    ASSERT_EQ(b.cpu.write(regs::MTIME, 0x2, 4), tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(b.cpu.read(regs::MTIME, 8), 0x100000002ULL);
    EXPECT_EQ(b.cpu.read(regs::MTIME + 4, 4), 0x1u);
}

TEST_F(ClintTest, GuestMistakesAreTlmErrors) {
    EXPECT_EQ(b.cpu.write(msip(kHarts), 1, 4), tlm::TLM_ADDRESS_ERROR_RESPONSE);
    EXPECT_EQ(b.cpu.write(mtimecmp(kHarts), 1, 8), tlm::TLM_ADDRESS_ERROR_RESPONSE);
    EXPECT_EQ(b.cpu.write(regs::MTIME, 1, 2), tlm::TLM_GENERIC_ERROR_RESPONSE);
    EXPECT_EQ(b.cpu.write(mtimecmp(0) + 2, 1, 4), tlm::TLM_GENERIC_ERROR_RESPONSE);
}

}  // namespace
