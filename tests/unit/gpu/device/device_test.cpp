// Bench: one GPU device (4 channels, 8 SMs, 64 MiB HBM), a host initiator on BAR0 and one on the
// HBM aperture, 4 MiB of host memory behind its DMA socket, and a recorder on its interrupt line.
// The GSP's side of the register bank is driven directly through the bank (as GSP firmware
// would), so channels are created without firmware; the firmware path is tested on the platform.
// Expected values come from straight loops and the roofline formula written out here.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <vector>

#include "gen/regs.hpp"
#include "models/common/memory.hpp"
#include "models/common/router.hpp"
#include "models/gpu/device/gpu_device.hpp"
#include "sw/include/nodevp/gpu_abi.h"
#include "tests/unit/common/test_initiator.hpp"

namespace {

using namespace nodevp;
namespace regs = gen::regs::gpu;
using sc_core::SC_NS;
using sc_core::sc_time;
using sc_core::SC_US;

constexpr std::uint64_t kHostMemory = 4 << 20;
constexpr std::uint64_t kHbmBase = 0x4000000000ull;
constexpr std::uint64_t kHbmSize = 64 << 20;
constexpr double kPeakFp32 = 1e12, kPeakInt8 = 8e12, kHbmBw = 100e9, kCopyBw = 10e9;
constexpr unsigned kSms = 8;
const sc_time kLaunchLatency(2, SC_US);

gpu::GpuDevice::Params params() {
    gpu::GpuDevice::Params p;
    p.hbm_base = kHbmBase;
    p.hbm_window = 0x4000000000ull;
    p.hbm_size = kHbmSize;
    p.channels = 4;
    p.sms = kSms;
    p.peak_ops = {kPeakFp32, 4e12, 4e12, kPeakInt8};
    p.hbm_bandwidth = kHbmBw;
    p.copy_bandwidth = kCopyBw;
    p.launch_latency = kLaunchLatency;
    p.sem_poll_interval = sc_time(1, SC_US);
    p.hbm_init_time = sc_time(10, SC_US);
    return p;
}

struct Bench {
    gpu::GpuDevice dev{"gpu", params()};
    test::TestInitiator host{"host"};
    test::TestInitiator aperture{"aperture"};
    Memory memory{"memory",
                  Memory::Params{kHostMemory, sc_core::SC_ZERO_TIME, sc_core::SC_ZERO_TIME, false}};
    Router bus{"bus"};  // the copy engine and the L2 front end share the host memory
    test::IrqRecorder irq;
    Bench() {
        host.isock.bind(dev.bar0_tsock);
        aperture.isock.bind(dev.hbm_tsock);
        bus.map(memory.tsock, 0, kHostMemory, "memory");
        dev.dma_isock.bind(bus.tsock);
        dev.l2_isock.bind(bus.tsock);
        dev.irq.bind(irq, 0);
    }
};

Bench& bench() {
    static Bench b;
    return b;
}

// Host memory layout: channel c's ring (16 entries) at kRing + c * 0x1000, its command buffers
// in [kCmd + c * 0x10000, +0x10000), its notifier at kNotifier + c * 64; data from kData.
constexpr std::uint64_t kRing = 0x10000, kCmd = 0x20000, kNotifier = 0x70000, kData = 0x100000;
constexpr unsigned kRingEntries = 16;

// A command buffer under construction.
class Commands {
  public:
    template <typename T>
    Commands& add(T cmd, std::uint16_t opcode, std::uint16_t flags = 0) {
        cmd.h.opcode = opcode;
        cmd.h.flags = flags;
        cmd.h.length = sizeof(T);
        const auto* p = reinterpret_cast<const std::uint8_t*>(&cmd);
        bytes.insert(bytes.end(), p, p + sizeof(T));
        return *this;
    }
    Commands& timestamp(std::uint64_t addr) {
        gpu_cmd_timestamp t{};
        t.addr = addr;
        return add(t, GPU_OP_TIMESTAMP);
    }
    Commands& release(std::uint64_t addr, std::uint64_t value, std::uint16_t flags = 0) {
        gpu_cmd_sem s{};
        s.addr = addr;
        s.value = value;
        return add(s, GPU_OP_SEM_RELEASE, flags);
    }
    Commands& acquire(std::uint64_t addr, std::uint64_t value, std::uint16_t flags = 0) {
        gpu_cmd_sem s{};
        s.addr = addr;
        s.value = value;
        return add(s, GPU_OP_SEM_ACQUIRE, flags);
    }
    Commands& copy(std::uint64_t src, std::uint64_t dst, std::uint64_t len) {
        gpu_cmd_copy c{};
        c.src = src;
        c.dst = dst;
        c.len = len;
        return add(c, GPU_OP_COPY);
    }
    Commands& memset(std::uint64_t dst, std::uint64_t len, std::uint32_t pattern,
                     std::uint16_t flags = 0) {
        gpu_cmd_memset m{};
        m.dst = dst;
        m.len = len;
        m.pattern = pattern;
        return add(m, GPU_OP_MEMSET, flags);
    }
    Commands& launch(std::uint32_t kernel, std::uint64_t args, std::uint32_t args_len,
                     std::uint32_t blocks = 1024) {
        gpu_cmd_launch l{};
        l.kernel = kernel;
        l.args = args;
        l.args_len = args_len;
        l.grid[0] = blocks;
        l.grid[1] = l.grid[2] = 1;
        return add(l, GPU_OP_LAUNCH);
    }
    std::vector<std::uint8_t> bytes;
};

class GpuDeviceTest : public ::testing::Test {
  protected:
    void SetUp() override {
        for (unsigned c = 0; c < 4; ++c) destroy(c);
        host_write(regs::INT_STATUS, ~0u);
        host_write(regs::CHAN_SEM, ~0u);
        host_write(regs::CHAN_ERR, ~0u);
        gsp_write(regs::CHAN_ERR_GSP, ~0u);
        gsp_write(regs::GSP_INT_STATUS, ~0u);
        host_write(regs::INT_ENABLE, 0);
        // Every case starts from zeroed memories, whatever ran before it in this process.
        std::memset(b.memory.data(0), 0, kHostMemory);
        std::memset(b.dev.hbm().data(0), 0, 1 << 20);
    }

