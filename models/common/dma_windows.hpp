// IOMMU-style DMA windows held in a device's register window (docs/fabric.md): window n lets the
// device's DMA reach [BASE(n), BASE(n) + SIZE(n)) for reading when CTRL(n).READ is set and for
// writing when CTRL(n).WRITE is. All windows are closed after reset. The device's driver (the
// host) grants them; the device's own controller may read them but not write them. The fabric
// asks `allows()` at the device's port before every DMA transaction.
#pragma once

#include <cstdint>

#include "models/common/regbank.hpp"

namespace nodevp {

// Where the registers are (from gen/regs.hpp): DMA_WIN_BASE/SIZE/CTRL with count and stride, the
// CTRL bit masks, and the range [first, end) they occupy.
struct DmaWindowLayout {
    unsigned count = 0;
    std::uint64_t base = 0, size = 0, ctrl = 0, stride = 0;
    std::uint64_t read_mask = 0, write_mask = 0;
    std::uint64_t first = 0, end = 0;
};

class DmaWindows {
  public:
    // Declares DMA_WIN_BASE<n>, DMA_WIN_SIZE<n> and DMA_WIN_CTRL<n> in `bank`.
    DmaWindows(RegisterBank& bank, const DmaWindowLayout& layout);

    // Whether [addr, addr + length) lies inside one window open for the access.
    bool allows(std::uint64_t addr, std::uint64_t length, bool write) const;
    // Whether an access at register offset [offset, offset + length) touches a window register.
    bool touches(std::uint64_t offset, std::uint64_t length) const {
        return offset < layout_.end && offset + length > layout_.first;
    }

  private:
    RegisterBank& bank_;
    DmaWindowLayout layout_;
};

// Expands to the layout of device `dev`'s windows from gen/regs.hpp (namespace gen::regs::dev).
#define NODEVP_DMA_WINDOW_LAYOUT(dev)                                               \
    ::nodevp::DmaWindowLayout {                                                     \
        gen::regs::dev::DMA_WIN_BASE_count, gen::regs::dev::DMA_WIN_BASE,           \
            gen::regs::dev::DMA_WIN_SIZE, gen::regs::dev::DMA_WIN_CTRL,             \
            gen::regs::dev::DMA_WIN_BASE_stride, gen::regs::dev::DMA_WIN_CTRL_READ, \
            gen::regs::dev::DMA_WIN_CTRL_WRITE, gen::regs::dev::DMA_WIN_FIRST,      \
            gen::regs::dev::DMA_WIN_END                                             \
    }

}  // namespace nodevp
