// Timing of the C2C link model (models/fabric/c2c_link.hpp). Golden values are hand-computed
// in picoseconds: at 100 GB/s one byte takes 10 ps, so a 64-byte flit takes 640 ps.
#include <gtest/gtest.h>

#include <stdexcept>

#include "models/fabric/c2c_link.hpp"

namespace nodevp::fabric {
namespace {

constexpr auto kAB = LinkDirection::AToB;
constexpr auto kBA = LinkDirection::BToA;

LinkDirectionConfig lane(std::uint64_t bytes_per_s, std::uint64_t latency_ps,
                         std::uint32_t credits = 64) {
    LinkDirectionConfig c;
    c.bytes_per_s = bytes_per_s;
    c.latency_ps = latency_ps;
    c.flit_bytes = 64;
    c.credits = credits;
    return c;
}

C2cLink symmetric(std::uint64_t bytes_per_s, std::uint64_t latency_ps, std::uint32_t credits = 64) {
    LinkConfig c;
    c.dir = {lane(bytes_per_s, latency_ps, credits), lane(bytes_per_s, latency_ps, credits)};
    return C2cLink(c);
}

TEST(C2cLink, OneTransferTakesBytesOverBandwidthPlusLatency) {
    C2cLink link = symmetric(100'000'000'000ull, 5000);
    // 4096 B = 64 flits = 40960 ps of serialisation, ready at 1000 ps.
    EXPECT_EQ(link.transfer(1000, 4096, kAB), 1000u + 40960u + 5000u);
}

TEST(C2cLink, RoundsTransfersUpToWholeFlits) {
    C2cLink link = symmetric(100'000'000'000ull, 5000);
    // 100 B occupies 2 flits (128 B): 1280 ps, not 1000 ps.
    EXPECT_EQ(link.transfer(0, 100, kAB), 1280u + 5000u);
    C2cLink one = symmetric(100'000'000'000ull, 5000);
    EXPECT_EQ(one.transfer(0, 1, kAB), 640u + 5000u);
}

TEST(C2cLink, BurstAtAnUnevenBandwidthDoesNotAccumulatePerFlitRounding) {
    // 450 GB/s: one 64-byte flit takes 142.2 ps (rounded up to 143); nine flits (576 B) take
    // exactly 1280 ps, not 9 * 143 = 1287.
    C2cLink a = symmetric(450'000'000'000ull, 10000);
    EXPECT_EQ(a.transfer(0, 64, kAB), 143u + 10000u);
    C2cLink b = symmetric(450'000'000'000ull, 10000);
    EXPECT_EQ(b.transfer(0, 513, kAB), 1280u + 10000u);  // 513 B -> 9 flits
}

// A stream issues `n` 4096-byte transfers, the i-th at i * 40960 ps: alone it just fills the
// link (100 GB/s), so its last byte arrives at n * 40960 + latency.
TEST(C2cLink, TwoStreamsSharingOneDirectionTakeAboutTwiceAsLong) {
    constexpr std::uint64_t n = 16, t = 40960, lat = 5000;
    C2cLink alone = symmetric(100'000'000'000ull, lat);
    std::uint64_t one = 0;
    for (std::uint64_t i = 0; i < n; ++i) one = alone.transfer(i * t, 4096, kAB);
    EXPECT_EQ(one, n * t + lat);

    C2cLink shared = symmetric(100'000'000'000ull, lat);
    std::uint64_t a = 0, b = 0;
    for (std::uint64_t i = 0; i < n; ++i) {
        a = shared.transfer(i * t, 4096, kAB);
        b = shared.transfer(i * t, 4096, kAB);
    }
    EXPECT_EQ(a, (2 * n - 1) * t + lat);
    EXPECT_EQ(b, 2 * n * t + lat);
    EXPECT_NEAR(double(b) / double(one), 2.0, 0.02);
}

TEST(C2cLink, DirectionsAreIndependent) {
    LinkConfig c;
    c.dir = {lane(100'000'000'000ull, 5000), lane(50'000'000'000ull, 2000)};
    C2cLink link(c);
    EXPECT_EQ(link.transfer(0, 4096, kAB), 40960u + 5000u);
    EXPECT_EQ(link.transfer(0, 4096, kAB), 2 * 40960u + 5000u);  // queues behind the first
    // B->A at 50 GB/s (20 ps per byte) sees an idle wire despite the A->B load.
    EXPECT_EQ(link.transfer(0, 4096, kBA), 81920u + 2000u);
    EXPECT_EQ(link.transfer(0, 64, kAB), 2 * 40960u + 640u + 5000u);  // unaffected by B->A
}

TEST(C2cLink, CreditsLimitThroughputWhenLatencyIsLong) {
    // 4 credits, 10 ns latency: a credit comes back 640 + 2 * 10000 = 20640 ps after its flit
    // started, so 64 flits go in 16 groups of 4; group g starts at g * 20640 and its fourth
    // flit ends 2560 ps later. Last arrival: 15 * 20640 + 2560 + 10000.
    C2cLink limited = symmetric(100'000'000'000ull, 10000, 4);
    EXPECT_EQ(limited.transfer(0, 4096, kAB), 15u * 20640u + 2560u + 10000u);
    EXPECT_EQ(limited.stats(kAB).busy_ps, 64u * 640u);  // stalls are not busy time
    // With enough credits (>= 20640 / 640, so 33) the same transfer runs at full bandwidth.
    C2cLink ample = symmetric(100'000'000'000ull, 10000, 33);
    EXPECT_EQ(ample.transfer(0, 4096, kAB), 40960u + 10000u);
}

TEST(C2cLink, StatisticsAddUpPerDirection) {
    C2cLink link = symmetric(100'000'000'000ull, 5000);
    link.transfer(0, 100, kAB);
    link.transfer(0, 4096, kAB, /*snoop=*/true);
    link.transfer(0, 64, kBA, /*snoop=*/true);
    const LinkStats& ab = link.stats(kAB);
    EXPECT_EQ(ab.bytes, 4196u);
    EXPECT_EQ(ab.flits, 66u);
    EXPECT_EQ(ab.transactions, 2u);
    EXPECT_EQ(ab.snoops, 1u);
    EXPECT_EQ(ab.busy_ps, 66u * 640u);
    EXPECT_DOUBLE_EQ(ab.utilisation(2 * 66 * 640), 0.5);
    const LinkStats& ba = link.stats(kBA);
    EXPECT_EQ(ba.bytes, 64u);
    EXPECT_EQ(ba.flits, 1u);
    EXPECT_EQ(ba.transactions, 1u);
    EXPECT_EQ(ba.snoops, 1u);
    EXPECT_EQ(ba.busy_ps, 640u);
    EXPECT_EQ(ba.utilisation(0), 0.0);
}

TEST(C2cLink, IdleGapIsNotBusyTime) {
    C2cLink link = symmetric(100'000'000'000ull, 5000);
    link.transfer(0, 64, kAB);
    EXPECT_EQ(link.transfer(10000, 64, kAB), 10000u + 640u + 5000u);
    EXPECT_EQ(link.stats(kAB).busy_ps, 1280u);
}

TEST(C2cLink, RejectsZeroByteTransferAndImpossibleConfiguration) {
    C2cLink link = symmetric(100'000'000'000ull, 5000);
    EXPECT_THROW(link.transfer(0, 0, kAB), std::invalid_argument);
    LinkConfig c;
    c.dir[1].credits = 0;
    EXPECT_THROW(C2cLink{c}, std::invalid_argument);
    c.dir[1].credits = 1;
    c.dir[0].bytes_per_s = 0;
    EXPECT_THROW(C2cLink{c}, std::invalid_argument);
}

}  // namespace
}  // namespace nodevp::fabric