    std::uint64_t reg(std::uint64_t offset, unsigned width = 4) {
        return b.host.read(offset, width);
    }
    void host_write(std::uint64_t offset, std::uint64_t value) {
        ASSERT_EQ(b.host.write(offset, value, 4), tlm::TLM_OK_RESPONSE) << std::hex << offset;
    }
    // A write from the GSP's side: through the bank, hooks included.
    void gsp_write(std::uint64_t offset, std::uint64_t value, unsigned width = 4) {
        tlm::tlm_generic_payload gp;
        std::uint8_t buf[8] = {};
        std::memcpy(buf, &value, width);
        gp.set_command(tlm::TLM_WRITE_COMMAND);
        gp.set_address(offset);
        gp.set_data_ptr(buf);
        gp.set_data_length(width);
        gp.set_streaming_width(width);
        gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
        b.dev.registers().transport(gp);
        ASSERT_EQ(gp.get_response_status(), tlm::TLM_OK_RESPONSE) << std::hex << offset;
    }
    static std::uint64_t ch(std::uint64_t reg, unsigned c) {
        return reg + c * regs::CH_RING_BASE_stride;
    }
    void create(unsigned c) {
        gsp_write(ch(regs::CH_RING_BASE, c), kRing + c * 0x1000, 8);
        gsp_write(ch(regs::CH_RING_SIZE, c), kRingEntries);
        gsp_write(ch(regs::CH_NOTIFIER, c), kNotifier + c * 64, 8);
        gsp_write(ch(regs::CH_CONTROL, c), regs::CH_CONTROL_ENABLE);
        next_cmd_[c] = kCmd + c * 0x10000;
        put_[c] = 0;
    }
    void destroy(unsigned c) { gsp_write(ch(regs::CH_CONTROL, c), regs::CH_CONTROL_DISABLE); }
    // Copies the commands to host memory, fills the next ring entry and rings the doorbell.
    void submit(unsigned c, const Commands& cmds) {
        const std::uint64_t at = next_cmd_[c];
        b.memory.load(at, cmds.bytes.data(), cmds.bytes.size());
        next_cmd_[c] += (cmds.bytes.size() + 63) / 64 * 64;
        gpu_ring_entry e{at, static_cast<std::uint32_t>(cmds.bytes.size()), 0};
        b.memory.load(kRing + c * 0x1000 + put_[c] * sizeof e, &e, sizeof e);
        put_[c] = (put_[c] + 1) % kRingEntries;
        host_write(ch(regs::CH_PUT, c), put_[c]);
    }
    void run(sc_time t = sc_time(100, SC_US)) { sc_core::sc_start(t); }
    template <typename T>
    T host_at(std::uint64_t addr) {
        T v;
        std::memcpy(&v, b.memory.data(addr), sizeof v);
        return v;
    }
    template <typename T>
    void put_host(std::uint64_t addr, const T& v) {
        b.memory.load(addr, &v, sizeof v);
    }
    std::uint8_t* hbm(std::uint64_t offset) { return b.dev.hbm().data(offset); }
    gpu_error_notifier notifier(unsigned c) {
        return host_at<gpu_error_notifier>(kNotifier + c * 64);
    }
    std::uint64_t ns_now() {
        return static_cast<std::uint64_t>(
            std::llround(sc_core::sc_time_stamp() / sc_time(1, SC_NS)));
    }

