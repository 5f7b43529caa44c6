// Bench: a PLIC with the node's source count and two harts (contexts 0..3).
#include <gtest/gtest.h>

#include "gen/node_map.hpp"
#include "gen/regs.hpp"
#include "models/periph/plic.hpp"
#include "tests/unit/common/test_initiator.hpp"

namespace {

using namespace nodevp;
namespace regs = gen::regs::plic;

constexpr unsigned kSources = gen::map::plic_sources;
constexpr unsigned kContexts = 4;

struct Bench {
    Plic plic{"plic", kSources, kContexts};
    test::TestInitiator cpu{"cpu"};
    test::IrqRecorder contexts;  // line n = context n
    Bench() {
        cpu.isock.bind(plic.tsock);
        for (unsigned c = 0; c < kContexts; ++c) plic.context_irq(c).bind(contexts, c);
    }
};

Bench& bench() {
    static Bench b;
    return b;
}

std::uint64_t priority(unsigned s) {
    return regs::PRIORITY + s * regs::PRIORITY_stride;
}
std::uint64_t pending_word(unsigned w) {
    return regs::PENDING + w * regs::PENDING_stride;
}
std::uint64_t enable(unsigned ctx, unsigned w) {
    return regs::ENABLE + ctx * regs::ENABLE_context_stride + w * regs::ENABLE_stride;
}
std::uint64_t threshold(unsigned ctx) {
    return regs::THRESHOLD + ctx * regs::THRESHOLD_context_stride;
}
std::uint64_t claim(unsigned ctx) {
    return regs::CLAIM + ctx * regs::CLAIM_context_stride;
}

class PlicTest : public ::testing::Test {
  protected:
    // Sources below 32 live in enable word 0.
    void enable_source(unsigned ctx, unsigned s) {
        const std::uint64_t old = b.cpu.read(enable(ctx, s / 32), 4);
        ASSERT_EQ(b.cpu.write(enable(ctx, s / 32), old | (1u << (s % 32)), 4),
                  tlm::TLM_OK_RESPONSE);
    }
    void set_priority(unsigned s, unsigned p) {
        ASSERT_EQ(b.cpu.write(priority(s), p, 4), tlm::TLM_OK_RESPONSE);
    }
    std::uint64_t claim_from(unsigned ctx) { return b.cpu.read(claim(ctx), 4); }

