// Clocking and bit-packing helpers for the benches of Verilated LPU units. A cycle is one clock
// period: inputs are driven at its start, the rising edge falls in its middle, and when cycle()
// returns the outputs show the registers the edge loaded, i.e. the unit's state in the next
// cycle. An instruction issued with cycle() in cycle t is therefore seen landing after
// `latency` calls of cycle() in all (the issuing call included).
#pragma once

#include <cstdint>

#include <systemc>

#include "models/lpu/isa/isa.hpp"

namespace nodevp::rtl::test {

inline const sc_core::sc_time kPeriod(10, sc_core::SC_NS);

// First rising edge at 5 ns: the middle of cycle 0.
inline sc_core::sc_clock& bench_clock() {
    static sc_core::sc_clock clk("clk", kPeriod, 0.5, sc_core::sc_time(5, sc_core::SC_NS), true);
    return clk;
}

inline void cycle(unsigned n = 1) {
    for (unsigned i = 0; i < n; ++i) sc_core::sc_start(kPeriod);
}

inline unsigned latency(lpu::Opcode op) {
    return lpu::info(op)->latency;
}

inline std::uint32_t opcode(lpu::Opcode op) {
    return static_cast<std::uint32_t>(op);
}

// Byte `index` (8 bits at 8 * index) of a packed vector.
template <int W>
void put_byte(sc_dt::sc_bv<W>& v, unsigned index, std::uint8_t byte) {
    v.range(8 * index + 7, 8 * index) = byte;
}

template <int W>
std::uint8_t get_byte(const sc_dt::sc_bv<W>& v, unsigned index) {
    return static_cast<std::uint8_t>(v.range(8 * index + 7, 8 * index).to_uint());
}

}  // namespace nodevp::rtl::test
