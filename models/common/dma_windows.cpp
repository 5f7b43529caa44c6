#include "models/common/dma_windows.hpp"

#include <string>

namespace nodevp {

namespace {

Field bit_field(const char* name, std::uint64_t mask) {
    unsigned lsb = 0;
    while (!((mask >> lsb) & 1)) ++lsb;
    return Field{name, lsb, 1, Access::rw};
}

std::string name(const char* what, unsigned n) {
    return std::string("DMA_WIN_") + what + std::to_string(n);
}

}  // namespace

DmaWindows::DmaWindows(RegisterBank& bank, const DmaWindowLayout& layout)
    : bank_(bank), layout_(layout) {
    for (unsigned n = 0; n < layout.count; ++n) {
        const std::uint64_t at = n * layout.stride;
        bank.add(name("BASE", n), layout.base + at, 8).min_access(4);
        bank.add(name("SIZE", n), layout.size + at, 8).min_access(4);
        bank.add(name("CTRL", n), layout.ctrl + at, 4, 0,
                 {bit_field("READ", layout.read_mask), bit_field("WRITE", layout.write_mask)});
    }
}

bool DmaWindows::allows(std::uint64_t addr, std::uint64_t length, bool write) const {
    for (unsigned n = 0; n < layout_.count; ++n) {
        if (!bank_.at(name("CTRL", n)).field(write ? "WRITE" : "READ")) continue;
        const std::uint64_t base = bank_.at(name("BASE", n)).value();
        const std::uint64_t size = bank_.at(name("SIZE", n)).value();
        if (addr >= base && length <= size && addr - base <= size - length) return true;
    }
    return false;
}

}  // namespace nodevp
