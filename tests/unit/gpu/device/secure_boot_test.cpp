// Bench: one LPU device whose boot ROM checks the GSP firmware against a provisioned SHA-256
// (secure boot, docs/gpu/device.md). The image is two instructions (wfi; j -4); the digests below
// were computed with Python's hashlib over its 8 little-endian bytes, independently of the model.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include <fmt/format.h>

#include "gen/regs.hpp"
#include "models/common/memory.hpp"
#include "models/common/router.hpp"
#include "models/common/sha256.hpp"
#include "models/gpu/device/gpu_device.hpp"
#include "tests/unit/common/test_initiator.hpp"

namespace {

using namespace nodevp;
namespace regs = gen::regs::gpu;
using sc_core::sc_time;
using sc_core::SC_US;

constexpr std::uint32_t kImage[] = {0x10500073u /* wfi */, 0xffdff06fu /* j -4 */};
constexpr const char* kImageSha256 =
    "c6edcff3882786c0532fb35a608c6ee105b561d8f5366c7b36978231e8ddea98";
// The image with bit 0 of byte 6 flipped (6f f0 df ff -> 6f f0 de ff).
constexpr const char* kTamperedSha256 =
    "3659b5910c1c3349ba8ffda16424084d83d01645792be5e53eef4bcb280963db";

gpu::GpuDevice::Params params() {
    gpu::GpuDevice::Params p;
    p.hbm_base = 0x4000000000ull;
    p.hbm_size = 64ull << 20;
    p.peak_ops = {1e12, 4e12, 4e12, 8e12};
    p.hbm_bandwidth = 100e9;
    p.copy_bandwidth = 10e9;
    p.firmware_sha256 = parse_sha256(kImageSha256);
    return p;
}

struct Bench {
    gpu::GpuDevice dev{"gpu", params()};
    test::TestInitiator host{"host"};
    test::TestInitiator aperture{"aperture"};  // unused
    Router bus{"bus"};
    Memory memory{"memory",
                  Memory::Params{4096, sc_core::SC_ZERO_TIME, sc_core::SC_ZERO_TIME, false}};
    test::IrqRecorder irq;
    Bench() {
        aperture.isock.bind(dev.hbm_tsock);
        host.isock.bind(dev.bar0_tsock);
        bus.map(memory.tsock, 0, 4096, "memory");  // unused
        dev.dma_isock.bind(bus.tsock);
        dev.l2_isock.bind(bus.tsock);
        dev.irq.bind(irq, 0);
    }
};

Bench& bench() {
    static Bench b;
    return b;
}

class GpuSecureBootTest : public ::testing::Test {
  protected:
    std::uint64_t reg(std::uint64_t offset) { return b.host.read(offset, 4); }
    void set(std::uint64_t offset, std::uint64_t value) {
        ASSERT_EQ(b.host.write(offset, value, 4), tlm::TLM_OK_RESPONSE);
    }
    void load_image() {
        for (unsigned i = 0; i < 2; ++i) set(regs::IMEM_OFFSET + 4 * i, kImage[i]);
    }
    std::string fw_digest() {
        std::string hex;
        for (unsigned i = 0; i < regs::FW_DIGEST_count; ++i)
            hex += fmt::format("{:08x}", reg(regs::FW_DIGEST + i * regs::FW_DIGEST_stride));
        return hex;
    }
    bool gsp_in_boot_rom() {
        return b.dev.gsp().pc() >= regs::GSP_BOOTROM_BASE &&
               b.dev.gsp().pc() < regs::GSP_BOOTROM_BASE + 64;
    }
    // Sets GSP_CONTROL.RUN, expects a refusal with `status`, and acknowledges the interrupt.
    void expect_refused(std::uint32_t status) {
        set(regs::INT_ENABLE, regs::INT_ENABLE_BOOT_ERROR);
        set(regs::GSP_CONTROL, regs::GSP_CONTROL_RUN);
        sc_core::sc_start(sc_time(5, SC_US));
        EXPECT_EQ(reg(regs::BOOT_STATUS), status);
        EXPECT_EQ(reg(regs::GSP_CONTROL) & regs::GSP_CONTROL_RUN, 0u);
        EXPECT_EQ(reg(regs::STATUS) & regs::STATUS_GSP_RUNNING, 0u);
        EXPECT_EQ(reg(regs::INT_STATUS) & regs::INT_STATUS_BOOT_ERROR, regs::INT_STATUS_BOOT_ERROR);
        EXPECT_TRUE(b.irq.level(0));
        EXPECT_TRUE(gsp_in_boot_rom());
        set(regs::INT_STATUS, regs::INT_STATUS_BOOT_ERROR);
        EXPECT_FALSE(b.irq.level(0));
        EXPECT_EQ(reg(regs::IMEM_OFFSET), kImage[0]);  // IMEM is still writable and intact
    }
    Bench& b = bench();
};

TEST_F(GpuSecureBootTest, NothingCheckedBeforeRelease) {
    EXPECT_EQ(reg(regs::BOOT_STATUS), regs::BOOT_NONE);
    EXPECT_EQ(reg(regs::FW_SIZE), 0u);
}

TEST_F(GpuSecureBootTest, RefusesZeroAndOversizedFirmwareSize) {
    load_image();
    set(regs::FW_SIZE, 0);
    expect_refused(regs::BOOT_BAD_SIZE);
    set(regs::FW_SIZE, regs::GSP_IMEM_SIZE + 1);
    expect_refused(regs::BOOT_BAD_SIZE);
}

TEST_F(GpuSecureBootTest, RefusesImageWithOneFlippedByteAndShowsItsDigest) {
    load_image();
    set(regs::IMEM_OFFSET + 4, kImage[1] ^ 0x00010000u);
    set(regs::FW_SIZE, sizeof kImage);
    expect_refused(regs::BOOT_TAMPERED);
    EXPECT_EQ(fw_digest(), kTamperedSha256);
}

TEST_F(GpuSecureBootTest, RefusesImageLongerThanTheSignedOne) {
    load_image();
    set(regs::FW_SIZE, sizeof kImage + 4);  // one more (zero) word hashed
    expect_refused(regs::BOOT_TAMPERED);
}

// Last: releasing the GSP is for good.
TEST_F(GpuSecureBootTest, ZReleasesTheProvisionedImage) {
    load_image();
    set(regs::FW_SIZE, sizeof kImage);
    set(regs::INT_STATUS, ~0u);
    set(regs::GSP_CONTROL, regs::GSP_CONTROL_RUN);
    sc_core::sc_start(sc_time(5, SC_US));
    EXPECT_EQ(reg(regs::BOOT_STATUS), regs::BOOT_OK);
    EXPECT_EQ(fw_digest(), kImageSha256);
    EXPECT_EQ(reg(regs::INT_STATUS) & regs::INT_STATUS_BOOT_ERROR, 0u);
    EXPECT_EQ(reg(regs::STATUS) & regs::STATUS_GSP_RUNNING, regs::STATUS_GSP_RUNNING);
    EXPECT_GE(b.dev.gsp().pc(), regs::GSP_IMEM_BASE);
    EXPECT_LT(b.dev.gsp().pc(), regs::GSP_IMEM_BASE + 8);
}

}  // namespace
