// Directed tests of the home agent's directory: each request type from a known starting state,
// with the expected directory entry, cache states and data worked out by hand from the protocol
// (models/fabric/README.md).
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "models/fabric/system.hpp"

namespace nodevp::fabric {
namespace {

constexpr std::uint64_t kLine = 0x40;  // any line; one home serves all
constexpr unsigned kCpu0 = 0, kCpu1 = 1, kCpu2 = 2, kIo = 3;

class Directory : public ::testing::Test {
  protected:
    Directory() : sys(config()) {
        for (unsigned i = 0; i < sys.agent_count(); ++i)
            sys.agent(i).on_complete = [this](int, const Op&, std::uint64_t v) { value = v; };
        sys.network().on_deliver = [this](const Message& m) {
            sys.checker().record(m);
            delivered.push_back(m.type);
        };
    }
    static SystemConfig config() {
        SystemConfig c;
        c.caching_agents = 3;
        c.io_agents = 1;
        c.homes = 1;
        return c;
    }
    static Op op(Op::Kind kind, std::uint64_t value = 0, unsigned word = 0) {
        Op o;
        o.kind = kind;
        o.addr = kLine + 8 * word;
        o.value = value;
        return o;
    }
    static Op atomic(AtomicOp a, std::uint64_t value, std::uint64_t compare = 0) {
        Op o = op(Op::Kind::Atomic, value);
        o.atomic = a;
        o.compare = compare;
        return o;
    }
    void load(unsigned a) { sys.run(a, op(Op::Kind::Load)); }
    void store(unsigned a, std::uint64_t v) { sys.run(a, op(Op::Kind::Store, v)); }
    void evict(unsigned a) { sys.run(a, op(Op::Kind::Evict)); }
    DirEntry dir() { return sys.home_of(kLine).entry(kLine); }
    LineState state(unsigned a) { return sys.agent(a).state_of(kLine); }
    std::uint64_t home_word() { return sys.home_of(kLine).data(kLine)[0]; }
    std::uint64_t bit(unsigned a) { return std::uint64_t{1} << sys.agent(a).id(); }
    void TearDown() override { EXPECT_FALSE(sys.checker().failed()) << sys.checker().report(); }

