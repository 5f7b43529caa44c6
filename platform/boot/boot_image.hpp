// Boot files that are not necessarily ELF: Debian ships OpenSBI and U-Boot as raw binaries
// (fw_jump.bin, u-boot.bin) that run where they are loaded.
//
// Contract: read_boot_image() takes an ELF (recognised by its magic, parsed by parse_elf, placed at
// its own addresses) or a raw binary (one segment of the whole file at `load_addr`, entry
// `load_addr`, no symbols). Errors are one-line LoadErrors naming `what` (the config key) and the
// file. Not supported: compressed or FIT images, uImage headers.
#pragma once

#include <cstdint>
#include <string>

#include "platform/boot/elf.hpp"

namespace nodevp::boot {

// `raw_xlen` is the xlen recorded for a raw binary (it has no header to say so).
ElfImage read_boot_image(const std::string& what, const std::string& path, std::uint64_t load_addr,
                         unsigned raw_xlen);

// True when two images have a byte of physical memory in common (segments' [paddr, paddr+memsz)).
bool images_overlap(const ElfImage& a, const ElfImage& b);

}  // namespace nodevp::boot
