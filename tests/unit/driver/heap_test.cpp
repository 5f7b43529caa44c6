// The driver's first-fit allocator on the host: it manages addresses only (never touches the
// memory), so any range works. Expected addresses are worked out by hand from the contract in
// driver.h (blocks of whole 64-byte lines, first fit from the lowest address).
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "sw/driver/include/nodevp/driver.h"

namespace {

class DriverHeap : public ::testing::Test {
  protected:
    void SetUp() override { ASSERT_EQ(nv_heap_init(&h, 0x1000, 0x1000), NV_OK); }
    void TearDown() override { free(h.blocks); }
    nv_heap h{};
};

TEST_F(DriverHeap, RoundsTheBaseUpToACacheLine) {
    nv_heap g{};
    ASSERT_EQ(nv_heap_init(&g, 0x1001, 0x100), NV_OK);
    EXPECT_EQ(g.base, 0x1040u);
    EXPECT_EQ(g.size, 0xc1u);
    EXPECT_EQ(nv_heap_alloc(&g, 0xc1, 0), 0u);  // two lines do not fit in 0xc1 bytes
    EXPECT_EQ(nv_heap_alloc(&g, 0x80, 0), 0x1040u);
    free(g.blocks);
}

TEST_F(DriverHeap, AllocatesWholeLinesFirstFit) {
    EXPECT_EQ(nv_heap_alloc(&h, 1, 0), 0x1000u);
    EXPECT_EQ(nv_heap_alloc(&h, 65, 0), 0x1040u);
    EXPECT_EQ(nv_heap_alloc(&h, 64, 0), 0x10c0u);
    EXPECT_EQ(h.used, 64u + 128u + 64u);
}

TEST_F(DriverHeap, HonoursAlignmentAndFillsTheGapBelowLater) {
    EXPECT_EQ(nv_heap_alloc(&h, 64, 0), 0x1000u);
    EXPECT_EQ(nv_heap_alloc(&h, 64, 0x800), 0x1800u);
    EXPECT_EQ(nv_heap_alloc(&h, 0x780, 0), 0x1040u);  // the gap below: 0x7c0 bytes
    EXPECT_EQ(nv_heap_alloc(&h, 64, 0), 0x17c0u);     // its last line
    EXPECT_EQ(nv_heap_alloc(&h, 64, 0), 0x1840u);     // above the aligned block
}

TEST_F(DriverHeap, RefusesBadArgumentsAndExhaustion) {
    EXPECT_EQ(nv_heap_alloc(&h, 0, 0), 0u);
    EXPECT_EQ(nv_heap_alloc(&h, 64, 96), 0u);  // not a power of two
    EXPECT_EQ(nv_heap_alloc(&h, 0x1001, 0), 0u);
    EXPECT_EQ(nv_heap_alloc(&h, ~0ull, 0), 0u);  // rounding would wrap
    EXPECT_EQ(nv_heap_alloc(&h, 0x1000, 0), 0x1000u);
    EXPECT_EQ(nv_heap_alloc(&h, 1, 0), 0u);
    EXPECT_EQ(h.used, 0x1000u);
}

TEST_F(DriverHeap, FreeMakesRoomForReuseAndIgnoresUnknownAddresses) {
    const uint64_t a = nv_heap_alloc(&h, 0x400, 0);
    const uint64_t b = nv_heap_alloc(&h, 0x400, 0);
    const uint64_t c = nv_heap_alloc(&h, 0x800, 0);
    ASSERT_EQ(c, 0x1800u);
    EXPECT_EQ(nv_heap_alloc(&h, 64, 0), 0u);
    nv_heap_free(&h, b);
    nv_heap_free(&h, b + 64);  // not a block
    nv_heap_free(&h, b);       // twice
    EXPECT_EQ(h.used, 0xc00u);
    EXPECT_EQ(nv_heap_alloc(&h, 0x400, 0), b);
    nv_heap_free(&h, a);
    nv_heap_free(&h, b);
    nv_heap_free(&h, c);
    EXPECT_EQ(h.used, 0u);
    EXPECT_EQ(h.peak, 0x1000u);
    EXPECT_EQ(h.nblocks, 0u);
}

TEST_F(DriverHeap, GrowsItsBlockTableBeyondTheInitialCapacity) {
    std::vector<uint64_t> got;
    for (unsigned i = 0; i < 64; ++i) got.push_back(nv_heap_alloc(&h, 64, 0));
    EXPECT_EQ(got.back(), 0x1fc0u);
    EXPECT_EQ(nv_heap_alloc(&h, 64, 0), 0u);
    for (unsigned i = 0; i < 64; i += 2) nv_heap_free(&h, got[i]);
    for (unsigned i = 0; i < 64; i += 2) EXPECT_EQ(nv_heap_alloc(&h, 64, 0), got[i]);
    EXPECT_GE(h.capacity, 64u);
}

}  // namespace
