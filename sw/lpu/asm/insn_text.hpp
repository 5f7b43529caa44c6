// One instruction as text <-> its 64-bit word (internal). Operand syntax: docs/lpu/assembly.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "models/lpu/isa/isa.hpp"
#include "sw/lpu/asm/expr.hpp"

namespace nodevp::lpu::text {

// Encodes one instruction ("ADD.i32 s0e, s4e, s8e") for a queue of kind `queue`. Throws
// LineError naming the defect (unknown mnemonic, wrong unit, operand count, range, alignment).
std::uint64_t encode_insn(std::string_view line, Unit queue, const Lookup& lookup);

// The text of `word` in a queue of kind `queue`, or nullopt when encode_insn would not give
// back exactly `word` (undefined opcode, bits in fields the format leaves unused, operands it
// rejects); the disassembler writes such words as `.word`.
std::optional<std::string> format_insn(std::uint64_t word, Unit queue);

// Cycles that `word` occupies its queue (NOP n: n; REPEAT n, d: n·d; undefined opcode: 1).
std::uint64_t issue_cycles(std::uint64_t word);

}  // namespace nodevp::lpu::text