    Bench& b = bench();
    std::uint64_t next_cmd_[4] = {};
    unsigned put_[4] = {};
};

TEST_F(GpuDeviceTest, ReportsIdentityAndConfiguration) {
    EXPECT_EQ(reg(regs::ID), regs::ID_VALUE);
    EXPECT_EQ(reg(regs::VERSION), regs::VERSION_VALUE);
    EXPECT_EQ(reg(regs::HBM_SIZE, 8), kHbmSize);
    EXPECT_EQ(reg(regs::HBM_SIZE + 4), 0u);
    EXPECT_EQ(reg(regs::CHANNELS), 4u);
    EXPECT_EQ(reg(regs::SMS), kSms);
}

TEST_F(GpuDeviceTest, HostMayRingDoorbellsButNotWriteGspRegisters) {
    for (std::uint64_t off :
         {ch(regs::CH_RING_BASE, 1), ch(regs::CH_RING_BASE, 1) + 4, ch(regs::CH_CONTROL, 0),
          ch(regs::CH_NOTIFIER, 3), regs::GSP_INT_ENABLE, regs::HBM_CTRL, regs::MBOX_D2H})
        EXPECT_EQ(b.host.write(off, 1, 4), tlm::TLM_COMMAND_ERROR_RESPONSE) << std::hex << off;
    EXPECT_EQ(reg(ch(regs::CH_STATUS, 0)), 0u);
    EXPECT_EQ(b.host.write(ch(regs::CH_PUT, 0), 0, 4), tlm::TLM_OK_RESPONSE);
}

TEST_F(GpuDeviceTest, Bar0AnswersAddressErrorOutsideRegistersAndGspMemories) {
    tlm::tlm_response_status s;
    b.host.read(regs::REGS_SIZE, 4, sc_core::SC_ZERO_TIME, &s);
    EXPECT_EQ(s, tlm::TLM_ADDRESS_ERROR_RESPONSE);
    b.host.read(ch(regs::CH_RING_BASE, 4), 4, sc_core::SC_ZERO_TIME, &s);  // channel 4 absent
    EXPECT_EQ(s, tlm::TLM_ADDRESS_ERROR_RESPONSE);
    b.host.read(regs::DMEM_OFFSET + regs::GSP_DMEM_SIZE - 2, 4, sc_core::SC_ZERO_TIME, &s);
    EXPECT_EQ(s, tlm::TLM_ADDRESS_ERROR_RESPONSE);
    EXPECT_EQ(b.host.write(regs::DMEM_OFFSET + regs::GSP_DMEM_SIZE - 4, 0xa5a5, 4),
              tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(reg(regs::DMEM_OFFSET + regs::GSP_DMEM_SIZE - 4), 0xa5a5u);
}

TEST_F(GpuDeviceTest, HbmApertureHoldsFirstAndLastByteAndRejectsOnePastTheEnd) {
    EXPECT_EQ(b.aperture.write(0, 0x11, 1), tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(b.aperture.write(kHbmSize - 1, 0x22, 1), tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(b.aperture.read(kHbmSize - 1, 1), 0x22u);
    EXPECT_EQ(*hbm(0), 0x11);
    EXPECT_NE(b.aperture.write(kHbmSize, 0, 1), tlm::TLM_OK_RESPONSE);
    EXPECT_NE(b.aperture.write(kHbmSize - 2, 0, 4), tlm::TLM_OK_RESPONSE);
}

TEST_F(GpuDeviceTest, CopiesHostToHbmHbmToHbmAndBack) {
    create(0);
    std::vector<std::uint8_t> data(10000);
    for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i * 13 + 5);
    b.memory.load(kData, data.data(), data.size());
    const std::uint64_t last = kHbmBase + kHbmSize - data.size();  // ends at HBM's last byte
    submit(0, Commands{}
                  .copy(kData, kHbmBase + 100, data.size())
                  .copy(kHbmBase + 100, last, data.size())
                  .copy(last, kData + 0x10000, data.size()));
    run();
    EXPECT_EQ(reg(ch(regs::CH_GET, 0)), 1u);
    EXPECT_EQ(reg(ch(regs::CH_STATUS, 0)), regs::CH_STATUS_ENABLED);
    EXPECT_EQ(std::memcmp(hbm(100), data.data(), data.size()), 0);
    EXPECT_EQ(*hbm(kHbmSize - 1), data.back());
    EXPECT_EQ(std::memcmp(b.memory.data(kData + 0x10000), data.data(), data.size()), 0);
}

TEST_F(GpuDeviceTest, CopyTakesBytesOverCopyBandwidth) {
    create(0);
    submit(0, Commands{}.timestamp(kData).copy(kData + 64, kHbmBase, 100000).timestamp(kData + 8));
    run();
    const double expected_ns = 100000 / kCopyBw * 1e9;  // 10 us
    EXPECT_NEAR(
        static_cast<double>(host_at<std::uint64_t>(kData + 8) - host_at<std::uint64_t>(kData)),
        expected_ns, 1.0);
}

TEST_F(GpuDeviceTest, MemsetFillsBytesAndWordsInHbmAndHostMemory) {
    create(0);
    submit(0, Commands{}
                  .memset(kHbmBase + 8, 5, 0x1ab)
                  .memset(kData, 12, 0xdeadbeef, GPU_CMD_F_PATTERN32)
                  .memset(kHbmBase + 64, 8, 0x01020304, GPU_CMD_F_PATTERN32));
    run();
    EXPECT_EQ(reg(ch(regs::CH_STATUS, 0)), regs::CH_STATUS_ENABLED);
    const std::uint8_t bytes[] = {0, 0xab, 0xab, 0xab, 0xab, 0xab, 0};
    EXPECT_EQ(std::memcmp(hbm(7), bytes, sizeof bytes), 0);
    EXPECT_EQ(host_at<std::uint32_t>(kData + 8), 0xdeadbeefu);
    EXPECT_EQ(host_at<std::uint32_t>(kData + 12), 0u);
    EXPECT_EQ(hbm(64)[4], 0x04);
    EXPECT_EQ(hbm(64)[7], 0x01);
}

TEST_F(GpuDeviceTest, ReleaseWritesValueAndInterruptsOnlyWhenAsked) {
    create(2);
    host_write(regs::INT_ENABLE, regs::INT_ENABLE_SEMAPHORE);
    submit(2, Commands{}.release(kData, 0x1234));
    run();
    EXPECT_EQ(host_at<std::uint32_t>(kData), 0x1234u);
    EXPECT_EQ(reg(regs::INT_STATUS), 0u);
    EXPECT_FALSE(b.irq.level(0));
    submit(2, Commands{}.release(kData + 8, 0x1122334455667788ull,
                                 GPU_CMD_F_SEM64 | GPU_CMD_F_INTERRUPT));
    run();
    EXPECT_EQ(host_at<std::uint64_t>(kData + 8), 0x1122334455667788ull);
    EXPECT_EQ(reg(regs::INT_STATUS), regs::INT_STATUS_SEMAPHORE);
    EXPECT_EQ(reg(regs::CHAN_SEM), 1u << 2);
    EXPECT_TRUE(b.irq.level(0));
    host_write(regs::INT_STATUS, regs::INT_STATUS_SEMAPHORE);
    EXPECT_FALSE(b.irq.level(0));
    host_write(regs::CHAN_SEM, 1u << 2);
    EXPECT_EQ(reg(regs::CHAN_SEM), 0u);
}

TEST_F(GpuDeviceTest, TimestampWritesSimulatedTimeInNanoseconds) {
    create(0);
    run(sc_time(3, SC_US));
    const std::uint64_t before = ns_now();
    submit(0, Commands{}.timestamp(kData));
    run(sc_time(1, SC_US));
    const std::uint64_t t = host_at<std::uint64_t>(kData);
    EXPECT_GE(t, before);
    EXPECT_LE(t, before + 100);
}

// Channel 1 waits for the semaphore that channel 0 releases after a 10 us memset.
TEST_F(GpuDeviceTest, AcquireWaitsForAnotherChannelsRelease) {
    create(0);
    create(1);
    submit(1, Commands{}.acquire(kData, 1).timestamp(kData + 16));
    run(sc_time(5, SC_US));
    EXPECT_EQ(reg(ch(regs::CH_STATUS, 1)), regs::CH_STATUS_ENABLED | regs::CH_STATUS_BUSY);
    submit(0, Commands{}.memset(kHbmBase, 100000, 0).timestamp(kData + 8).release(kData, 1));
    run();
    const auto released = host_at<std::uint64_t>(kData + 8);
    const auto acquired = host_at<std::uint64_t>(kData + 16);
    EXPECT_GE(released, 5000u + 10000u);
    EXPECT_GE(acquired, released);
    EXPECT_LE(acquired, released + 10);  // woken by the release, not by the 1 us poll
    EXPECT_EQ(reg(ch(regs::CH_GET, 1)), 1u);
}

TEST_F(GpuDeviceTest, AcquireEqualSeesAHostWriteWithinOnePollInterval) {
    create(3);
    put_host<std::uint64_t>(kData, 6);
    submit(3,
           Commands{}.acquire(kData, 7, GPU_CMD_F_SEM64 | GPU_CMD_F_COND_EQ).timestamp(kData + 8));
    run(sc_time(20, SC_US));
    EXPECT_EQ(reg(ch(regs::CH_GET, 3)), 0u);
    put_host<std::uint64_t>(kData, 8);  // >= but not ==
    run(sc_time(5, SC_US));
    EXPECT_EQ(reg(ch(regs::CH_GET, 3)), 0u);
    const std::uint64_t written = ns_now();
    put_host<std::uint64_t>(kData, 7);
    run(sc_time(5, SC_US));
    EXPECT_EQ(reg(ch(regs::CH_GET, 3)), 1u);
    EXPECT_LE(host_at<std::uint64_t>(kData + 8), written + 1000);
}

TEST_F(GpuDeviceTest, DisableStopsAWaitingChannelAndEnableStartsItAfresh) {
    create(1);
    submit(1, Commands{}.acquire(kData, 1));
    run(sc_time(5, SC_US));
    destroy(1);
    run(sc_time(5, SC_US));
    EXPECT_EQ(reg(ch(regs::CH_STATUS, 1)), 0u);
    EXPECT_EQ(reg(ch(regs::CH_GET, 1)), 0u);
    create(1);
    submit(1, Commands{}.release(kData + 8, 9));
    run();
    EXPECT_EQ(host_at<std::uint32_t>(kData + 8), 9u);
}

// An unknown opcode on channel 1: notifier, error registers and interrupts; channel 0 runs on.
TEST_F(GpuDeviceTest, UnknownCommandStopsOnlyItsChannelWithNotifierAndInterrupt) {
    create(0);
    create(1);
    host_write(regs::INT_ENABLE, regs::INT_ENABLE_ERROR);
    gsp_write(regs::GSP_INT_ENABLE, regs::GSP_INT_ENABLE_CHANNEL_ERROR);
    gpu_cmd_nop bad{};
    run(sc_time(1, SC_US));
    const std::uint64_t submitted = ns_now();
    submit(1, Commands{}.release(kData, 1).add(bad, 0x77));
    submit(1, Commands{}.release(kData + 4, 1));  // never runs
    run();
    EXPECT_EQ(host_at<std::uint32_t>(kData), 1u);
    EXPECT_EQ(host_at<std::uint32_t>(kData + 4), 0u);
    const gpu_error_notifier n = notifier(1);
    EXPECT_EQ(n.code, static_cast<std::uint32_t>(GPU_ERR_BAD_COMMAND));
    EXPECT_EQ(n.channel, 1u);
    EXPECT_EQ(n.info, 0x77u);
    EXPECT_EQ(n.ring_index, 0u);
    EXPECT_EQ(n.cmd_offset, sizeof(gpu_cmd_sem));
    EXPECT_GE(n.timestamp_ns, submitted);
    EXPECT_LE(n.timestamp_ns, submitted + 100);
    EXPECT_EQ(reg(ch(regs::CH_STATUS, 1)), regs::CH_STATUS_ENABLED | regs::CH_STATUS_ERROR);
    EXPECT_EQ(reg(ch(regs::CH_ERR_CODE, 1)), static_cast<std::uint32_t>(GPU_ERR_BAD_COMMAND));
    EXPECT_EQ(reg(ch(regs::CH_GET, 1)), 0u);
    EXPECT_EQ(reg(regs::CHAN_ERR), 1u << 1);
    EXPECT_EQ(reg(regs::INT_STATUS), regs::INT_STATUS_ERROR);
    EXPECT_TRUE(b.irq.level(0));
    EXPECT_EQ(reg(regs::GSP_INT_STATUS), regs::GSP_INT_STATUS_CHANNEL_ERROR);
    EXPECT_EQ(reg(regs::CHAN_ERR_GSP), 1u << 1);

    submit(0, Commands{}.copy(kData, kData + 64, 4));
    run();
    EXPECT_EQ(host_at<std::uint32_t>(kData + 64), 1u);
    EXPECT_EQ(reg(ch(regs::CH_STATUS, 0)), regs::CH_STATUS_ENABLED);
    EXPECT_EQ(reg(ch(regs::CH_GET, 1)), 0u);  // still stopped
}

TEST_F(GpuDeviceTest, CopyPastTheEndOfHbmIsABadAddress) {
    create(2);
    submit(2, Commands{}.copy(kData, kHbmBase + kHbmSize - 8, 16));
    run();
    EXPECT_EQ(notifier(2).code, static_cast<std::uint32_t>(GPU_ERR_BAD_ADDRESS));
    EXPECT_EQ(notifier(2).info, kHbmBase + kHbmSize - 8);
    EXPECT_EQ(reg(ch(regs::CH_ERR_INFO, 2), 8), kHbmBase + kHbmSize - 8);
}

TEST_F(GpuDeviceTest, CopyFromUnmappedHostMemoryIsABadAddress) {
    create(0);
    submit(0, Commands{}.copy(kHostMemory - 16, kHbmBase, 64));
    run();
    EXPECT_EQ(notifier(0).code, static_cast<std::uint32_t>(GPU_ERR_BAD_ADDRESS));
    EXPECT_EQ(notifier(0).info, kHostMemory - 16);
}

TEST_F(GpuDeviceTest, DoorbellBeyondTheRingIsABadRing) {
    create(0);
    host_write(ch(regs::CH_PUT, 0), kRingEntries);
    run();
    EXPECT_EQ(notifier(0).code, static_cast<std::uint32_t>(GPU_ERR_BAD_RING));
}

TEST_F(GpuDeviceTest, TruncatedCommandIsABadCommandLength) {
    create(0);
    Commands c;
    c.copy(kData, kData + 8, 8);
    c.bytes.resize(16);  // the copy's header says 32 bytes
    submit(0, c);
    run();
    EXPECT_EQ(notifier(0).code, static_cast<std::uint32_t>(GPU_ERR_BAD_COMMAND_LENGTH));
}

// GEMM arguments for row-major A (m x k), B (k x n), C (m x n) at HBM offsets.
gpu_gemm_args gemm_args(std::uint32_t m, std::uint32_t n, std::uint32_t k, std::uint8_t ab,
                        std::uint8_t c, std::uint64_t a_off, std::uint64_t b_off,
                        std::uint64_t c_off) {
    gpu_gemm_args g{};
    g.a = kHbmBase + a_off;
    g.b = kHbmBase + b_off;
    g.c = kHbmBase + c_off;
    g.ab_type = ab;
    g.c_type = c;
    g.m = m, g.n = n, g.k = k, g.batch = 1;
    g.lda = k, g.ldb = n, g.ldc = n;
    g.alpha = 1.0f;
    g.beta = 0.0f;
    return g;
}

TEST_F(GpuDeviceTest, LaunchWithATensorOutsideHbmIsABadArgumentAddress) {
    create(0);
    create(1);
    gpu_gemm_args g = gemm_args(4, 4, 4, GPU_DTYPE_F32, GPU_DTYPE_F32, 0, 64, 128);
    g.b = kData;  // host memory, not HBM
    put_host(kData + 0x1000, g);
    submit(1, Commands{}.launch(GPU_KERNEL_GEMM, kData + 0x1000, sizeof g));
    g.b = kHbmBase + 64;
    g.c = kHbmBase + kHbmSize - 32;  // 64 bytes of C cross the end
    put_host(kData + 0x1100, g);
    submit(0, Commands{}.launch(GPU_KERNEL_GEMM, kData + 0x1100, sizeof g));
    run();
    EXPECT_EQ(notifier(1).code, static_cast<std::uint32_t>(GPU_ERR_BAD_ARGUMENT_ADDRESS));
    EXPECT_EQ(notifier(1).info, kData);
    EXPECT_EQ(notifier(0).code, static_cast<std::uint32_t>(GPU_ERR_BAD_ARGUMENT_ADDRESS));
    EXPECT_EQ(notifier(0).info, kHbmBase + kHbmSize - 32);
}

TEST_F(GpuDeviceTest, LaunchErrorsNameTheirCause) {
    for (unsigned c = 0; c < 4; ++c) create(c);
    gpu_gemm_args g = gemm_args(4, 4, 4, GPU_DTYPE_I8, GPU_DTYPE_F32, 0, 64, 128);  // bad types
    put_host(kData + 0x1000, g);
    submit(0, Commands{}.launch(GPU_KERNEL_GEMM, kData + 0x1000, sizeof g));
    submit(1, Commands{}.launch(99, kData + 0x1000, sizeof g));
    submit(2, Commands{}.launch(GPU_KERNEL_GEMM, kData + 0x1000, sizeof g, 0));
    submit(3, Commands{}.launch(GPU_KERNEL_GEMM, kHostMemory + 0x1000, sizeof g));
    run();
    EXPECT_EQ(notifier(0).code, static_cast<std::uint32_t>(GPU_ERR_KERNEL));
    EXPECT_EQ(notifier(1).code, static_cast<std::uint32_t>(GPU_ERR_BAD_KERNEL));
    EXPECT_EQ(notifier(1).info, 99u);
    EXPECT_EQ(notifier(2).code, static_cast<std::uint32_t>(GPU_ERR_BAD_GRID));
    EXPECT_EQ(notifier(3).code, static_cast<std::uint32_t>(GPU_ERR_BAD_ARGUMENT_ADDRESS));
    EXPECT_EQ(notifier(3).info, kHostMemory + 0x1000);
}

// Small integers: every product and partial sum is exact in fp32, so the result is the same in
// any accumulation order; int8 accumulates exactly in int32.
TEST_F(GpuDeviceTest, GemmLaunchesMatchAStraightLoop) {
    create(0);
    const std::uint32_t m = 17, n = 13, k = 9;
    std::vector<float> a(m * k), bm(k * n);
    std::vector<std::int8_t> a8(m * k), b8(k * n);
    for (std::uint32_t i = 0; i < m * k; ++i) {
        a[i] = static_cast<float>(static_cast<int>(i * 7 % 17) - 8);
        a8[i] = static_cast<std::int8_t>(i * 37 % 256 - 128);
    }
    for (std::uint32_t i = 0; i < k * n; ++i) {
        bm[i] = static_cast<float>(static_cast<int>(i * 5 % 11) - 5);
        b8[i] = static_cast<std::int8_t>(i * 91 % 256 - 128);
    }
    std::memcpy(hbm(0x1000), a.data(), a.size() * 4);
    std::memcpy(hbm(0x2000), bm.data(), bm.size() * 4);
    std::memcpy(hbm(0x4000), a8.data(), a8.size());
    std::memcpy(hbm(0x5000), b8.data(), b8.size());
    const gpu_gemm_args f =
        gemm_args(m, n, k, GPU_DTYPE_F32, GPU_DTYPE_F32, 0x1000, 0x2000, 0x3000);
    const gpu_gemm_args i8 =
        gemm_args(m, n, k, GPU_DTYPE_I8, GPU_DTYPE_I32, 0x4000, 0x5000, 0x6000);
    put_host(kData, f);
    put_host(kData + 0x100, i8);
    submit(0, Commands{}
                  .launch(GPU_KERNEL_GEMM, kData, sizeof f)
                  .launch(GPU_KERNEL_GEMM, kData + 0x100, sizeof i8)
                  .copy(kHbmBase + 0x3000, kData + 0x1000, m * n * 4));
    run();
    ASSERT_EQ(reg(ch(regs::CH_STATUS, 0)), regs::CH_STATUS_ENABLED);
    for (std::uint32_t i = 0; i < m; ++i)
        for (std::uint32_t j = 0; j < n; ++j) {
            float sf = 0;
            std::int32_t si = 0;
            for (std::uint32_t p = 0; p < k; ++p) {
                sf += a[i * k + p] * bm[p * n + j];
                si += std::int32_t{a8[i * k + p]} * std::int32_t{b8[p * n + j]};
            }
            EXPECT_EQ(host_at<float>(kData + 0x1000 + (i * n + j) * 4), sf) << i << "," << j;
            std::int32_t got;
            std::memcpy(&got, hbm(0x6000 + (i * n + j) * 4), 4);
            EXPECT_EQ(got, si) << i << "," << j;
        }
}

// Each argument struct reaches its kernel with the right tensors: cases whose results are exact
// by construction (sums of small integers, a one-key softmax, rotation by angle 0, a copy).
TEST_F(GpuDeviceTest, EveryKernelDecodesItsArgumentStruct) {
    create(0);
    float* f = reinterpret_cast<float*>(hbm(0x10000));                   // scratch: 4096 floats
    for (int i = 0; i < 64; ++i) f[i] = static_cast<float>(i % 7 - 3);   // x / a
    for (int i = 0; i < 64; ++i) f[64 + i] = static_cast<float>(i % 5);  // b
    const std::uint64_t x = kHbmBase + 0x10000, y = x + 256, out = x + 0x1000;
    std::int32_t ids[3] = {2, 0, 3};
    std::memcpy(hbm(0x12000), ids, sizeof ids);
    const std::uint64_t id_addr = kHbmBase + 0x12000;

    gpu_elementwise_args ew{};
    ew.a = x, ew.b = y, ew.out = out, ew.n = 64, ew.op = GPU_EW_ADD;
    gpu_argmax_args am{};
    am.in = x, am.out = out + 0x400, am.rows = 4, am.cols = 16;
    gpu_embedding_args em{};
    em.table = x, em.ids = id_addr, em.out = out + 0x800, em.rows = 3, em.dim = 16, em.vocab = 4;
    gpu_rotary_args ro{};  // row 0 at position 0: rotation by 0, unchanged
    ro.x = y, ro.rows = 1, ro.heads = 2, ro.head_dim = 8, ro.pos0 = 0, ro.theta = 10000.0f;
    gpu_attention_args at{};  // one query at position 0 sees one key: out = V[0]
    at.q = x, at.k_cache = x + 64, at.v_cache = y, at.out = out + 0xc00;
    at.heads = 1, at.kv_heads = 1, at.head_dim = 16, at.q_len = 1, at.q_pos0 = 0, at.max_seq = 2;
    gpu_softmax_args sm{};  // one column: exactly 1
    sm.in = x, sm.out = out + 0xe00, sm.rows = 8, sm.cols = 1;
    put_host(kData, ew);
    put_host(kData + 0x100, am);
    put_host(kData + 0x200, em);
    put_host(kData + 0x300, ro);
    put_host(kData + 0x400, at);
    put_host(kData + 0x500, sm);
    submit(0, Commands{}
                  .launch(GPU_KERNEL_ELEMENTWISE, kData, sizeof ew)
                  .launch(GPU_KERNEL_ARGMAX, kData + 0x100, sizeof am)
                  .launch(GPU_KERNEL_EMBEDDING, kData + 0x200, sizeof em)
                  .launch(GPU_KERNEL_ROTARY, kData + 0x300, sizeof ro)
                  .launch(GPU_KERNEL_ATTENTION, kData + 0x400, sizeof at)
                  .launch(GPU_KERNEL_SOFTMAX, kData + 0x500, sizeof sm));
    run(sc_time(1, sc_core::SC_MS));
    ASSERT_EQ(reg(ch(regs::CH_STATUS, 0)), regs::CH_STATUS_ENABLED) << notifier(0).code;
    const float* o = reinterpret_cast<const float*>(hbm(0x11000));
    for (int i = 0; i < 64; ++i) EXPECT_EQ(o[i], f[i] + f[64 + i]) << i;
    for (int r = 0; r < 4; ++r) {  // first maximum of each row of 16
        int best = 0;
        for (int c = 1; c < 16; ++c)
            if (f[r * 16 + c] > f[r * 16 + best]) best = c;
        std::int32_t got;
        std::memcpy(&got, hbm(0x11400 + 4 * r), 4);
        EXPECT_EQ(got, best) << r;
    }
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 16; ++c) EXPECT_EQ(o[0x200 + r * 16 + c], f[ids[r] * 16 + c]);
    for (int i = 0; i < 16; ++i) EXPECT_EQ(f[64 + i], static_cast<float>(i % 5)) << i;
    for (int i = 0; i < 16; ++i) EXPECT_EQ(o[0x300 + i], f[64 + i]) << i;  // V[0]
    for (int i = 0; i < 8; ++i) EXPECT_EQ(o[0x380 + i], 1.0f) << i;
    EXPECT_GE(reg(regs::KERNELS), 6u);

    em.vocab = 3;  // id 3 is now out of range: the kernel refuses it when it runs
    put_host(kData + 0x200, em);
    submit(0, Commands{}.launch(GPU_KERNEL_EMBEDDING, kData + 0x200, sizeof em));
    run();
    EXPECT_EQ(notifier(0).code, static_cast<std::uint32_t>(GPU_ERR_KERNEL));
    EXPECT_EQ(notifier(0).info, static_cast<std::uint64_t>(GPU_KERNEL_EMBEDDING));
}

// The GPU <-> LPU hand-over kernels reach their arguments (values exact by construction), and
// a dequantise of an unknown input type is a kernel error.
TEST_F(GpuDeviceTest, QuantiseAndDequantiseLaunchesDecodeTheirArguments) {
    create(0);
    float* f = reinterpret_cast<float*>(hbm(0x20000));
    for (int i = 0; i < 16; ++i) f[i] = static_cast<float>(i - 8) * 0.5f;  // -4 .. 3.5
    const std::uint64_t x = kHbmBase + 0x20000, q = x + 0x100, y = x + 0x200;
    gpu_quantize_args qa{};
    qa.in = x, qa.out = q, qa.n = 16, qa.scale = 40.0f;  // -160 .. 140: saturates at +-127
    gpu_dequantize_args da{};
    da.in = q, da.out = y, da.n = 16, da.scale = 0.25f, da.in_type = GPU_DTYPE_I8;
    put_host(kData, qa);
    put_host(kData + 0x100, da);
    submit(0, Commands{}
                  .launch(GPU_KERNEL_QUANTIZE, kData, sizeof qa)
                  .launch(GPU_KERNEL_DEQUANTIZE, kData + 0x100, sizeof da));
    run(sc_time(1, sc_core::SC_MS));
    ASSERT_EQ(reg(ch(regs::CH_STATUS, 0)), regs::CH_STATUS_ENABLED) << notifier(0).code;
    const auto* qb = reinterpret_cast<const std::int8_t*>(hbm(0x20100));
    const float* yb = reinterpret_cast<const float*>(hbm(0x20200));
    for (int i = 0; i < 16; ++i) {
        const int want = std::max(-127, std::min(127, (i - 8) * 20));
        EXPECT_EQ(qb[i], want) << i;
        EXPECT_EQ(yb[i], static_cast<float>(want) * 0.25f) << i;
    }
    da.in_type = GPU_DTYPE_F16;
    put_host(kData + 0x100, da);
    submit(0, Commands{}.launch(GPU_KERNEL_DEQUANTIZE, kData + 0x100, sizeof da));
    run();
    EXPECT_EQ(notifier(0).code, static_cast<std::uint32_t>(GPU_ERR_KERNEL));
    EXPECT_EQ(notifier(0).info, static_cast<std::uint64_t>(GPU_KERNEL_DEQUANTIZE));
}

// The roofline, written out: launch latency + max(ops / (peak * sms/SMS), bytes / bandwidth).
double roofline_ns(double ops, double bytes, double peak, double sms_share) {
    return 1e9 * std::max(ops / (peak * sms_share), bytes / kHbmBw);
}

class GpuTimingTest : public GpuDeviceTest {
  protected:
    // Submits `g` on channel c between two timestamps (measured() reads their difference).
    void timed_gemm(unsigned c, const gpu_gemm_args& g, std::uint32_t blocks = 1024) {
        put_host(kData + 0x100 * c, g);
        submit(c, Commands{}
                      .timestamp(kData + 0x800 + 16 * c)
                      .launch(GPU_KERNEL_GEMM, kData + 0x100 * c, sizeof g, blocks)
                      .timestamp(kData + 0x808 + 16 * c));
    }
    double measured(unsigned c) {
        return static_cast<double>(host_at<std::uint64_t>(kData + 0x808 + 16 * c) -
                                   host_at<std::uint64_t>(kData + 0x800 + 16 * c));
    }
    static double latency_ns() { return kLaunchLatency.to_seconds() * 1e9; }
};

TEST_F(GpuTimingTest, ComputeBoundGemmTakesOpsOverPeak) {
    create(0);
    const gpu_gemm_args g =
        gemm_args(128, 128, 128, GPU_DTYPE_F32, GPU_DTYPE_F32, 0, 0x100000, 0x200000);
    timed_gemm(0, g);
    run(sc_time(1, sc_core::SC_MS));
    const double ops = 2.0 * 128 * 128 * 128, bytes = 3.0 * 128 * 128 * 4;
    ASSERT_GT(ops / kPeakFp32, bytes / kHbmBw);  // compute-bound
    EXPECT_NEAR(measured(0), latency_ns() + roofline_ns(ops, bytes, kPeakFp32, 1.0), 2.0);
}

TEST_F(GpuTimingTest, BandwidthBoundGemmTakesBytesOverBandwidth) {
    create(0);
    const gpu_gemm_args g =
        gemm_args(1, 2048, 1024, GPU_DTYPE_F32, GPU_DTYPE_F32, 0, 0x100000, 0x1000);
    timed_gemm(0, g);
    run(sc_time(1, sc_core::SC_MS));
    const double ops = 2.0 * 2048 * 1024, bytes = 4.0 * (1024 + 1024 * 2048 + 2048);
    ASSERT_LT(ops / kPeakFp32, bytes / kHbmBw);  // bandwidth-bound
    EXPECT_NEAR(measured(0), latency_ns() + roofline_ns(ops, bytes, kPeakFp32, 1.0), 2.0);
}

TEST_F(GpuTimingTest, Int8GemmUsesTheInt8Peak) {
    create(0);
    const gpu_gemm_args g =
        gemm_args(256, 256, 256, GPU_DTYPE_I8, GPU_DTYPE_I32, 0, 0x100000, 0x200000);
    timed_gemm(0, g);
    run(sc_time(1, sc_core::SC_MS));
    const double ops = 2.0 * 256 * 256 * 256, bytes = 256.0 * 256 * (1 + 1 + 4);
    EXPECT_NEAR(measured(0), latency_ns() + roofline_ns(ops, bytes, kPeakInt8, 1.0), 2.0);
}

TEST_F(GpuTimingTest, HalfPrecisionGemmUsesTheFp16Peak) {
    create(0);
    const gpu_gemm_args g =
        gemm_args(256, 256, 256, GPU_DTYPE_F16, GPU_DTYPE_F32, 0, 0x100000, 0x200000);
    timed_gemm(0, g);
    run(sc_time(1, sc_core::SC_MS));
    const double ops = 2.0 * 256 * 256 * 256, bytes = 256.0 * 256 * (2 + 2 + 4);
    ASSERT_GT(ops / 4e12, bytes / kHbmBw);  // compute-bound at the fp16 peak
    EXPECT_NEAR(measured(0), latency_ns() + roofline_ns(ops, bytes, 4e12, 1.0), 2.0);
}

TEST_F(GpuTimingTest, KernelWithFewerBlocksThanSmsGetsThatShare) {
    create(0);
    const gpu_gemm_args g =
        gemm_args(128, 128, 128, GPU_DTYPE_F32, GPU_DTYPE_F32, 0, 0x100000, 0x200000);
    timed_gemm(0, g, 2);
    run(sc_time(1, sc_core::SC_MS));
    const double ops = 2.0 * 128 * 128 * 128, bytes = 3.0 * 128 * 128 * 4;
    EXPECT_NEAR(measured(0), latency_ns() + roofline_ns(ops, bytes, kPeakFp32, 2.0 / kSms), 2.0);
}

// Two equal compute-bound kernels started together on two channels each hold half the SMs for
// their whole run, so each takes twice as long as alone.
TEST_F(GpuTimingTest, ConcurrentKernelsShareTheSms) {
    create(0);
    create(1);
    const gpu_gemm_args g0 =
        gemm_args(128, 128, 128, GPU_DTYPE_F32, GPU_DTYPE_F32, 0, 0x100000, 0x200000);
    const gpu_gemm_args g1 =
        gemm_args(128, 128, 128, GPU_DTYPE_F32, GPU_DTYPE_F32, 0, 0x100000, 0x300000);
    timed_gemm(0, g0);
    timed_gemm(1, g1);
    run(sc_time(1, sc_core::SC_MS));
    const double ops = 2.0 * 128 * 128 * 128, bytes = 3.0 * 128 * 128 * 4;
    const double shared = latency_ns() + roofline_ns(ops, bytes, kPeakFp32, 0.5);
    EXPECT_NEAR(measured(0), shared, 2.0);
    EXPECT_NEAR(measured(1), shared, 2.0);
}

TEST_F(GpuDeviceTest, MailboxDoorbellsInterruptTheOtherSide) {
    gsp_write(regs::GSP_INT_ENABLE, regs::GSP_INT_ENABLE_DOORBELL);
    host_write(regs::MBOX_H2D, 1);
    EXPECT_EQ(reg(regs::GSP_INT_STATUS), regs::GSP_INT_STATUS_DOORBELL);
    host_write(regs::INT_ENABLE, regs::INT_ENABLE_MAILBOX);
    gsp_write(regs::MBOX_D2H, 1);
    EXPECT_EQ(reg(regs::INT_STATUS), regs::INT_STATUS_MAILBOX);
    EXPECT_TRUE(b.irq.level(0));
}

TEST_F(GpuDeviceTest, HbmInitialisationTakesItsTimeThenRaisesTheGspInterrupt) {
    EXPECT_EQ(reg(regs::STATUS) & regs::STATUS_HBM_READY, 0u);
    gsp_write(regs::HBM_CTRL, regs::HBM_CTRL_INIT);
    run(sc_time(1, SC_NS));
    EXPECT_EQ(reg(regs::STATUS) & regs::STATUS_HBM_BUSY, regs::STATUS_HBM_BUSY);
    run(sc_time(5, SC_US));
    EXPECT_EQ(reg(regs::STATUS) & regs::STATUS_HBM_READY, 0u);
    run(sc_time(6, SC_US));
    EXPECT_EQ(reg(regs::STATUS) & (regs::STATUS_HBM_READY | regs::STATUS_HBM_BUSY),
              regs::STATUS_HBM_READY);
    EXPECT_EQ(reg(regs::GSP_INT_STATUS) & regs::GSP_INT_STATUS_HBM, regs::GSP_INT_STATUS_HBM);
}

// Last: releasing the GSP is for good.
TEST_F(GpuDeviceTest, ZGspWaitsInBootRomUntilReleasedThenRunsImemWhichIsThenReadOnly) {
    const std::uint32_t loop[] = {0x10500073u /* wfi */, 0xffdff06fu /* j -4 */};
    for (unsigned i = 0; i < 2; ++i) host_write(regs::IMEM_OFFSET + 4 * i, loop[i]);
    run(sc_time(5, SC_US));
    EXPECT_GE(b.dev.gsp().pc(), regs::GSP_BOOTROM_BASE);
    EXPECT_LT(b.dev.gsp().pc(), regs::GSP_BOOTROM_BASE + 64);
    host_write(regs::GSP_CONTROL, regs::GSP_CONTROL_RUN);
    run(sc_time(5, SC_US));
    EXPECT_GE(b.dev.gsp().pc(), regs::GSP_IMEM_BASE);
    EXPECT_LT(b.dev.gsp().pc(), regs::GSP_IMEM_BASE + 8);
    EXPECT_EQ(reg(regs::STATUS) & regs::STATUS_GSP_RUNNING, regs::STATUS_GSP_RUNNING);
    EXPECT_EQ(b.host.write(regs::IMEM_OFFSET, 0, 4), tlm::TLM_COMMAND_ERROR_RESPONSE);
}

}  // namespace
