// A C++ MXM plane and calls in matrix terms: rows of weights, an activation vector, a drained
// accumulator read back as int32 or binary32.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "models/lpu/units/units.hpp"

namespace nodevp::lpu::test {

class MxmRig {
  public:
    explicit MxmRig(std::uint32_t superlanes) {
        Geometry g;
        g.superlanes = superlanes;
        n = g.vector_bytes();
        unit = make_cpp_mxm(g);
    }

    // LW of int8 rows, one stream each.
    void load_i8(const std::vector<std::vector<std::int8_t>>& rows) {
        std::vector<std::vector<std::uint8_t>> s;
        for (const auto& r : rows) s.emplace_back(r.begin(), r.end());
        load(s);
    }
    // LW of f16 rows, two streams (low, high bytes) each.
    void load_f16(const std::vector<std::vector<std::uint16_t>>& rows) {
        std::vector<std::vector<std::uint8_t>> s;
        for (const auto& r : rows) {
            std::vector<std::uint8_t> lo, hi;
            for (auto v : r) {
                lo.push_back(static_cast<std::uint8_t>(v));
                hi.push_back(static_cast<std::uint8_t>(v >> 8));
            }
            s.push_back(lo);
            s.push_back(hi);
        }
        load(s);
    }
    void abc_i8(const std::vector<std::int8_t>& x, unsigned acc, bool set) {
        std::vector<std::uint8_t> v(x.begin(), x.end());
        const std::uint8_t* p[1] = {v.data()};
        unit->accumulate(p, acc, set);
    }
    void abc_f16(const std::vector<std::uint16_t>& x, unsigned acc, bool set) {
        std::vector<std::uint8_t> lo, hi;
        for (auto v : x) {
            lo.push_back(static_cast<std::uint8_t>(v));
            hi.push_back(static_cast<std::uint8_t>(v >> 8));
        }
        const std::uint8_t* p[2] = {lo.data(), hi.data()};
        unit->accumulate(p, acc, set);
    }
    // ACC: the accumulator's 32-bit words, reassembled from the four byte planes.
    std::vector<std::uint32_t> drain(unsigned acc) {
        std::vector<std::vector<std::uint8_t>> planes(4, std::vector<std::uint8_t>(n, 0xEE));
        std::uint8_t* p[4] = {planes[0].data(), planes[1].data(), planes[2].data(),
                              planes[3].data()};
        unit->drain(acc, p);
        std::vector<std::uint32_t> out(n);
        for (unsigned i = 0; i < n; ++i)
            for (unsigned k = 0; k < 4; ++k) out[i] |= std::uint32_t{planes[k][i]} << (8 * k);
        return out;
    }
    std::vector<std::int32_t> drain_i32(unsigned acc) {
        auto w = drain(acc);
        return std::vector<std::int32_t>(w.begin(), w.end());
    }

    unsigned n = 0;
    std::unique_ptr<MxmUnit> unit;

  private:
    void load(const std::vector<std::vector<std::uint8_t>>& streams) {
        std::vector<const std::uint8_t*> p;
        for (const auto& s : streams) p.push_back(s.data());
        unit->load_weights(p.data(), static_cast<unsigned>(p.size()));
    }
};

}  // namespace nodevp::lpu::test
