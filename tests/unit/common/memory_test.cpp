// Bench: a RAM, a ROM and a watched RAM, each behind its own initiator. No sc_start is needed,
// so a test may also construct a module of its own.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "models/common/memory.hpp"
#include "tests/unit/common/test_initiator.hpp"

namespace {

using namespace nodevp;
using sc_core::SC_NS;
using sc_core::sc_time;

constexpr std::uint64_t kSize = 0x10000;
const sc_time kRead(5, SC_NS), kWrite(7, SC_NS);

Memory::Params params(std::uint64_t size, bool read_only = false) {
    Memory::Params p;
    p.size = size;
    p.read_latency = kRead;
    p.write_latency = kWrite;
    p.read_only = read_only;
    return p;
}

struct Bench {
    Memory ram{"ram", params(kSize)};
    Memory rom{"rom", params(0x1000, true)};
    Memory watched{"watched", params(kSize)};
    test::TestInitiator cpu{"cpu"}, rom_cpu{"rom_cpu"}, watch_cpu{"watch_cpu"};
    Bench() {
        cpu.isock.bind(ram.tsock);
        rom_cpu.isock.bind(rom.tsock);
        watch_cpu.isock.bind(watched.tsock);
    }
};

Bench& bench() {
    static Bench b;
    return b;
}

bool get_dmi(test::TestInitiator& cpu, std::uint64_t addr, tlm::tlm_dmi& dmi) {
    tlm::tlm_generic_payload gp;
    gp.set_address(addr);
    gp.set_command(tlm::TLM_READ_COMMAND);
    return cpu.isock->get_direct_mem_ptr(gp, dmi);
}

// Resident set size of this process in KiB.
long rss_kib() {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

class MemoryTest : public ::testing::Test {
  protected:
    Bench& b = bench();
};

TEST_F(MemoryTest, FirstAndLastByteAreAccessible) {
    ASSERT_EQ(b.cpu.write(0, 0xa1, 1), tlm::TLM_OK_RESPONSE);
    ASSERT_EQ(b.cpu.write(kSize - 1, 0xb2, 1), tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(b.cpu.read(0, 1), 0xa1u);
    EXPECT_EQ(b.cpu.read(kSize - 1, 1), 0xb2u);
    EXPECT_EQ(b.cpu.read(kSize - 8, 8), 0xb2ULL << 56);
}

TEST_F(MemoryTest, OnePastTheEndIsAnAddressError) {
    EXPECT_EQ(b.cpu.write(kSize, 0, 1), tlm::TLM_ADDRESS_ERROR_RESPONSE);
    tlm::tlm_response_status st;
    b.cpu.read(kSize, 1, sc_core::SC_ZERO_TIME, &st);
    EXPECT_EQ(st, tlm::TLM_ADDRESS_ERROR_RESPONSE);
}

TEST_F(MemoryTest, AccessCrossingTheEndIsAnAddressError) {
    EXPECT_EQ(b.cpu.write(kSize - 2, 0xffffffff, 4), tlm::TLM_ADDRESS_ERROR_RESPONSE);
    EXPECT_NE(b.cpu.read(kSize - 2, 2), 0xffffu);
}

TEST_F(MemoryTest, UntouchedMemoryReadsZero) {
    EXPECT_EQ(b.cpu.read(0x8000, 8), 0u);
}

TEST_F(MemoryTest, AccessesAddTheirLatency) {
    b.cpu.read(0x100, 4);
    EXPECT_EQ(b.cpu.last_delay, kRead);
    b.cpu.write(0x100, 1, 4);
    EXPECT_EQ(b.cpu.last_delay, kWrite);
}

TEST_F(MemoryTest, DmiCoversTheWholeMemoryWithAnInclusiveEnd) {
    tlm::tlm_dmi dmi;
    ASSERT_TRUE(get_dmi(b.cpu, 0x42, dmi));
    EXPECT_EQ(dmi.get_start_address(), 0u);
    EXPECT_EQ(dmi.get_end_address(), kSize - 1);
    EXPECT_EQ(dmi.get_dmi_ptr(), b.ram.data(0));
    EXPECT_TRUE(dmi.is_read_write_allowed());
    EXPECT_EQ(dmi.get_read_latency(), kRead);
    EXPECT_EQ(dmi.get_write_latency(), kWrite);
    b.cpu.write(kSize - 1, 0x5c, 1);
    EXPECT_EQ(dmi.get_dmi_ptr()[dmi.get_end_address() - dmi.get_start_address()], 0x5c);
}

TEST_F(MemoryTest, ReadOnlyMemoryRefusesWritesAndGrantsReadOnlyDmi) {
    const std::uint8_t v = 0x99;
    b.rom.load(0x10, &v, 1);
    EXPECT_EQ(b.rom_cpu.write(0x10, 0x11, 1), tlm::TLM_COMMAND_ERROR_RESPONSE);
    EXPECT_EQ(b.rom_cpu.read(0x10, 1), 0x99u);
    tlm::tlm_dmi dmi;
    ASSERT_TRUE(get_dmi(b.rom_cpu, 0, dmi));
    EXPECT_TRUE(dmi.is_read_allowed());
    EXPECT_FALSE(dmi.is_write_allowed());
}

TEST_F(MemoryTest, ByteEnablesSelectTheBytesWritten) {
    b.cpu.write(0x200, 0, 4);
    std::uint8_t data[4] = {0x11, 0x22, 0x33, 0x44};
    std::uint8_t enables[4] = {TLM_BYTE_ENABLED, TLM_BYTE_DISABLED, TLM_BYTE_ENABLED,
                               TLM_BYTE_DISABLED};
    tlm::tlm_generic_payload gp;
    gp.set_command(tlm::TLM_WRITE_COMMAND);
    gp.set_address(0x200);
    gp.set_data_ptr(data);
    gp.set_data_length(4);
    gp.set_streaming_width(4);
    gp.set_byte_enable_ptr(enables);
    gp.set_byte_enable_length(4);
    gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    sc_time delay;
    b.cpu.isock->b_transport(gp, delay);
    ASSERT_EQ(gp.get_response_status(), tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(b.cpu.read(0x200, 4), 0x00330011u);
}

TEST_F(MemoryTest, DebugTransportWorksOnReadOnlyMemoryAndStopsAtTheEnd) {
    std::uint8_t in[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    EXPECT_EQ(b.rom_cpu.debug(tlm::TLM_WRITE_COMMAND, 0x1000 - 4, in, 8), 4u);
    std::uint8_t out[4] = {};
    EXPECT_EQ(b.rom_cpu.debug(tlm::TLM_READ_COMMAND, 0x1000 - 4, out, 4), 4u);
    EXPECT_EQ(out[3], 4);
    EXPECT_EQ(b.rom_cpu.debug(tlm::TLM_READ_COMMAND, 0x1000, out, 4), 0u);
}

TEST_F(MemoryTest, SixtyFourGibMemoryCostsNothingUntilTouched) {
    const long before = rss_kib();
    constexpr std::uint64_t kHuge = 64ULL << 30;
    Memory huge("huge", params(kHuge));
    const std::uint8_t v = 0x7e;
    huge.load(kHuge - 1, &v, 1);
    EXPECT_EQ(*huge.data(kHuge - 1), 0x7e);
    EXPECT_EQ(*huge.data(kHuge / 2), 0);
    EXPECT_LT(rss_kib() - before, 16 * 1024);  // far less than 16 MiB for one touched page
}

TEST_F(MemoryTest, WriteWatchDisablesDmiForItsPageOnlyAndFiresTheCallback) {
    std::vector<std::pair<std::uint64_t, unsigned>> hits;
    b.watched.watch_writes(0x2010, 4,
                           [&](std::uint64_t off, unsigned len) { hits.emplace_back(off, len); });
    ASSERT_FALSE(b.watch_cpu.invalidations.empty());
    EXPECT_EQ(b.watch_cpu.invalidations.back(),
              (std::pair<std::uint64_t, std::uint64_t>{0x2000, 0x2fff}));
    tlm::tlm_dmi dmi;
    EXPECT_FALSE(get_dmi(b.watch_cpu, 0x2800, dmi));
    ASSERT_TRUE(get_dmi(b.watch_cpu, 0x1000, dmi));
    EXPECT_EQ(dmi.get_start_address(), 0u);
    EXPECT_EQ(dmi.get_end_address(), 0x1fffu);
    tlm::tlm_dmi above;
    ASSERT_TRUE(get_dmi(b.watch_cpu, 0x3000, above));
    EXPECT_EQ(above.get_start_address(), 0x3000u);
    EXPECT_EQ(above.get_end_address(), kSize - 1);

    b.watch_cpu.write(0x2100, 1, 4);  // same page, outside the watched bytes
    EXPECT_TRUE(hits.empty());
    b.watch_cpu.write(0x2012, 0xab, 1);
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(hits[0], (std::pair<std::uint64_t, unsigned>{0x2012, 1}));
}

}  // namespace
