// RISC-V instruction decoder: match/mask tables for 32-bit and compressed encodings.
//
// decode() turns instruction bits into a DecodedInsn whose `op` indexes kInsnTable. A compressed
// (16-bit) instruction is first expanded into its 32-bit equivalent (one row of kCompressedTable
// does that), so it decodes to the same op and operands and the semantics are written once; only
// `length` (2) and `raw` (the 16 bits) differ. Reserved encodings (C.ADDI4SPN with a zero
// immediate, RV32 shifts by 32+, ...) decode to Op::illegal. Every standard extension decodes
// (F/D included); the hart turns ops of extensions it lacks into illegal instructions.
// The decoder is pure (no hart state) so it can be tested and fuzzed alone.
#pragma once

#include <cstdint>
#include <string_view>

namespace nodevp::cpu {

enum class Op : std::uint16_t {
#define RV_INSN(id, name, match, mask, fmt, xlen) id,
#include "models/cpu/insn_table.def"
#undef RV_INSN
    count
};

// Operand layout of an encoding (which fields are registers, where the immediate is). The F/D
// formats: FI = load into an f register (I immediate); FR = f-register destination and FX =
// x-register destination, both with imm = the rm field (bits 14:12); R4 = fused multiply-add,
// imm = rm | rs3 << 3. An f-register rd is kept as is (f0 is a real register), never kRegSink.
enum class Format : std::uint8_t { R, I, S, B, U, J, SH, CSR, NONE, FI, FR, FX, R4 };

struct InsnSpec {
    std::string_view name;
    std::uint32_t match;
    std::uint32_t mask;
    Format format;
    unsigned xlen;  // 0: both widths; 32 or 64: only that one
    bool applies(unsigned x) const { return xlen == 0 || xlen == x; }
};

// Expands a 16-bit instruction into its 32-bit equivalent; 0 when reserved or unsupported.
using Expander = std::uint32_t (*)(std::uint16_t bits, unsigned xlen);

struct CompressedSpec {
    std::string_view name;
    std::uint16_t match;
    std::uint16_t mask;
    unsigned xlen;
    Expander expand;
    bool applies(unsigned x) const { return xlen == 0 || xlen == x; }
};

// Index of the register that stands for "x0 as a destination": writes land there and are never
// read, so semantic functions need no rd != 0 branch.
inline constexpr std::uint8_t kRegSink = 32;

struct DecodedInsn {
    Op op = Op::illegal;
    std::uint8_t rd = kRegSink;  // kRegSink when the destination is x0
    std::uint8_t rs1 = 0;        // for csr*i: the 5-bit immediate
    std::uint8_t rs2 = 0;
    std::uint8_t length = 4;  // bytes: 2 (compressed) or 4
    std::int32_t imm = 0;     // sign-extended immediate; CSR number for csr*; shamt for shifts
    std::uint32_t raw = 0;    // instruction bits as fetched (16 of them when compressed)
};

// Rows are indexed by Op; the last row (Op::illegal) matches every word.
extern const InsnSpec kInsnTable[static_cast<unsigned>(Op::count)];
// The compressed encodings; the last row ("c.illegal") matches every halfword.
extern const CompressedSpec kCompressedTable[];
extern const unsigned kCompressedTableSize;

inline std::string_view insn_name(Op op) {
    return kInsnTable[static_cast<unsigned>(op)].name;
}

// Decodes a 32-bit word (bits[1:0] == 3) or, when bits[1:0] != 3, the low 16 bits as a
// compressed instruction (only if `compressed` is enabled; otherwise it is illegal).
DecodedInsn decode(std::uint32_t bits, unsigned xlen, bool compressed);
DecodedInsn decode32(std::uint32_t word, unsigned xlen);
// The 32-bit equivalent of a compressed instruction, or 0 if it is reserved/unsupported.
std::uint32_t expand_compressed(std::uint16_t bits, unsigned xlen);

}  // namespace nodevp::cpu
