// Bench: two initiators -> router -> two memories (plus a spare memory for map() errors).
#include <gtest/gtest.h>

#include <stdexcept>

#include "models/common/memory.hpp"
#include "models/common/router.hpp"
#include "tests/unit/common/test_initiator.hpp"

namespace {

using namespace nodevp;

constexpr std::uint64_t kBaseA = 0x10000, kSizeA = 0x4000;
constexpr std::uint64_t kBaseB = 0x20000, kSizeB = 0x100;

Memory::Params params(std::uint64_t size) {
    Memory::Params p;
    p.size = size;
    p.read_latency = sc_core::sc_time(3, sc_core::SC_NS);
    return p;
}

struct Bench {
    test::TestInitiator cpu0{"cpu0"}, cpu1{"cpu1"}, spare_cpu{"spare_cpu"};
    Router router{"router"};
    Memory a{"a", params(kSizeA)}, b{"b", params(kSizeB)}, spare{"spare", params(0x1000)};
    Bench() {
        cpu0.isock.bind(router.tsock);
        cpu1.isock.bind(router.tsock);
        router.map(a.tsock, kBaseA, kSizeA, "a");
        router.map(b.tsock, kBaseB, kSizeB, "b");
        spare_cpu.isock.bind(spare.tsock);  // sockets must be bound; the spare is never mapped
        // Multi-passthrough sockets complete their bindings at the end of elaboration.
        sc_core::sc_start(sc_core::SC_ZERO_TIME);
    }
};

Bench& bench() {
    static Bench b;
    return b;
}

class RouterTest : public ::testing::Test {
  protected:
    Bench& b = bench();
};

TEST_F(RouterTest, DecodesToTheTargetWithTheOffsetTranslated) {
    ASSERT_EQ(b.cpu0.write(kBaseA + 0x10, 0x11223344, 4), tlm::TLM_OK_RESPONSE);
    ASSERT_EQ(b.cpu0.write(kBaseB + 0x10, 0x55, 1), tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(*b.a.data(0x10), 0x44);
    EXPECT_EQ(*b.a.data(0x13), 0x11);
    EXPECT_EQ(*b.b.data(0x10), 0x55);
    EXPECT_EQ(b.cpu1.read(kBaseA + 0x10, 4), 0x11223344u);
}

TEST_F(RouterTest, RestoresThePayloadAddressAndPassesTheDelay) {
    b.cpu0.read(kBaseA + 0x20, 4);
    EXPECT_EQ(b.cpu0.last_address, kBaseA + 0x20);
    EXPECT_EQ(b.cpu0.last_delay, sc_core::sc_time(3, sc_core::SC_NS));
}

TEST_F(RouterTest, MissIsAnAddressError) {
    tlm::tlm_response_status st;
    b.cpu0.read(kBaseA - 1, 1, sc_core::SC_ZERO_TIME, &st);
    EXPECT_EQ(st, tlm::TLM_ADDRESS_ERROR_RESPONSE);
    EXPECT_EQ(b.cpu0.write(kBaseB + kSizeB, 1, 1), tlm::TLM_ADDRESS_ERROR_RESPONSE);
    EXPECT_EQ(b.cpu0.write(0, 1, 1), tlm::TLM_ADDRESS_ERROR_RESPONSE);
}

TEST_F(RouterTest, AccessCrossingARegionEndIsAnError) {
    EXPECT_EQ(b.cpu0.write(kBaseA + kSizeA - 4, 0, 4), tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(b.cpu0.write(kBaseA + kSizeA - 2, 0, 4), tlm::TLM_ADDRESS_ERROR_RESPONSE);
}

TEST_F(RouterTest, DmiIsForwardedWithTheRangeTranslatedBack) {
    tlm::tlm_generic_payload gp;
    gp.set_address(kBaseA + 0x123);
    gp.set_command(tlm::TLM_READ_COMMAND);
    tlm::tlm_dmi dmi;
    ASSERT_TRUE(b.cpu0.isock->get_direct_mem_ptr(gp, dmi));
    EXPECT_EQ(gp.get_address(), kBaseA + 0x123);
    EXPECT_EQ(dmi.get_start_address(), kBaseA);
    EXPECT_EQ(dmi.get_end_address(), kBaseA + kSizeA - 1);
    EXPECT_EQ(dmi.get_dmi_ptr(), b.a.data(0));
    EXPECT_EQ(dmi.get_read_latency(), sc_core::sc_time(3, sc_core::SC_NS));
}

TEST_F(RouterTest, DmiOnAMissIsRefusedForTheUnmappedGapOnly) {
    tlm::tlm_generic_payload gp;
    gp.set_address(kBaseA + kSizeA + 0x10);
    tlm::tlm_dmi dmi;
    EXPECT_FALSE(b.cpu0.isock->get_direct_mem_ptr(gp, dmi));
    EXPECT_EQ(dmi.get_start_address(), kBaseA + kSizeA);
    EXPECT_EQ(dmi.get_end_address(), kBaseB - 1);
    gp.set_address(0);
    EXPECT_FALSE(b.cpu0.isock->get_direct_mem_ptr(gp, dmi));
    EXPECT_EQ(dmi.get_start_address(), 0u);
    EXPECT_EQ(dmi.get_end_address(), kBaseA - 1);
}

TEST_F(RouterTest, InvalidationIsTranslatedAndBroadcastToEveryInitiator) {
    b.cpu0.invalidations.clear();
    b.cpu1.invalidations.clear();
    b.a.watch_writes(0x1008, 4, [](std::uint64_t, unsigned) {});  // invalidates page 0x1000
    const std::pair<std::uint64_t, std::uint64_t> page{kBaseA + 0x1000, kBaseA + 0x1fff};
    ASSERT_EQ(b.cpu0.invalidations.size(), 1u);
    ASSERT_EQ(b.cpu1.invalidations.size(), 1u);
    EXPECT_EQ(b.cpu0.invalidations[0], page);
    EXPECT_EQ(b.cpu1.invalidations[0], page);
}

TEST_F(RouterTest, DebugTransportIsTranslatedAndTruncatedAtTheRegionEnd) {
    std::uint8_t buf[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    EXPECT_EQ(b.cpu0.debug(tlm::TLM_WRITE_COMMAND, kBaseB + kSizeB - 4, buf, 8), 4u);
    EXPECT_EQ(*b.b.data(kSizeB - 1), 4);
}

TEST_F(RouterTest, OverlappingOrEmptyMapThrows) {
    EXPECT_THROW(b.router.map(b.spare.tsock, kBaseA + kSizeA - 1, 0x1000, "overlap_a"),
                 std::invalid_argument);
    EXPECT_THROW(b.router.map(b.spare.tsock, kBaseB - 0x10, 0x11, "overlap_b"),
                 std::invalid_argument);
    EXPECT_THROW(b.router.map(b.spare.tsock, 0x90000, 0, "empty"), std::invalid_argument);
}

}  // namespace
