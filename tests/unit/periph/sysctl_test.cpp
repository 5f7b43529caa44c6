// Bench: the finisher with a recording handler. Status values are the sifive,test0 encoding
// (PASS 0x5555, FAIL 0x3333, RESET 0x7777), written out as independent golden values.
#include <gtest/gtest.h>

#include <vector>

#include "gen/regs.hpp"
#include "models/periph/sysctl.hpp"
#include "tests/unit/common/test_initiator.hpp"

namespace {

using namespace nodevp;
namespace regs = gen::regs::sysctl;

struct Request {
    Sysctl::Action action;
    int code;
};

struct Bench {
    Sysctl sysctl{"sysctl"};
    test::TestInitiator cpu{"cpu"};
    std::vector<Request> requests;
    Bench() {
        cpu.isock.bind(sysctl.tsock);
        sysctl.set_handler([this](Sysctl::Action a, int code) { requests.push_back({a, code}); });
    }
};

Bench& bench() {
    static Bench b;
    return b;
}

class SysctlTest : public ::testing::Test {
  protected:
    void SetUp() override { b.requests.clear(); }
    Bench& b = bench();
};

TEST_F(SysctlTest, PassRequestsExitCodeZero) {
    ASSERT_EQ(b.cpu.write(regs::FINISHER, 0x5555, 4), tlm::TLM_OK_RESPONSE);
    ASSERT_EQ(b.requests.size(), 1u);
    EXPECT_EQ(b.requests[0].action, Sysctl::Action::pass);
    EXPECT_EQ(b.requests[0].code, 0);
}

TEST_F(SysctlTest, FailRequestsTheCodeFromTheUpperHalf) {
    ASSERT_EQ(b.cpu.write(regs::FINISHER, (42u << 16) | 0x3333, 4), tlm::TLM_OK_RESPONSE);
    ASSERT_EQ(b.requests.size(), 1u);
    EXPECT_EQ(b.requests[0].action, Sysctl::Action::fail);
    EXPECT_EQ(b.requests[0].code, 42);
}

TEST_F(SysctlTest, ResetRequestsANodeReset) {
    ASSERT_EQ(b.cpu.write(regs::FINISHER, 0x7777, 4), tlm::TLM_OK_RESPONSE);
    ASSERT_EQ(b.requests.size(), 1u);
    EXPECT_EQ(b.requests[0].action, Sysctl::Action::reset);
}

TEST_F(SysctlTest, UnknownStatusIsIgnored) {
    EXPECT_EQ(b.cpu.write(regs::FINISHER, 0x1234, 4), tlm::TLM_OK_RESPONSE);
    EXPECT_TRUE(b.requests.empty());
}

TEST_F(SysctlTest, ReadsReturnZero) {
    b.cpu.write(regs::FINISHER, 0x00011234, 4);
    EXPECT_EQ(b.cpu.read(regs::FINISHER, 4), 0u);
}

TEST_F(SysctlTest, FailWithCodeZeroRequestsExitCodeOne) {
    ASSERT_EQ(b.cpu.write(regs::FINISHER, 0x3333, 4), tlm::TLM_OK_RESPONSE);
    ASSERT_EQ(b.requests.size(), 1u);
    EXPECT_EQ(b.requests[0].action, Sysctl::Action::fail);
    EXPECT_EQ(b.requests[0].code, 1);
}

// OpenSBI's sifive_test driver writes the 16-bit STATUS alone.
TEST_F(SysctlTest, HalfwordWriteOfStatusActs) {
    ASSERT_EQ(b.cpu.write(regs::FINISHER, 0x5555, 2), tlm::TLM_OK_RESPONSE);
    ASSERT_EQ(b.requests.size(), 1u);
    EXPECT_EQ(b.requests[0].action, Sysctl::Action::pass);
    ASSERT_EQ(b.cpu.write(regs::FINISHER, 0x7777, 2), tlm::TLM_OK_RESPONSE);
    ASSERT_EQ(b.requests.size(), 2u);
    EXPECT_EQ(b.requests[1].action, Sysctl::Action::reset);
}

TEST_F(SysctlTest, ByteWriteAndOtherOffsetsAreErrorsWithoutAction) {
    EXPECT_EQ(b.cpu.write(regs::FINISHER, 0x55, 1), tlm::TLM_GENERIC_ERROR_RESPONSE);
    // The upper half alone carries CODE but no STATUS: accepted, no action.
    EXPECT_EQ(b.cpu.write(regs::FINISHER + 2, 0x5555, 2), tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(b.cpu.write(regs::FINISHER + 4, 0x5555, 4), tlm::TLM_ADDRESS_ERROR_RESPONSE);
    EXPECT_TRUE(b.requests.empty());
}

}  // namespace
