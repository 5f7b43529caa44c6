// Runs scheduler programs on the chip model: one chip per geometry for the whole process, inputs
// placed and results read by program symbol (sw/lpu/sched/tensor.hpp).
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "models/lpu/chip/chip.hpp"
#include "sw/lpu/sched/tensor.hpp"

namespace nodevp::lpu::test {

inline Geometry default_geometry() {
    return Geometry{};
}
inline Geometry full_geometry() {
    return Geometry{20, 88, 8192, 4, 16};
}

class ChipRig {
  public:
    static Chip& chip(const Geometry& g) {
        static std::map<std::string, std::unique_ptr<Chip>> chips;
        auto& c = chips[g.to_string()];
        if (!c) {
            ChipConfig cfg;
            cfg.geometry = g;
            c = std::make_unique<Chip>(cfg);
        }
        return *c;
    }

    explicit ChipRig(const Program& p) : p_(p), chip_(chip(p.geometry)) {
        chip_.reset();
        chip_.load(p_);
    }

    // Writes a tensor of `bytes`-wide elements (low bits of each uint32_t).
    void put(const std::string& name, const std::vector<std::uint32_t>& elems, unsigned bytes) {
        for (unsigned j = 0; j < bytes; ++j) {
            const auto plane = sched::byte_plane(elems, j);
            const Symbol& s = sched::plane_symbol(p_, name, j, bytes);
            ASSERT_EQ(plane.size(), std::size_t{s.vectors} * p_.geometry.vector_bytes()) << name;
            chip_.write_sram(sched::sram_offset(p_.geometry, s), plane.data(), plane.size());
        }
    }
    void put_i8(const std::string& name, const std::vector<std::int8_t>& v) {
        put(name, std::vector<std::uint32_t>(v.begin(), v.end()), 1);
    }

    std::vector<std::uint32_t> get(const std::string& name, unsigned bytes) {
        std::vector<std::vector<std::uint8_t>> planes;
        for (unsigned j = 0; j < bytes; ++j) {
            const Symbol& s = sched::plane_symbol(p_, name, j, bytes);
            planes.emplace_back(std::size_t{s.vectors} * p_.geometry.vector_bytes());
            EXPECT_TRUE(chip_.read_sram(sched::sram_offset(p_.geometry, s), planes.back().data(),
                                        planes.back().size()));
        }
        return sched::join_planes(planes);
    }

    // Runs to completion; fails the test with the chip's error report otherwise.
    void run() {
        const auto state = chip_.run(10'000'000);
        ASSERT_EQ(state, Chip::State::done)
            << (chip_.error() ? chip_.error()->to_string() : std::string("did not finish"));
    }
    std::uint64_t cycles() const { return chip_.stats().cycles; }

  private:
    const Program& p_;
    Chip& chip_;
};

inline std::vector<std::int8_t> random_i8(std::mt19937& rng, std::size_t n) {
    std::vector<std::int8_t> v(n);
    for (auto& e : v) e = static_cast<std::int8_t>(rng());
    return v;
}

}  // namespace nodevp::lpu::test
