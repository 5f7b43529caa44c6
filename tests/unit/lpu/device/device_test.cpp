// Bench: one LPU device at the default geometry, a host initiator on its register window, one on
// its SRAM aperture, host memory behind its DMA socket, and a recorder on its interrupt line.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "gen/regs.hpp"
#include "models/common/memory.hpp"
#include "models/lpu/device/lpu_device.hpp"
#include "models/lpu/image/image.hpp"
#include "models/lpu/isa/isa.hpp"
#include "tests/unit/common/test_initiator.hpp"

namespace {

using namespace nodevp;
namespace regs = gen::regs::lpu;
using sc_core::SC_NS;
using sc_core::sc_time;
using sc_core::SC_US;

constexpr std::uint64_t kHostMemory = 1 << 20;
constexpr std::uint64_t kSram = 4ull * 8192 * 32;  // default geometry: 4 slices × 8192 × 32 bytes

lpu::LpuDevice::Params params() {
    lpu::LpuDevice::Params p;
    p.slice_cycles = 256;
    return p;
}

struct Bench {
    lpu::LpuDevice dev{"lpu0", params()};
    test::TestInitiator host{"host"};
    test::TestInitiator sram{"sram"};
    Memory memory{"memory",
                  Memory::Params{kHostMemory, sc_core::SC_ZERO_TIME, sc_core::SC_ZERO_TIME, false}};
    test::IrqRecorder irq;
    Bench() {
        host.isock.bind(dev.window_tsock);
        sram.isock.bind(dev.sram_tsock);
        dev.dma_isock.bind(memory.tsock);
        dev.irq.bind(irq, 0);
    }
};

Bench& bench() {
    static Bench b;
    return b;
}

class LpuDeviceTest : public ::testing::Test {
  protected:
    std::uint64_t reg(std::uint64_t offset) { return b.host.read(offset, 4); }
    void set(std::uint64_t offset, std::uint64_t value) {
        ASSERT_EQ(b.host.write(offset, value, 4), tlm::TLM_OK_RESPONSE);
    }
    unsigned state() {
        return (reg(regs::STATUS) & regs::STATUS_STATE) >> regs::STATUS_STATE_shift;
    }
    // Starts a DMA and runs the simulation until it has finished.
    void dma(unsigned dir, std::uint64_t src, std::uint64_t dst, std::uint32_t len) {
        set(regs::DMA_SRC, src);
        set(regs::DMA_SRC + 4, src >> 32);
        set(regs::DMA_DST, dst);
        set(regs::DMA_DST + 4, dst >> 32);
        set(regs::DMA_LEN, len);
        set(regs::DMA_CTRL, dir << regs::DMA_CTRL_DIR_shift | regs::DMA_CTRL_START);
        sc_core::sc_start(sc_time(100, SC_US));
        ASSERT_EQ(reg(regs::DMA_STATUS) & regs::DMA_STATUS_BUSY, 0u);
    }
    void put_host(std::uint64_t offset, const std::vector<std::uint8_t>& bytes) {
        b.memory.load(offset, bytes.data(), bytes.size());
    }
    static std::uint64_t word(lpu::Opcode op, std::int64_t imm) {
        lpu::Insn i;
        i.op = op;
        i.imm = imm;
        return i.encode();
    }
    Bench& b = bench();
};

TEST_F(LpuDeviceTest, ReportsIdentityAndGeometry) {
    EXPECT_EQ(reg(regs::ID), regs::ID_VALUE);
    EXPECT_EQ(reg(regs::VERSION), regs::VERSION_VALUE);
    EXPECT_EQ(reg(regs::GEOMETRY), 2u | 1u << 8 | 4u << 16);
    EXPECT_EQ(reg(regs::MEM_SLICES), 4u);
    EXPECT_EQ(reg(regs::MEM_WORDS), 8192u);
    EXPECT_EQ(b.host.read(regs::SRAM_SIZE, 8), kSram);
    EXPECT_EQ(state(), regs::STATE_IDLE);
}

TEST_F(LpuDeviceTest, AnswersAddressErrorBetweenRegistersAndDmcMemories) {
    tlm::tlm_response_status s;
    b.host.read(regs::REGS_SIZE - 4, 4, sc_core::SC_ZERO_TIME, &s);
    EXPECT_EQ(s, tlm::TLM_ADDRESS_ERROR_RESPONSE);
    b.host.read(regs::IMEM_OFFSET + regs::DMC_IMEM_SIZE, 4, sc_core::SC_ZERO_TIME, &s);
    EXPECT_EQ(s, tlm::TLM_ADDRESS_ERROR_RESPONSE);
    b.host.read(regs::DMEM_OFFSET + regs::DMC_DMEM_SIZE - 2, 4, sc_core::SC_ZERO_TIME, &s);
    EXPECT_EQ(s, tlm::TLM_ADDRESS_ERROR_RESPONSE);  // crosses the end of DMEM
    EXPECT_EQ(b.host.write(regs::DMEM_OFFSET + regs::DMC_DMEM_SIZE - 4, 0x12345678, 4),
              tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(b.host.read(regs::DMEM_OFFSET + regs::DMC_DMEM_SIZE - 4, 4), 0x12345678u);
}

TEST_F(LpuDeviceTest, SramApertureRoundTripsFirstAndLastByteAndRejectsOnePastTheEnd) {
    EXPECT_EQ(b.sram.write(0, 0xa5, 1), tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(b.sram.write(kSram - 1, 0x5a, 1), tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(b.sram.read(0, 1), 0xa5u);
    EXPECT_EQ(b.sram.read(kSram - 1, 1), 0x5au);
    EXPECT_EQ(b.sram.write(kSram, 0, 1), tlm::TLM_ADDRESS_ERROR_RESPONSE);
    EXPECT_EQ(b.sram.write(kSram - 2, 0, 4), tlm::TLM_ADDRESS_ERROR_RESPONSE);
}

TEST_F(LpuDeviceTest, InjectedSingleBitFlipIsCorrectedAndCounted) {
    const std::uint64_t pattern = 0x0123456789abcdefULL;
    ASSERT_EQ(b.sram.write(32, pattern, 8), tlm::TLM_OK_RESPONSE);  // SRAM word 2
    const std::uint64_t before = reg(regs::ECC_CORRECTED);
    set(regs::FAULT_WORD, 2);
    set(regs::FAULT_INJECT, 3 | regs::FAULT_INJECT_GO);
    EXPECT_EQ(b.sram.read(32, 8), pattern);
    EXPECT_GT(reg(regs::ECC_CORRECTED), before);
}

TEST_F(LpuDeviceTest, DoubleBitFlipIsAnErrorResponseNotWrongData) {
    ASSERT_EQ(b.sram.write(64, 0x1111, 4), tlm::TLM_OK_RESPONSE);  // SRAM word 4
    set(regs::FAULT_WORD, 4);
    set(regs::FAULT_INJECT, 1 | regs::FAULT_INJECT_GO);
    set(regs::FAULT_INJECT, 9 | regs::FAULT_INJECT_GO);
    tlm::tlm_response_status s;
    b.sram.read(64, 4, sc_core::SC_ZERO_TIME, &s);
    EXPECT_EQ(s, tlm::TLM_GENERIC_ERROR_RESPONSE);
}

TEST_F(LpuDeviceTest, DmaCopiesHostMemoryToSramAndBack) {
    std::vector<std::uint8_t> data(1000);
    for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i * 7 + 1);
    put_host(0x100, data);
    set(regs::DMC_INT_ENABLE, regs::DMC_INT_ENABLE_DMA);
    dma(regs::DMA_DIR_HOST_TO_SRAM, 0x100, 0x4000, 1000);
    EXPECT_EQ(reg(regs::DMA_STATUS), regs::DMA_STATUS_DONE);
    EXPECT_EQ(reg(regs::DMC_INT_STATUS) & regs::DMC_INT_STATUS_DMA, regs::DMC_INT_STATUS_DMA);
    EXPECT_EQ(b.sram.read(0x4000 + 999, 1), data[999]);
    dma(regs::DMA_DIR_SRAM_TO_HOST, 0x4000, 0x8000, 1000);
    EXPECT_EQ(reg(regs::DMA_STATUS), regs::DMA_STATUS_DONE);
    EXPECT_EQ(std::memcmp(b.memory.data(0x8000), data.data(), data.size()), 0);
    set(regs::DMC_INT_STATUS, regs::DMC_INT_STATUS_DMA);
    EXPECT_EQ(reg(regs::DMC_INT_STATUS), 0u);
}

TEST_F(LpuDeviceTest, DmaFromUnmappedHostAddressReportsError) {
    dma(regs::DMA_DIR_HOST_TO_SRAM, kHostMemory - 16, 0, 64);
    EXPECT_EQ(reg(regs::DMA_STATUS), regs::DMA_STATUS_ERROR);
    dma(regs::DMA_DIR_HOST_TO_SRAM, 0, kSram - 16, 64);  // past the end of SRAM
    EXPECT_EQ(reg(regs::DMA_STATUS), regs::DMA_STATUS_ERROR);
}

TEST_F(LpuDeviceTest, RejectedImageSetsErrorStateCodeAndInterrupt) {
    put_host(0, std::vector<std::uint8_t>(64, 0x55));
    set(regs::INT_ENABLE, regs::INT_ENABLE_ERROR);
    dma(regs::DMA_DIR_HOST_TO_PROGRAM, 0, 0, 64);
    EXPECT_EQ(reg(regs::DMA_STATUS), regs::DMA_STATUS_ERROR);
    EXPECT_EQ(state(), regs::STATE_ERROR);
    EXPECT_EQ(reg(regs::ERR_CODE), regs::ERR_BAD_IMAGE);
    EXPECT_TRUE(b.irq.level(0));
    set(regs::INT_STATUS, regs::INT_STATUS_ERROR);
    EXPECT_FALSE(b.irq.level(0));
}

TEST_F(LpuDeviceTest, StartWithoutProgramIsAnError) {
    set(regs::CONTROL, regs::CONTROL_START);
    EXPECT_EQ(state(), regs::STATE_ERROR);
    EXPECT_EQ(reg(regs::ERR_CODE), regs::ERR_NO_PROGRAM);
    EXPECT_EQ(reg(regs::CONTROL), 0u);  // START reads as 0
}

// NOP 1000 then NOTIFY (issued in cycle 1000) lasts 1001 cycles: the done interrupt comes no
// earlier than 1001 clock periods after START, and the cycle counter says 1001.
TEST_F(LpuDeviceTest, ProgramRunTakesCyclesTimesClockAndRaisesDone) {
    lpu::Program p;
    p.geometry = b.dev.chip().geometry();
    p.queues.push_back({"vxm.0", {word(lpu::Opcode::nop, 1000), word(lpu::Opcode::notify, 0)}});
    put_host(0, lpu::serialize(p));
    dma(regs::DMA_DIR_HOST_TO_PROGRAM, 0, 0, static_cast<std::uint32_t>(lpu::serialize(p).size()));
    ASSERT_EQ(state(), regs::STATE_LOADED);
    set(regs::INT_ENABLE, regs::INT_ENABLE_DONE);
    const sc_time start = sc_core::sc_time_stamp();
    set(regs::CONTROL, regs::CONTROL_START);
    EXPECT_EQ(state(), regs::STATE_RUNNING);
    sc_core::sc_start(sc_time(10, SC_US));
    EXPECT_EQ(state(), regs::STATE_DONE);
    EXPECT_EQ(b.host.read(regs::CYCLES, 8), 1001u);
    ASSERT_TRUE(b.irq.level(0));
    EXPECT_GE(b.irq.changed_at[0] - start, sc_time(1111, sc_core::SC_PS) * 1001.0);
    EXPECT_LT(b.irq.changed_at[0] - start, sc_time(1111, sc_core::SC_PS) * 1300.0);
}

TEST_F(LpuDeviceTest, AbortStopsARunningProgramWithoutDone) {
    lpu::Program p;
    p.geometry = b.dev.chip().geometry();
    p.queues.push_back({"vxm.0", {word(lpu::Opcode::nop, 100000), word(lpu::Opcode::notify, 0)}});
    const std::vector<std::uint8_t> image = lpu::serialize(p);
    put_host(0, image);
    dma(regs::DMA_DIR_HOST_TO_PROGRAM, 0, 0, static_cast<std::uint32_t>(image.size()));
    set(regs::INT_STATUS, ~0u);
    set(regs::CONTROL, regs::CONTROL_START);
    sc_core::sc_start(sc_time(1, SC_US));
    EXPECT_EQ(state(), regs::STATE_RUNNING);
    set(regs::CONTROL, regs::CONTROL_ABORT);
    sc_core::sc_start(sc_time(200, SC_US));
    EXPECT_EQ(state(), regs::STATE_IDLE);
    EXPECT_EQ(reg(regs::INT_STATUS), 0u);
}

TEST_F(LpuDeviceTest, DmcWaitsInBootRomUntilReleasedThenRunsImemWhichIsThenReadOnly) {
    const std::uint32_t loop[] = {0x10500073u /* wfi */, 0xffdff06fu /* j -4 */};
    for (unsigned i = 0; i < 2; ++i) set(regs::IMEM_OFFSET + 4 * i, loop[i]);
    sc_core::sc_start(sc_time(5, SC_US));
    EXPECT_GE(b.dev.dmc().pc(), regs::DMC_BOOTROM_BASE);
    EXPECT_LT(b.dev.dmc().pc(), regs::DMC_BOOTROM_BASE + 64);
    set(regs::CONTROL, regs::CONTROL_DMC_RUN);
    sc_core::sc_start(sc_time(5, SC_US));
    EXPECT_GE(b.dev.dmc().pc(), regs::DMC_IMEM_BASE);
    EXPECT_LT(b.dev.dmc().pc(), regs::DMC_IMEM_BASE + 8);
    EXPECT_EQ(reg(regs::STATUS) & regs::STATUS_DMC_RUNNING, regs::STATUS_DMC_RUNNING);
    EXPECT_EQ(b.host.write(regs::IMEM_OFFSET, 0, 4), tlm::TLM_COMMAND_ERROR_RESPONSE);
    set(regs::CONTROL, 0);  // DMC_RUN is sticky
    EXPECT_EQ(reg(regs::CONTROL), regs::CONTROL_DMC_RUN);
}

}  // namespace
