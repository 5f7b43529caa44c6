// The random coherence tester as a regression: 20 seeds of 100,000 operations each on 8 lines
// shared by 6 caching and 2 I/O agents behind 2 home agents (2-way, 4-line caches), plus 5 seeds
// of a denser configuration.
#include <gtest/gtest.h>

#include <chrono>

#include "models/fabric/tester.hpp"

namespace nodevp::fabric {
namespace {

class RandomCoherence : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(RandomCoherence, HoldsInvariantsForOneHundredThousandOperations) {
    TesterConfig c;
    c.system.seed = GetParam();
    c.operations = 100000;
    auto start = std::chrono::steady_clock::now();
    TesterResult r = RandomTester(c).run();
    std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;
    ASSERT_TRUE(r.passed) << r.report;
    EXPECT_GE(r.operations, c.operations);
    EXPECT_GT(r.messages, r.operations);  // misses, snoops and write-backs really happened
    // The races the transient states exist for actually occurred.
    EXPECT_GT(r.queued_requests, 0u);
    EXPECT_GT(r.stale_copy_backs, 0u);
    EXPECT_GT(r.upgrades_with_data, 0u);
    EXPECT_GT(r.snoops_on_copy_back, 0u);
    RecordProperty("ops_per_s", std::to_string(static_cast<long>(r.operations / wall.count())));
}

INSTANTIATE_TEST_SUITE_P(Seeds, RandomCoherence, ::testing::Range<std::uint64_t>(1, 21));

// A denser mix: 14 agents on 4 lines behind 3 homes, with direct-mapped two-line caches so
// nearly every miss evicts.
class RandomCoherenceDense : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(RandomCoherenceDense, HoldsInvariantsWithDirectMappedCachesAndManyAgents) {
    TesterConfig c;
    c.system.seed = GetParam();
    c.system.caching_agents = 10;
    c.system.io_agents = 4;
    c.system.homes = 3;
    c.system.cache_bytes = 128;
    c.system.ways = 1;
    c.lines = 4;
    c.operations = 100000;
    TesterResult r = RandomTester(c).run();
    ASSERT_TRUE(r.passed) << r.report;
    EXPECT_GE(r.operations, c.operations);
    EXPECT_GT(r.stale_copy_backs, 0u);
}

INSTANTIATE_TEST_SUITE_P(Seeds, RandomCoherenceDense, ::testing::Range<std::uint64_t>(101, 106));

TEST(RandomTester, SameSeedGivesSameRun) {
    TesterConfig c;
    c.system.seed = 42;
    c.operations = 5000;
    TesterResult a = RandomTester(c).run();
    TesterResult b = RandomTester(c).run();
    EXPECT_TRUE(a.passed);
    EXPECT_EQ(a.messages, b.messages);
}

}  // namespace
}  // namespace nodevp::fabric
