// Contents of the host boot ROM (SPEC section 3): the reset stub at the ROM base, then the DTB.
//
// The DTB lies in read-only memory: firmware that edits the tree in place must copy it first
// (OpenSBI fw_jump relocates it to FW_JUMP_FDT_ADDR; fw_dynamic does not and is not supported).
#pragma once

#include <cstdint>
#include <vector>

#include "platform/boot/dtb.hpp"

namespace nodevp::boot {

struct BootRom {
    std::uint64_t base = 0;           // physical address of bytes[0] (the reset vector)
    std::vector<std::uint8_t> bytes;  // stub, zero padding, DTB
    std::uint64_t dtb_addr = 0;       // physical address of the DTB, as passed in a1
};

// Offset of the DTB in the ROM: libfdt needs 8-byte alignment; 64 keeps it on a cache line.
inline constexpr std::uint64_t kBootRomDtbAlign = 64;

// Builds stub + DTB for harts of width `xlen` that jump to `entry`. Throws std::invalid_argument
// if the parameters are invalid (see build_boot_stub, build_dtb) or the result exceeds the ROM.
BootRom build_boot_rom(unsigned xlen, std::uint64_t entry, const DtbParams& dtb);

}  // namespace nodevp::boot
