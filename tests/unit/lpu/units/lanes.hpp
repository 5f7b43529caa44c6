// Test helpers: stream groups (byte planes) built from element bit patterns and back, written
// independently of the model's own lane code.
#pragma once

#include <cstdint>
#include <vector>

namespace nodevp::lpu::test {

// A stream group of `bytes` planes of `n` lanes each.
struct Group {
    Group(unsigned bytes, unsigned n) : planes(bytes, std::vector<std::uint8_t>(n)) {
        for (auto& p : planes) ptrs.push_back(p.data());
    }
    // Element i = the low `bytes` bytes of raw[i % raw.size()] (raw repeats across the lanes).
    static Group of(unsigned bytes, unsigned n, const std::vector<std::uint32_t>& raw) {
        Group g(bytes, n);
        for (unsigned i = 0; i < n; ++i)
            for (unsigned k = 0; k < bytes; ++k)
                g.planes[k][i] = static_cast<std::uint8_t>((raw[i % raw.size()] >> (8 * k)) & 0xff);
        return g;
    }
    std::uint32_t element(unsigned i) const {
        std::uint32_t v = 0;
        for (unsigned k = 0; k < planes.size(); ++k) v += std::uint32_t{planes[k][i]} << (8 * k);
        return v;
    }
    std::vector<std::vector<std::uint8_t>> planes;
    std::vector<std::uint8_t*> ptrs;
};

}  // namespace nodevp::lpu::test
