// The fabric as a TLM model: timing over the C2C links (hand-computed from the link parameters),
// bandwidth sharing, cache hits against misses, coherence between host caches and device DMA,
// DMA windows, DMI and debug access, in both fidelities. Each test builds its own small node:
// router -> fabric regions -> memories, initiators behind agent tags. sc_main builds every bench
// and elaborates; the fabric never waits, so tests call transactions directly with their start
// time as the TLM delay.
#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "models/common/coherence.hpp"
#include "tests/support/fabric_node.hpp"

namespace nodevp::fabric {
namespace {

using sc_core::SC_NS;
using sc_core::sc_time;
using namespace testing;

bool dma0_window(std::uint64_t addr, std::uint64_t len, bool write) {
    return !write && addr >= kDram && addr + len <= kDram + 0x1000;
}

std::map<std::string, std::unique_ptr<Bench>>& benches() {
    static std::map<std::string, std::unique_ptr<Bench>> b;
    return b;
}
std::string key(const std::string& name, Fidelity f) {
    return name + (f == Fidelity::fast ? "/fast" : "/timed");
}
// The bench built for one test (each test has its own: link occupancy is state).
Bench& bench(const std::string& name, Fidelity f) {
    return *benches().at(key(name, f));
}
Initiator* untagged = nullptr;

void build_benches() {
    for (Fidelity f : {Fidelity::fast, Fidelity::timed}) {
        for (const char* name :
             {"stream", "single", "shared", "coherent", "hit", "dmi", "dbg", "untagged", "recall"})
            benches()[key(name, f)] = std::make_unique<Bench>(f);
        benches()[key("windows", f)] = std::make_unique<Bench>(f, dma0_window);
    }
    untagged = new Initiator("untagged");
    untagged->isock.bind(bench("untagged", Fidelity::fast).router->tsock);
}

class BothFidelities : public ::testing::TestWithParam<Fidelity> {};
INSTANTIATE_TEST_SUITE_P(Fabric, BothFidelities, ::testing::Values(Fidelity::fast, Fidelity::timed),
                         [](const auto& info) {
                             return std::string(info.param == Fidelity::fast ? "fast" : "timed");
                         });

// Reading S bytes from host DRAM into a device takes S / bandwidth plus the latencies of the
// request's and the data's way (two links each), plus a few flit times: request flits on two
// links and the store-and-forward of the last data line at the switch.
TEST_P(BothFidelities, OneStreamTakesBytesOverBandwidthPlusLatency) {
    Bench& b = bench("stream", GetParam());
    constexpr unsigned kBytes = 64 * 1024;
    std::vector<std::uint8_t> buf(kBytes);
    const double t = b.dma0().access(tlm::TLM_READ_COMMAND, kDram, buf.data(), kBytes);
    const double ideal = kBytes / 32.0 /* bytes per ns */ + 4 * 20.0;
    EXPECT_GE(t, ideal);
    EXPECT_LE(t, ideal + 4 * 2.0 + 4 * 2.0 /* local hops, memory */);
}

// Two devices streaming from DRAM share the host link: each takes about twice as long.
TEST_P(BothFidelities, TwoStreamsSharingALinkTakeTwiceAsLong) {
    constexpr unsigned kBytes = 64 * 1024, kChunk = 4096;
    std::vector<std::uint8_t> buf(kBytes);
    double single = 0;
    {
        Bench& b = bench("single", GetParam());
        for (unsigned off = 0; off < kBytes; off += kChunk)
            single = std::max(
                single, b.dma0().access(tlm::TLM_READ_COMMAND, kDram + off, buf.data(), kChunk));
    }
    Bench& b = bench("shared", GetParam());
    double t0 = 0, t1 = 0;
    for (unsigned off = 0; off < kBytes; off += kChunk) {  // interleaved, all issued at time 0
        t0 = std::max(t0, b.dma0().access(tlm::TLM_READ_COMMAND, kDram + off, buf.data(), kChunk));
        t1 = std::max(
            t1, b.dma1().access(tlm::TLM_READ_COMMAND, kDram + kBytes + off, buf.data(), kChunk));
    }
    EXPECT_NEAR(t0 / single, 2.0, 0.15);
    EXPECT_NEAR(t1 / single, 2.0, 0.15);
}

// In `timed`, a hart's second read of a line hits in its cache (1 ns); a miss on a line whose
// home is across the links costs: request flit 2 ns + 20 ns on each of two links, then the
// data line the same way back: 4 x 22 = 88 ns. A miss at the local home: two 2 ns hops.
TEST(FabricTimed, CacheHitIsFasterThanAMissAcrossTheLink) {
    Bench& b = bench("hit", Fidelity::timed);
    double miss = 0, hit = 0, local = 0;
    b.hart0().read64(kDev, &miss);
    b.hart0().read64(kDev, &hit, sc_time(1000, SC_NS));
    b.hart0().read64(kDram, &local, sc_time(2000, SC_NS));
    EXPECT_NEAR(miss, 88.0, 1e-6);
    EXPECT_NEAR(hit - 1000, 1.0, 1e-6);
    EXPECT_NEAR(local - 2000, 4.0, 1e-6);
    EXPECT_EQ(b.fabric->agent_stats(0).hits, 1u);
    EXPECT_EQ(b.fabric->agent_stats(0).misses, 2u);
}

// Data written by a hart (dirty in its cache in `timed`) is what a device reads, and data a
// device writes is what the harts read next, in both fidelities.
TEST_P(BothFidelities, HostCachesAndDeviceDmaAreCoherent) {
    Bench& b = bench("coherent", GetParam());
    b.hart0().write64(kDram + 0x100, 0x1122334455667788);
    b.hart1().read64(kDram + 0x200);  // hart1 holds the line of 0x200 shared
    std::uint64_t v = 0;
    ASSERT_GE(b.dma0().access(tlm::TLM_READ_COMMAND, kDram + 0x100, &v, 8), 0);
    EXPECT_EQ(v, 0x1122334455667788u);
    const std::uint64_t w = 0xcafef00d;
    ASSERT_GE(
        b.dma1().access(tlm::TLM_WRITE_COMMAND, kDram + 0x200, const_cast<std::uint64_t*>(&w), 8),
        0);
    EXPECT_EQ(b.hart1().read64(kDram + 0x200), 0xcafef00du);
    // A 4-byte store merges into the line.
    std::uint32_t half = 0xaaaabbbb;
    ASSERT_GE(b.hart1().access(tlm::TLM_WRITE_COMMAND, kDram + 0x104, &half, 4), 0);
    ASSERT_GE(b.dma0().access(tlm::TLM_READ_COMMAND, kDram + 0x100, &v, 8), 0);
    EXPECT_EQ(v, 0xaaaabbbb55667788u);
    // The device's SRAM (uncached) too.
    b.hart0().write64(kSram + 8, 77);
    EXPECT_EQ(b.hart1().read64(kSram + 8), 77u);
}

TEST_P(BothFidelities, DmaOutsideTheGrantedWindowsIsRefused) {
    Bench& b = bench("windows", GetParam());
    std::uint64_t v = 0;
    EXPECT_GE(b.dma0().access(tlm::TLM_READ_COMMAND, kDram + 0xff8, &v, 8), 0);
    EXPECT_LT(b.dma0().access(tlm::TLM_READ_COMMAND, kDram + 0xffc, &v, 8), 0);  // crosses the end
    v = 5;
    EXPECT_LT(b.dma0().access(tlm::TLM_WRITE_COMMAND, kDram, &v, 8), 0);  // read-only
    EXPECT_EQ(b.hart0().read64(kDram), 0u);                               // nothing written
    EXPECT_EQ(b.fabric->agent_stats(2).refused, 2u);
    EXPECT_GE(b.dma1().access(tlm::TLM_WRITE_COMMAND, kDram, &v, 8), 0);  // no windows: not checked
}

TEST(FabricFast, HartsGetDmiToLocalMemoryOnly) {
    Bench& b = bench("dmi", Fidelity::fast);
    EXPECT_TRUE(b.hart0().dmi(kDram));
    EXPECT_FALSE(b.hart0().dmi(kDev));  // across a link
    EXPECT_FALSE(b.dma0().dmi(kDram));  // a device across a link
    b.hart0().write64(kDev, 1);
    EXPECT_FALSE(b.hart0().last_dmi_allowed);
}

TEST(FabricTimed, NoDmiAndDebugReadsSeeDirtyCachedData) {
    Bench& b = bench("dbg", Fidelity::timed);
    EXPECT_FALSE(b.hart0().dmi(kDram));
    b.hart0().write64(kDram + 0x40, 0xabcdef);
    EXPECT_EQ(*reinterpret_cast<std::uint64_t*>(b.dram->data(0x40)), 0u);  // only in the cache
    std::uint64_t v = 0;
    tlm::tlm_generic_payload gp;
    gp.set_command(tlm::TLM_READ_COMMAND);
    gp.set_address(kDram + 0x40);
    gp.set_data_ptr(reinterpret_cast<unsigned char*>(&v));
    gp.set_data_length(8);
    EXPECT_EQ(b.hart0().isock->transport_dbg(gp), 8u);
    EXPECT_EQ(v, 0xabcdefu);
    // A debug write reaches memory and the cached copy alike.
    v = 0x1234;
    gp.set_command(tlm::TLM_WRITE_COMMAND);
    b.hart0().isock->transport_dbg(gp);
    EXPECT_EQ(b.hart0().read64(kDram + 0x40), 0x1234u);
}

// A device that touches its own memory directly first recalls the host's copies: after a
// read recall memory holds the hart's dirty data; after a write recall the hart's copy is gone,
// so it sees what the device then writes. Only for memory at the device's own site.
TEST(FabricTimed, RecallCleansAndInvalidatesHostCopies) {
    Bench& b = bench("recall", Fidelity::timed);
    auto recall = [&](Initiator& dev, std::uint64_t addr, unsigned len, bool for_write) {
        tlm::tlm_generic_payload gp;
        RecallExtension ext;
        ext.for_write = for_write;
        gp.set_command(tlm::TLM_IGNORE_COMMAND);
        gp.set_address(addr);
        gp.set_data_length(len);
        gp.set_extension(&ext);
        sc_time delay = sc_core::SC_ZERO_TIME;
        dev.isock->b_transport(gp, delay);
        gp.clear_extension(&ext);
        return gp.is_response_ok();
    };
    auto memory = [&](std::uint64_t offset) {
        return *reinterpret_cast<std::uint64_t*>(b.dev->data(offset));
    };
    b.hart0().write64(kDev + 0x40, 0x77);
    EXPECT_EQ(memory(0x40), 0u);  // dirty in hart0's cache
    EXPECT_TRUE(recall(b.dma0(), kDev, 4096, false));
    EXPECT_EQ(memory(0x40), 0x77u);
    EXPECT_TRUE(recall(b.dma0(), kDev, 4096, true));
    *reinterpret_cast<std::uint64_t*>(b.dev->data(0x40)) = 0x88;  // the device writes directly
    EXPECT_EQ(b.hart0().read64(kDev + 0x40), 0x88u);
    EXPECT_EQ(b.fabric->agent_stats(2).recalled, 2u);
    EXPECT_FALSE(recall(b.dma1(), kDev, 64, false));  // not lpu1's memory
}

TEST(Fabric, RejectsUntaggedInitiators) {
    std::uint64_t v = 0;
    EXPECT_LT(untagged->access(tlm::TLM_READ_COMMAND, kDram, &v, 8), 0);
}

}  // namespace
}  // namespace nodevp::fabric

int sc_main(int argc, char* argv[]) {
    ::testing::InitGoogleTest(&argc, argv);
    nodevp::fabric::build_benches();
    sc_core::sc_start(sc_core::SC_ZERO_TIME);  // elaborate
    return RUN_ALL_TESTS();
}
