#include "platform/boot_modes.hpp"

#include <fmt/format.h>

#include "gen/node_map.hpp"
#include "platform/boot/boot_image.hpp"

namespace nodevp::platform {

namespace {

// OpenSBI and U-Boot binaries from Debian are RV64 raw images (no ELF header to say so).
constexpr unsigned kRawImageXlen = 64;
// fw_jump copies the DTB to FW_JUMP_FDT_ADDR, 34 MiB above the DRAM base in OpenSBI's rv64
// builds; DRAM must hold it and the tree (64 KiB is more than the generated one needs).
constexpr std::uint64_t kFwJumpFdtEnd = (34u << 20) + (64u << 10);

boot::ElfImage read_guest(const std::optional<std::string>& image, const std::string& fallback,
                          const std::string& mode) {
    const std::string path = image ? *image : fallback;
    if (path.empty())
        throw boot::LoadError(fmt::format(
            "no guest image given and no default {} image built into this nodevp", mode));
    return boot::read_elf(path);
}

}  // namespace

BootImages::BootImages(const Config& config, const std::optional<std::string>& image,
                       const std::string& default_image, const std::string& default_sbi_image)
    : mode_(config.string("boot.mode")) {
    if (mode_ == "bare") {
        guest_ = read_guest(image, default_image, "bare");
        return;
    }
    if (mode_ != "uboot" && mode_ != "sbi")
        throw ConfigError(fmt::format("boot.mode: '{}' is not bare, uboot or sbi", mode_));
    const std::uint64_t dram = gen::map::dram.base;
    const std::uint64_t payload = config.integer("boot.payload");
    if (config.integer("host.dram_size") < kFwJumpFdtEnd)
        throw ConfigError(fmt::format(
            "boot.mode {}: host.dram_size must be at least {} KiB (fw_jump puts the DTB 34 MiB "
            "above the DRAM base)",
            mode_, kFwJumpFdtEnd >> 10));
    firmware_.push_back(
        boot::read_boot_image("boot.opensbi", config.string("boot.opensbi"), dram, kRawImageXlen));
    entry_ = dram;
    if (mode_ == "uboot") {
        if (image)
            throw ConfigError(fmt::format(
                "boot.mode uboot runs boot.uboot; the guest image '{}' would not run", *image));
        firmware_.push_back(boot::read_boot_image("boot.uboot", config.string("boot.uboot"),
                                                  payload, kRawImageXlen));
        if (!config.boolean("boot.autoboot")) uboot_bootdelay_ = -1;
        return;
    }
    guest_ = read_guest(image, default_sbi_image, "S-mode (sbi)");
    if (guest_->entry_paddr() != payload)
        throw boot::LoadError(fmt::format(
            "{}: entry {:#x} is not boot.payload {:#x}, where fw_jump jumps (link the program "
            "for S mode: guest_program(... MODE smode))",
            guest_->name, guest_->entry_paddr(), payload));
}

BootSet BootImages::boot_set() const {
    BootSet set;
    set.guest = guest_ ? &*guest_ : nullptr;
    for (const boot::ElfImage& fw : firmware_) set.firmware.push_back(&fw);
    set.entry = entry_;
    set.uboot_bootdelay = uboot_bootdelay_;
    return set;
}

}  // namespace nodevp::platform
