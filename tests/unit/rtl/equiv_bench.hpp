// Equivalence bench: the same program on a chip with the C++ units (tlm) and on one with both
// RTL units (rtl), compared bit for bit (all of SRAM) and by cycle count. Chips are built in
// sc_main (the RTL units are sc_modules); the tests run inside one SC_THREAD because ticking
// the RTL units waits for delta cycles.
#pragma once

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <systemc>

#include "models/lpu/chip/chip.hpp"

namespace nodevp::rtl::test {

struct ChipPair {
    std::string name;                           // geometry label for messages
    std::unique_ptr<sc_core::sc_module> scope;  // names rtl's units; outlives them
    std::unique_ptr<lpu::Chip> tlm, rtl;
};

// The benches' chips: [0] `default` geometry (VL 32), [1] one superlane (VL 16), 2 VXM ALUs.
// Built during elaboration; destroy them after simulation, before exit (Verilated models must
// go before Verilator's statics).
std::vector<ChipPair>& pairs();
void build_pairs();
void destroy_pairs();

struct Outcome {
    lpu::Chip::State state;
    std::uint64_t cycles;
    std::string error;  // ErrorReport::to_string(), or empty
};

// Runs a loaded chip to the end (at most `limit` cycles); a clocked chip one cycle at a time.
Outcome run_chip(lpu::Chip& chip, std::uint64_t limit = 2000000);

// Runs `program` on both chips of `pair` with identical random SRAM contents (from `seed`) and
// returns "" if it completes on tlm and they agree (state, error text, cycles, every SRAM byte) or
// a description of the first difference ("SRAM byte 0x1234 (slice 2, vector 7, byte 3): tlm 0x12,
// rtl 0x13").
std::string compare_run(ChipPair& pair, const lpu::Program& program, std::uint32_t seed);

}  // namespace nodevp::rtl::test
