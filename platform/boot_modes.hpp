// boot.mode: what the host harts run (docs/boot.md).
//
//   bare   the guest ELF at its own addresses, entered in M mode from the boot ROM (default).
//   uboot  boot.opensbi (OpenSBI fw_jump) at the DRAM base, boot.uboot (U-Boot, S mode) at
//          boot.payload; the DTB's /config/bootdelay is -1 unless boot.autoboot.
//   sbi    boot.opensbi at the DRAM base and the guest ELF, linked at boot.payload for S mode, as
//          its payload.
// In every mode the boot ROM enters the first image with a0 = hartid, a1 = DTB on every hart.
// fw_jump copies the DTB to its FW_JUMP_FDT_ADDR and jumps to its FW_JUMP_ADDR, which must equal
// boot.payload (Debian's generic rv64 fw_jump: 0x80200000, FDT at 0x82200000).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/boot/elf.hpp"
#include "platform/config/config.hpp"
#include "platform/node.hpp"

namespace nodevp::platform {

class BootImages {
  public:
    // Reads the files boot.mode needs. `image` is the guest ELF of the command line; without one,
    // bare runs `default_image` and sbi `default_sbi_image` (an empty default is an error).
    // Throws ConfigError (unknown mode, image given to uboot) or boot::LoadError (a file missing
    // or unreadable, a payload not linked at boot.payload), each with a one-line message.
    BootImages(const Config& config, const std::optional<std::string>& image,
               const std::string& default_image, const std::string& default_sbi_image);

    const std::string& mode() const { return mode_; }
    // The guest ELF (bare, sbi); empty for uboot.
    const std::optional<boot::ElfImage>& guest() const { return guest_; }
    // What the node loads; refers to this object, which must outlive the node's construction.
    BootSet boot_set() const;

  private:
    std::string mode_;
    std::optional<boot::ElfImage> guest_;
    std::vector<boot::ElfImage> firmware_;
    std::optional<std::uint64_t> entry_;
    std::optional<std::int32_t> uboot_bootdelay_;
};

}  // namespace nodevp::platform
