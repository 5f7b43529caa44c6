// Reset stub of the host boot ROM, QEMU-virt-like.
//
// Every hart starts at the ROM base and runs the same code:
//     auipc t0, 0            t0 = stub base
//     csrr  a0, mhartid      a0 = hart id
//     l[wd] a1, DTB(t0)      a1 = DTB address
//     l[wd] t0, ENTRY(t0)    t0 = entry
//     jr    t0
// followed by two XLEN-wide little-endian data words, entry then DTB address, at the first
// XLEN-aligned offset after the code. Not set: a2 (no OpenSBI fw_dynamic_info); all harts jump
// to the same entry (the guest picks a boot hart).
#pragma once

#include <cstdint>
#include <vector>

namespace nodevp::boot {

struct BootStubLayout {
    std::uint64_t code_size;     // bytes of instructions
    std::uint64_t entry_offset;  // offset of the entry data word
    std::uint64_t dtb_offset;    // offset of the DTB address data word
    std::uint64_t size;          // total bytes
};

// Layout of the stub for `xlen` (32 or 64). Throws std::invalid_argument for another xlen.
BootStubLayout boot_stub_layout(unsigned xlen);

// The stub as bytes to place at the reset vector. Throws std::invalid_argument if xlen is not 32
// or 64, or if entry or dtb_addr does not fit in xlen bits.
std::vector<std::uint8_t> build_boot_stub(unsigned xlen, std::uint64_t entry,
                                          std::uint64_t dtb_addr);

}  // namespace nodevp::boot
