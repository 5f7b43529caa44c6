// Boot modes (platform/boot_modes.hpp, platform/boot/boot_image.hpp): which files land where.
// Addresses are SPEC section 3's DRAM base and OpenSBI fw_jump's FW_JUMP_ADDR on rv64 (2 MiB
// above it), typed here; the firmware files are small raw binaries the test writes.
#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "platform/boot/boot_image.hpp"
#include "platform/boot_modes.hpp"
#include "platform/config/config.hpp"

namespace nodevp::platform {
namespace {

constexpr std::uint64_t kDramBase = 0x80000000;
constexpr std::uint64_t kPayload = 0x80200000;

std::string write_file(const std::string& name, const std::vector<std::uint8_t>& bytes) {
    const std::string path = testing::TempDir() + name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
    return path;
}

const std::vector<std::uint8_t> kFw = {0x13, 0x00, 0x00, 0x00, 0x6f, 0x00, 0x00, 0x00};
const std::vector<std::uint8_t> kUboot = {0x2a, 0x82, 0xae, 0x84};

Config uboot_config(bool autoboot = false) {
    Config c;
    c.set("boot.mode", "uboot", "test");
    c.set("boot.opensbi", write_file("nodevp_fw_jump.bin", kFw), "test");
    c.set("boot.uboot", write_file("nodevp_u-boot.bin", kUboot), "test");
    c.set("boot.autoboot", autoboot ? "true" : "false", "test");
    return c;
}

template <class E>
std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const E& e) {
        return e.what();
    }
    return "";
}

TEST(BootModesTest, UbootPutsOpenSbiAtTheDramBaseAndUbootAtThePayload) {
    const BootImages b(uboot_config(), std::nullopt, "", "");
    const BootSet set = b.boot_set();
    EXPECT_EQ(set.guest, nullptr);
    ASSERT_EQ(set.firmware.size(), 2u);
    ASSERT_EQ(set.firmware[0]->segments.size(), 1u);
    EXPECT_EQ(set.firmware[0]->segments[0].paddr, kDramBase);
    EXPECT_EQ(set.firmware[0]->segments[0].bytes, kFw);
    ASSERT_EQ(set.firmware[1]->segments.size(), 1u);
    EXPECT_EQ(set.firmware[1]->segments[0].paddr, kPayload);
    EXPECT_EQ(set.firmware[1]->segments[0].memsz, kUboot.size());
    EXPECT_EQ(set.entry, kDramBase);
    EXPECT_EQ(set.uboot_bootdelay, -1) << "no autoboot: straight to the prompt";
}

TEST(BootModesTest, AutobootLeavesUbootsBootdelayAlone) {
    const BootImages b(uboot_config(true), std::nullopt, "", "");
    EXPECT_FALSE(b.boot_set().uboot_bootdelay.has_value());
}

TEST(BootModesTest, GuestImageWithUbootIsAConfigError) {
    const Config c = uboot_config();
    EXPECT_NE(error_of<ConfigError>([&] {
                  BootImages(c, std::string("x.elf"), "", "");
              }).find("boot.mode uboot runs boot.uboot"),
              std::string::npos);
}

TEST(BootModesTest, MissingFirmwareIsALoadErrorNamingTheKey) {
    Config c = uboot_config();
    c.set("boot.uboot", "/no/such/u-boot.bin", "test");
    EXPECT_EQ(error_of<boot::LoadError>([&] { BootImages(c, std::nullopt, "", ""); }),
              "boot.uboot: '/no/such/u-boot.bin' is not a readable file");
}

TEST(BootModesTest, UnknownModeIsAConfigError) {
    Config c;
    c.set("boot.mode", "linux", "test");
    EXPECT_EQ(error_of<ConfigError>([&] { BootImages(c, std::nullopt, "", ""); }),
              "boot.mode: 'linux' is not bare, uboot or sbi");
}

TEST(BootModesTest, BareWithoutAnyImageIsALoadError) {
    EXPECT_NE(error_of<boot::LoadError>([] {
                  BootImages(Config(), std::nullopt, "", "");
              }).find("no guest image"),
              std::string::npos);
}

boot::ElfImage image_at(std::uint64_t paddr, std::uint64_t size) {
    boot::ElfImage im;
    boot::Segment s;
    s.paddr = paddr;
    s.memsz = size;
    im.segments.push_back(s);
    return im;
}

TEST(BootImageTest, ImagesOverlapByOneByteButNotWhenAdjacent) {
    EXPECT_TRUE(boot::images_overlap(image_at(0x1000, 0x100), image_at(0x10ff, 1)));
    EXPECT_TRUE(boot::images_overlap(image_at(0x10ff, 1), image_at(0x1000, 0x100)));
    EXPECT_FALSE(boot::images_overlap(image_at(0x1000, 0x100), image_at(0x1100, 0x100)));
    EXPECT_FALSE(boot::images_overlap(image_at(0x1100, 0x100), image_at(0x1000, 0x100)));
}

TEST(BootImageTest, EmptyFileIsALoadError) {
    const std::string path = write_file("nodevp_empty.bin", {});
    EXPECT_NE(error_of<boot::LoadError>([&] {
                  boot::read_boot_image("boot.x", path, kDramBase, 64);
              }).find("is empty"),
              std::string::npos);
}

}  // namespace
}  // namespace nodevp::platform
