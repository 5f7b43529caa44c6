// Bench for the LPU device's test-only fault injection (Params::inject_ecc_run = 2,
// lpu.inject_ecc_run): the second START of a program flips two bits of the first SRAM word of
// its data segment, so the program's READ of that word stops it with an uncorrectable ECC error;
// the first and third runs (START reloads the data segments) are clean and copy the data.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "gen/regs.hpp"
#include "models/common/memory.hpp"
#include "models/lpu/device/lpu_device.hpp"
#include "models/lpu/image/image.hpp"
#include "tests/unit/common/test_initiator.hpp"
#include "tests/unit/lpu/chip/program_builder.hpp"

namespace {

using namespace nodevp;
namespace regs = gen::regs::lpu;
using sc_core::sc_time;
using sc_core::SC_US;

constexpr std::uint64_t kHostMemory = 1 << 16;
// Default geometry: 4 slices (w0 w1 e0 e1) of 8192 vectors of 32 bytes.
constexpr std::uint32_t kVl = 32, kWords = 8192, kSliceE0 = 2, kSliceW1 = 1;
constexpr std::uint32_t kSrcVector = 2, kDstVector = 9;

lpu::LpuDevice::Params params() {
    lpu::LpuDevice::Params p;
    p.slice_cycles = 256;
    p.inject_ecc_run = 2;
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

std::uint64_t reg(Bench& b, std::uint64_t offset) {
    return b.host.read(offset, 4);
}
void set(Bench& b, std::uint64_t offset, std::uint64_t value) {
    ASSERT_EQ(b.host.write(offset, value, 4), tlm::TLM_OK_RESPONSE);
}
unsigned state(Bench& b) {
    return static_cast<unsigned>((reg(b, regs::STATUS) & regs::STATUS_STATE) >>
                                 regs::STATUS_STATE_shift);
}
std::uint64_t sram_offset(std::uint32_t slice, std::uint32_t vector) {
    return (std::uint64_t{slice} * kWords + vector) * kVl;
}

// mem.e0 READs vector 2 (the data segment) onto s0 west; mem.w1 WRITEs it to vector 9 when it
// arrives (the timing of tests/unit/lpu/chip ChipStreams).
std::vector<std::uint8_t> copy_program(const lpu::Geometry& g,
                                       const std::vector<std::uint8_t>& data) {
    lpu::test::ProgramBuilder b(g);
    b.data(kSliceE0, kSrcVector, data);
    b.q("mem.e0").read(kSrcVector, lpu::test::W(0));
    b.q("mem.w1").at(6).write(kDstVector, lpu::test::W(0));
    return lpu::serialize(b.program());
}

// START, run to the end; returns the state.
unsigned run(Bench& b) {
    set(b, regs::INT_STATUS, ~0u);
    set(b, regs::CONTROL, regs::CONTROL_START);
    sc_core::sc_start(sc_time(20, SC_US));
    return state(b);
}

std::vector<std::uint8_t> read_vector(Bench& b, std::uint64_t offset) {
    std::vector<std::uint8_t> v(kVl);
    for (unsigned i = 0; i < kVl; ++i) v[i] = static_cast<std::uint8_t>(b.sram.read(offset + i, 1));
    return v;
}

TEST(LpuEccInjection, SecondRunMeetsUncorrectableErrorFirstAndThirdRunsCopyTheData) {
    Bench b;
    std::vector<std::uint8_t> data(kVl);
    for (unsigned i = 0; i < kVl; ++i) data[i] = static_cast<std::uint8_t>(0x30 + 7 * i);
    ASSERT_EQ(b.dev.chip().geometry().vector_bytes(), kVl);
    ASSERT_EQ(b.dev.chip().geometry().mem_words, kWords);
    const std::vector<std::uint8_t> image = copy_program(b.dev.chip().geometry(), data);
    ASSERT_LE(image.size(), kHostMemory);
    b.memory.load(0, image.data(), image.size());
    set(b, regs::DMA_SRC, 0);
    set(b, regs::DMA_SRC + 4, 0);
    set(b, regs::DMA_LEN, image.size());
    set(b, regs::DMA_CTRL,
        regs::DMA_DIR_HOST_TO_PROGRAM << regs::DMA_CTRL_DIR_shift | regs::DMA_CTRL_START);
    sc_core::sc_start(sc_time(100, SC_US));
    ASSERT_EQ(state(b), regs::STATE_LOADED);

    ASSERT_EQ(run(b), regs::STATE_DONE);
    EXPECT_EQ(read_vector(b, sram_offset(kSliceW1, kDstVector)), data);
    EXPECT_EQ(reg(b, regs::ECC_DETECTED), 0u);

    // Run 2: the injected double-bit error in the segment's first word is detected by the READ.
    for (unsigned i = 0; i < kVl; ++i)
        ASSERT_EQ(b.sram.write(sram_offset(kSliceW1, kDstVector) + i, 0, 1), tlm::TLM_OK_RESPONSE);
    ASSERT_EQ(run(b), regs::STATE_ERROR);
    EXPECT_EQ(reg(b, regs::ERR_CODE), regs::ERR_ECC_UNCORRECTABLE);
    EXPECT_EQ(reg(b, regs::ERR_PC), 0u);  // mem.e0's READ
    EXPECT_GE(reg(b, regs::ECC_DETECTED), 1u);
    EXPECT_EQ(read_vector(b, sram_offset(kSliceW1, kDstVector)),
              std::vector<std::uint8_t>(kVl, 0));  // nothing wrong was written
    // The host's aperture sees the same uncorrectable word: an error response, not data.
    tlm::tlm_response_status status = tlm::TLM_OK_RESPONSE;
    b.sram.read(sram_offset(kSliceE0, kSrcVector), 4, sc_core::SC_ZERO_TIME, &status);
    EXPECT_NE(status, tlm::TLM_OK_RESPONSE);

    // Run 3: START reloads the data segment (fresh check bits); no injection any more.
    ASSERT_EQ(run(b), regs::STATE_DONE);
    EXPECT_EQ(read_vector(b, sram_offset(kSliceW1, kDstVector)), data);
    EXPECT_EQ(read_vector(b, sram_offset(kSliceE0, kSrcVector)), data);
}

}  // namespace
