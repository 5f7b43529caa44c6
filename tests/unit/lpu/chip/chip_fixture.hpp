// Shared helpers for the chip tests: default geometry facts, SRAM access by (slice, vector).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include <gtest/gtest.h>

#include "models/lpu/chip/chip.hpp"
#include "tests/unit/lpu/chip/program_builder.hpp"

namespace nodevp::lpu::test {

// `default` geometry: VL 32; positions mxm.0 0, sxm.w 1, mem.w1 2, mem.w0 3, VXM 4, mem.e0 5,
// mem.e1 6, sxm.e 7. MEM slice numbers: w0 0, w1 1, e0 2, e1 3.
inline Geometry default_geometry() {
    return Geometry{};
}
inline constexpr std::uint32_t kW0 = 0, kW1 = 1, kE0 = 2, kE1 = 3;

// `full` geometry: VL 320, 95 positions; mem.w<i> at 46 − i, VXM 47, mem.e<i> at 48 + i.
inline Geometry full_geometry() {
    Geometry g;
    g.superlanes = 20;
    g.mem_slices = 88;
    g.mxm_planes = 4;
    g.vxm_alus = 16;
    return g;
}

inline std::vector<std::uint8_t> pattern(unsigned vl, unsigned seed) {
    std::vector<std::uint8_t> v(vl);
    for (unsigned i = 0; i < vl; ++i) v[i] = static_cast<std::uint8_t>(seed * 31 + i * 7 + 1);
    return v;
}

inline std::vector<std::uint8_t> read_vector(Chip& chip, std::uint32_t slice, std::uint32_t addr) {
    const unsigned vl = chip.geometry().vector_bytes();
    std::vector<std::uint8_t> v(vl);
    const std::uint64_t off = (std::uint64_t{slice} * chip.geometry().mem_words + addr) * vl;
    EXPECT_TRUE(chip.read_sram(off, v.data(), vl));
    return v;
}

inline std::unique_ptr<Chip> make_chip(Geometry g = default_geometry(), unsigned c2c_latency = 64) {
    ChipConfig cfg;
    cfg.geometry = g;
    cfg.c2c_latency = c2c_latency;
    return std::make_unique<Chip>(cfg);
}

// Loads and runs to completion (or error); returns the final state.
inline Chip::State run_program(Chip& chip, const ProgramBuilder& b,
                               std::uint64_t max_cycles = 1000000) {
    chip.load(b.program());
    return chip.run(max_cycles);
}

}  // namespace nodevp::lpu::test
