// Builds RegisterBank fields from the contiguous bit masks that gen/regs.hpp provides.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include "models/common/regbank.hpp"

namespace nodevp::periph {

// A field covering `mask`, which must be a non-empty run of consecutive ones (a model bug
// otherwise: throws std::logic_error).
inline Field mask_field(std::string name, std::uint64_t mask, Access access = Access::rw) {
    if (mask == 0) throw std::logic_error("field " + name + ": empty mask");
    const unsigned lsb = static_cast<unsigned>(__builtin_ctzll(mask));
    const unsigned width = static_cast<unsigned>(__builtin_popcountll(mask));
    if ((mask >> lsb) != (width == 64 ? ~0ULL : (1ULL << width) - 1))
        throw std::logic_error("field " + name + ": mask is not contiguous");
    return Field{std::move(name), lsb, width, access};
}

}  // namespace nodevp::periph