    // Back to reset: lines low, every claim completed, all registers zero.
    void TearDown() override {
        for (unsigned s = 1; s <= kSources; ++s) b.plic.irq_changed(s, false);
        for (unsigned w = 0; w <= kSources / 32; ++w) b.cpu.write(enable(0, w), ~0u, 4);
        for (unsigned s = 1; s <= kSources; ++s) b.cpu.write(claim(0), s, 4);
        for (unsigned c = 0; c < kContexts; ++c) {
            for (unsigned w = 0; w <= kSources / 32; ++w) b.cpu.write(enable(c, w), 0, 4);
            b.cpu.write(threshold(c), 0, 4);
        }
        for (unsigned s = 1; s <= kSources; ++s) b.cpu.write(priority(s), 0, 4);
    }
    Bench& b = bench();
};

TEST_F(PlicTest, ClaimsHighestPriorityFirstAndLowestIdOnTies) {
    set_priority(3, 2);
    set_priority(5, 5);
    set_priority(7, 5);
    for (unsigned s : {3u, 5u, 7u}) enable_source(0, s);
    for (unsigned s : {7u, 3u, 5u}) b.plic.irq_changed(s, true);
    EXPECT_TRUE(b.contexts.level(0));
    EXPECT_EQ(claim_from(0), 5u);
    EXPECT_EQ(claim_from(0), 7u);
    EXPECT_TRUE(b.contexts.level(0));
    EXPECT_EQ(claim_from(0), 3u);
    EXPECT_FALSE(b.contexts.level(0));
    EXPECT_EQ(claim_from(0), 0u);
}

TEST_F(PlicTest, ThresholdMasksPrioritiesAtOrBelowIt) {
    set_priority(4, 3);
    enable_source(0, 4);
    ASSERT_EQ(b.cpu.write(threshold(0), 3, 4), tlm::TLM_OK_RESPONSE);
    b.plic.irq_changed(4, true);
    EXPECT_FALSE(b.contexts.level(0));
    EXPECT_EQ(claim_from(0), 0u);
    b.cpu.write(threshold(0), 2, 4);
    EXPECT_TRUE(b.contexts.level(0));
    EXPECT_EQ(claim_from(0), 4u);
}

TEST_F(PlicTest, PriorityZeroNeverInterrupts) {
    enable_source(0, 6);
    b.plic.irq_changed(6, true);
    EXPECT_TRUE(b.plic.pending(6));
    EXPECT_FALSE(b.contexts.level(0));
    EXPECT_EQ(claim_from(0), 0u);
}

TEST_F(PlicTest, PriorityKeepsOnlyItsImplementedBits) {
    set_priority(1, 0xffffffff);
    EXPECT_EQ(b.cpu.read(priority(1), 4), 7u);  // 3 priority bits: levels 0..7
}

TEST_F(PlicTest, EnablesArePerContext) {
    set_priority(9, 1);
    enable_source(3, 9);
    b.plic.irq_changed(9, true);
    EXPECT_TRUE(b.contexts.level(3));
    EXPECT_FALSE(b.contexts.level(0));
    EXPECT_FALSE(b.contexts.level(1));
    EXPECT_EQ(claim_from(0), 0u);
    EXPECT_EQ(claim_from(3), 9u);
    EXPECT_FALSE(b.contexts.level(3));
}

TEST_F(PlicTest, SourceAbove31UsesSecondEnableAndPendingWord) {
    set_priority(40, 1);
    enable_source(1, 40);
    b.plic.irq_changed(40, true);
    EXPECT_EQ(b.cpu.read(pending_word(1), 4), 1u << (40 - 32));
    EXPECT_TRUE(b.contexts.level(1));
    EXPECT_EQ(claim_from(1), 40u);
}

TEST_F(PlicTest, LevelSourceRependsAfterCompleteWhileStillHigh) {
    set_priority(10, 1);
    enable_source(0, 10);
    b.plic.irq_changed(10, true);
    EXPECT_EQ(b.cpu.read(pending_word(0), 4), 1u << 10);
    ASSERT_EQ(claim_from(0), 10u);
    EXPECT_EQ(b.cpu.read(pending_word(0), 4), 0u);
    EXPECT_FALSE(b.contexts.level(0));
    b.cpu.write(claim(0), 10, 4);  // complete, line still high
    EXPECT_EQ(b.cpu.read(pending_word(0), 4), 1u << 10);
    EXPECT_TRUE(b.contexts.level(0));
    ASSERT_EQ(claim_from(0), 10u);
    b.plic.irq_changed(10, false);
    b.cpu.write(claim(0), 10, 4);  // complete, line low: no new request
    EXPECT_EQ(b.cpu.read(pending_word(0), 4), 0u);
    EXPECT_FALSE(b.contexts.level(0));
}

// PLIC spec, "Interrupt Gateways": a level request the core has accepted stays pending (and is
// delivered) even if the source drops its level before the claim.
TEST_F(PlicTest, RequestStaysPendingWhenTheLevelDropsBeforeTheClaim) {
    set_priority(11, 1);
    enable_source(0, 11);
    b.plic.irq_changed(11, true);
    b.plic.irq_changed(11, false);
    EXPECT_EQ(b.cpu.read(pending_word(0), 4), 1u << 11);
    EXPECT_TRUE(b.contexts.level(0));
    ASSERT_EQ(claim_from(0), 11u);
    b.cpu.write(claim(0), 11, 4);  // complete, line low: no new request
    EXPECT_EQ(b.cpu.read(pending_word(0), 4), 0u);
    EXPECT_FALSE(b.contexts.level(0));
}

TEST_F(PlicTest, ClaimedSourceDoesNotPendAgainUntilCompleted) {
    set_priority(12, 1);
    enable_source(0, 12);
    b.plic.irq_changed(12, true);
    ASSERT_EQ(claim_from(0), 12u);
    b.plic.irq_changed(12, false);
    b.plic.irq_changed(12, true);
    EXPECT_FALSE(b.plic.pending(12));
    EXPECT_FALSE(b.contexts.level(0));
}

TEST_F(PlicTest, CompleteFromContextWithoutTheSourceEnabledIsIgnored) {
    set_priority(11, 1);
    enable_source(0, 11);
    b.plic.irq_changed(11, true);
    ASSERT_EQ(claim_from(0), 11u);
    b.cpu.write(claim(1), 11, 4);  // context 1 has source 11 disabled
    EXPECT_FALSE(b.plic.pending(11));
    b.cpu.write(claim(0), 11, 4);
    EXPECT_TRUE(b.plic.pending(11));
}

TEST_F(PlicTest, PendingBitsAreReadOnly) {
    ASSERT_EQ(b.cpu.write(pending_word(0), 0xfffffffe, 4), tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(b.cpu.read(pending_word(0), 4), 0u);
}

TEST_F(PlicTest, RegistersOfMissingSourcesAndContextsAreAddressErrors) {
    tlm::tlm_response_status st;
    b.cpu.read(priority(0), 4, sc_core::SC_ZERO_TIME, &st);
    EXPECT_EQ(st, tlm::TLM_ADDRESS_ERROR_RESPONSE);
    b.cpu.read(priority(kSources + 1), 4, sc_core::SC_ZERO_TIME, &st);
    EXPECT_EQ(st, tlm::TLM_ADDRESS_ERROR_RESPONSE);
    b.cpu.read(pending_word(kSources / 32 + 1), 4, sc_core::SC_ZERO_TIME, &st);
    EXPECT_EQ(st, tlm::TLM_ADDRESS_ERROR_RESPONSE);
    EXPECT_EQ(b.cpu.write(enable(kContexts, 0), 1, 4), tlm::TLM_ADDRESS_ERROR_RESPONSE);
    EXPECT_EQ(b.cpu.write(threshold(kContexts), 1, 4), tlm::TLM_ADDRESS_ERROR_RESPONSE);
    EXPECT_EQ(b.cpu.write(claim(kContexts), 1, 4), tlm::TLM_ADDRESS_ERROR_RESPONSE);
}

TEST_F(PlicTest, SourceOutsideTheConfiguredRangeIsAWiringBug) {
    EXPECT_THROW(b.plic.irq_changed(0, true), std::out_of_range);
    EXPECT_THROW(b.plic.irq_changed(kSources + 1, true), std::out_of_range);
}

TEST_F(PlicTest, DebugReadOfClaimHasNoSideEffect) {
    set_priority(2, 1);
    enable_source(0, 2);
    b.plic.irq_changed(2, true);
    std::uint32_t id = 0;
    EXPECT_EQ(b.cpu.debug(tlm::TLM_READ_COMMAND, claim(0), &id, 4), 4u);
    EXPECT_EQ(id, 2u);
    EXPECT_TRUE(b.plic.pending(2));
}

}  // namespace