    System sys;
    std::uint64_t value = ~0ull;
    std::vector<MsgType> delivered;
};

TEST_F(Directory, ReadSharedOfUncachedLineGrantsUniqueClean) {
    load(kCpu0);
    EXPECT_EQ(dir().state, DirState::U);
    EXPECT_EQ(dir().owner, sys.agent(kCpu0).id());
    EXPECT_EQ(state(kCpu0), LineState::E);
    EXPECT_EQ(value, 0u);
}

TEST_F(Directory, ReadSharedOfDirtyLineSnoopsOwnerIntoSharedAndUpdatesMemory) {
    store(kCpu0, 0x1234);
    load(kCpu1);
    EXPECT_EQ(dir().state, DirState::S);
    EXPECT_EQ(dir().sharers, bit(kCpu0) | bit(kCpu1));
    EXPECT_EQ(state(kCpu0), LineState::S);
    EXPECT_EQ(state(kCpu1), LineState::S);
    EXPECT_EQ(value, 0x1234u);
    EXPECT_EQ(home_word(), 0x1234u);
}

TEST_F(Directory, ReadSharedOfSharedLineAddsSharerWithoutSnoops) {
    store(kCpu0, 7);
    load(kCpu1);
    delivered.clear();
    load(kCpu2);
    EXPECT_EQ(dir().sharers, bit(kCpu0) | bit(kCpu1) | bit(kCpu2));
    EXPECT_EQ(delivered,
              (std::vector<MsgType>{MsgType::ReadShared, MsgType::CompData, MsgType::CompAck}));
}

TEST_F(Directory, ReadUniqueInvalidatesEverySharer) {
    load(kCpu0);
    load(kCpu1);
    store(kCpu2, 9);
    EXPECT_EQ(dir().state, DirState::U);
    EXPECT_EQ(dir().owner, sys.agent(kCpu2).id());
    EXPECT_EQ(state(kCpu0), LineState::I);
    EXPECT_EQ(state(kCpu1), LineState::I);
    EXPECT_EQ(state(kCpu2), LineState::M);
}

TEST_F(Directory, CleanUniqueUpgradesSharerWithoutData) {
    load(kCpu0);
    load(kCpu1);
    delivered.clear();
    store(kCpu0, 5);
    EXPECT_EQ(dir().owner, sys.agent(kCpu0).id());
    EXPECT_EQ(state(kCpu0), LineState::M);
    EXPECT_EQ(state(kCpu1), LineState::I);
    EXPECT_EQ(delivered.front(), MsgType::CleanUnique);
    EXPECT_NE(std::find(delivered.begin(), delivered.end(), MsgType::Comp), delivered.end());
    EXPECT_EQ(std::find(delivered.begin(), delivered.end(), MsgType::CompData), delivered.end());
}

TEST_F(Directory, ReadOnceReturnsDirtyDataAndLeavesOwnerInPlace) {
    store(kCpu0, 0xabc);
    load(kIo);
    EXPECT_EQ(value, 0xabcu);
    EXPECT_EQ(dir().state, DirState::U);
    // The dirty data went to memory with the snoop response: the owner keeps a clean copy.
    EXPECT_EQ(state(kCpu0), LineState::E);
    EXPECT_EQ(sys.home_of(kLine).data(kLine)[0], 0xabcu);
}

TEST_F(Directory, PartialStoreWritesOnlyTheMaskedBytes) {
    store(kCpu0, 0x1111111111111111);
    Op o = op(Op::Kind::Store, 0xaabbccddeeff0011);
    o.mask = 0x0000ffff00000000;  // bytes 4 and 5
    sys.run(kCpu1, o);
    load(kIo);
    EXPECT_EQ(value, 0x1111ccdd11111111u);
}

TEST_F(Directory, LineWriteFromIoMergesEnabledBytesAndInvalidatesCopies) {
    store(kCpu0, 0x0102030405060708);  // word 0, dirty in cpu0
    load(kCpu1);                       // now shared by cpu0 (data written back) and cpu1
    Op w = op(Op::Kind::WriteLine);
    for (unsigned i = 0; i < kWordsPerLine; ++i) w.data[i] = 0xf0f0f0f0f0f0f0f0 + i;
    w.byte_enable = 0x8000'0000'0000'000f;  // bytes 0..3 of word 0 and byte 7 of word 7
    sys.run(kIo, w);
    EXPECT_EQ(state(kCpu0), LineState::I);
    EXPECT_EQ(state(kCpu1), LineState::I);
    const Line mem = sys.home_of(kLine).data(kLine);
    EXPECT_EQ(mem[0], 0x01020304f0f0f0f0u);  // low four bytes replaced
    EXPECT_EQ(mem[7], 0xf000000000000000u);  // top byte of word 7 only
    EXPECT_EQ(mem[1], 0u);
}

TEST_F(Directory, LineReadFromIoReturnsTheOwnersDirtyLine) {
    store(kCpu2, 0x5a5a);
    Op r = op(Op::Kind::ReadLine);
    r.byte_enable = kAllBytes;
    sys.run(kIo, r);
    EXPECT_EQ(sys.agent(kIo).line_result()[0], 0x5a5au);
    EXPECT_EQ(state(kCpu2), LineState::E);  // still unique, now clean
}

TEST_F(Directory, CachingAgentsRefuseLineOperations) {
    Op r = op(Op::Kind::ReadLine);
    EXPECT_THROW(sys.agent(kCpu0).issue(r), std::logic_error);
    EXPECT_FALSE(sys.agent(kCpu0).busy());
}

TEST_F(Directory, WriteUniqueInvalidatesAllCopiesAndWritesMemory) {
    load(kCpu0);
    load(kCpu1);
    sys.run(kIo, op(Op::Kind::Store, 0x77, 3));
    EXPECT_EQ(dir().state, DirState::I);
    EXPECT_EQ(state(kCpu0), LineState::I);
    EXPECT_EQ(state(kCpu1), LineState::I);
    EXPECT_EQ(sys.home_of(kLine).data(kLine)[3], 0x77u);
}

TEST_F(Directory, WriteBackOfDirtyLineWritesMemoryAndClearsDirectory) {
    store(kCpu0, 0x55);
    delivered.clear();
    evict(kCpu0);
    EXPECT_EQ(delivered.front(), MsgType::WriteBack);
    EXPECT_EQ(dir().state, DirState::I);
    EXPECT_EQ(home_word(), 0x55u);
    EXPECT_EQ(state(kCpu0), LineState::I);
    EXPECT_FALSE(sys.agent(kCpu0).copy_back_pending(kLine));
}

TEST_F(Directory, EvictOfCleanSharerLeavesOtherSharers) {
    load(kCpu0);
    load(kCpu1);
    delivered.clear();
    evict(kCpu0);
    EXPECT_EQ(delivered.front(), MsgType::Evict);
    EXPECT_EQ(dir().state, DirState::S);
    EXPECT_EQ(dir().sharers, bit(kCpu1));
}

TEST_F(Directory, FarAtomicAddPullsDirtyLineAndReturnsOldValue) {
    store(kCpu0, 5);
    sys.run(kIo, atomic(AtomicOp::Add, 3));
    EXPECT_EQ(value, 5u);
    EXPECT_EQ(home_word(), 8u);
    EXPECT_EQ(dir().state, DirState::I);
    EXPECT_EQ(state(kCpu0), LineState::I);
}

TEST_F(Directory, CompareAndSwapWritesOnlyWhenExpectedValueMatches) {
    store(kCpu0, 10);
    sys.run(kCpu1, atomic(AtomicOp::CompareSwap, 20, 11));
    EXPECT_EQ(value, 10u);
    EXPECT_EQ(home_word(), 10u);
    sys.run(kCpu1, atomic(AtomicOp::CompareSwap, 20, 10));
    EXPECT_EQ(value, 10u);
    EXPECT_EQ(home_word(), 20u);
}

TEST_F(Directory, SwapReturnsOldValueAndStoresNewOne) {
    sys.run(kIo, atomic(AtomicOp::Swap, 99));
    EXPECT_EQ(value, 0u);
    EXPECT_EQ(home_word(), 99u);
}

TEST_F(Directory, CapacityEvictionWritesBackLeastRecentlyUsedLine) {
    // 256-byte, 2-way cache: lines 0x00, 0x80, 0x100 share set 0.
    sys.run(kCpu0, Op{Op::Kind::Store, 0x00, 1});
    sys.run(kCpu0, Op{Op::Kind::Store, 0x80, 2});
    sys.run(kCpu0, Op{Op::Kind::Store, 0x100, 3});
    EXPECT_EQ(sys.agent(kCpu0).state_of(0x00), LineState::I);
    EXPECT_EQ(sys.home_of(0x00).entry(0x00).state, DirState::I);
    EXPECT_EQ(sys.home_of(0x00).data(0x00)[0], 1u);
    EXPECT_EQ(sys.agent(kCpu0).state_of(0x80), LineState::M);
    EXPECT_EQ(sys.agent(kCpu0).state_of(0x100), LineState::M);
}

TEST(Cache, RejectsGeometryWithoutPowerOfTwoSets) {
    EXPECT_THROW(Cache(3 * 64, 1), std::invalid_argument);
    EXPECT_THROW(Cache(256, 0), std::invalid_argument);
    EXPECT_NO_THROW(Cache(256, 4));
}

// Races: requests issued together, delivered in every order the seeded network produces.
class Race : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(Race, WriteBackCrossingReadUniqueKeepsLatestData) {
    SystemConfig c;
    c.caching_agents = 2;
    c.io_agents = 0;
    c.homes = 1;
    c.seed = GetParam();
    System sys(c);
    sys.run(0, Op{Op::Kind::Store, kLine, 0x11});
    sys.agent(1).issue(Op{Op::Kind::Store, kLine + 8, 0x22});  // ReadUnique
    sys.agent(0).issue(Op{Op::Kind::Evict, kLine});            // WriteBack
    sys.drain();
    ASSERT_FALSE(sys.checker().failed()) << sys.checker().report();
    EXPECT_EQ(sys.agent(1).state_of(kLine), LineState::M);
    const Line* d = sys.agent(1).data_of(kLine);
    ASSERT_NE(d, nullptr);
    EXPECT_EQ((*d)[0], 0x11u);
    EXPECT_EQ((*d)[1], 0x22u);
    EXPECT_FALSE(sys.agent(0).copy_back_pending(kLine));
}

TEST_P(Race, TwoSharersUpgradingTogetherBothStoresSurvive) {
    SystemConfig c;
    c.caching_agents = 2;
    c.io_agents = 0;
    c.homes = 1;
    c.seed = GetParam();
    System sys(c);
    sys.run(0, Op{Op::Kind::Load, kLine});
    sys.run(1, Op{Op::Kind::Load, kLine});
    sys.agent(0).issue(Op{Op::Kind::Store, kLine, 0xa});  // CleanUnique
    sys.agent(1).issue(Op{Op::Kind::Store, kLine + 8, 0xb});
    sys.drain();
    ASSERT_FALSE(sys.checker().failed()) << sys.checker().report();
    unsigned owner = sys.agent(0).state_of(kLine) == LineState::M ? 0 : 1;
    EXPECT_EQ(sys.agent(owner).state_of(kLine), LineState::M);
    EXPECT_EQ(sys.agent(1 - owner).state_of(kLine), LineState::I);
    const Line* d = sys.agent(owner).data_of(kLine);
    ASSERT_NE(d, nullptr);
    EXPECT_EQ((*d)[0], 0xau);
    EXPECT_EQ((*d)[1], 0xbu);
}

INSTANTIATE_TEST_SUITE_P(Seeds, Race, ::testing::Range<std::uint64_t>(1, 33));

}  // namespace
}  // namespace nodevp::fabric
