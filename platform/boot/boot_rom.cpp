#include "platform/boot/boot_rom.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "gen/node_map.hpp"
#include "platform/boot/boot_stub.hpp"

namespace nodevp::boot {

BootRom build_boot_rom(unsigned xlen, std::uint64_t entry, const DtbParams& dtb) {
    const std::uint64_t base = gen::map::bootrom.base;
    const BootStubLayout stub = boot_stub_layout(xlen);
    const std::uint64_t dtb_off =
        (stub.size + kBootRomDtbAlign - 1) / kBootRomDtbAlign * kBootRomDtbAlign;
    const std::vector<std::uint8_t> tree = build_dtb(dtb);
    if (dtb_off + tree.size() > gen::map::bootrom.size) {
        throw std::invalid_argument(fmt::format("boot ROM: stub and {}-byte DTB exceed {} bytes",
                                                tree.size(), gen::map::bootrom.size));
    }
    BootRom rom;
    rom.base = base;
    rom.dtb_addr = base + dtb_off;
    rom.bytes = build_boot_stub(xlen, entry, rom.dtb_addr);
    rom.bytes.resize(dtb_off, 0);
    rom.bytes.insert(rom.bytes.end(), tree.begin(), tree.end());
    return rom;
}

}  // namespace nodevp::boot
