// The LPU instruction set: opcodes, operand formats, binary encoding and timing, from the one
// table in lpu_isa.def. Semantics: docs/lpu/architecture.md.
//
// Encoding of a 64-bit instruction word (fields a format does not use are zero):
//   [7:0]   opcode
//   [11:8]  t1: element type, destination type (CVT), CONFIG register; with t2 the MEM stride
//   [15:12] t2: source type (CVT), flags (ABC bit 0 = .set)
//   [21:16] sD  destination stream   } a stream operand is 6 bits:
//   [27:22] sA  first source stream  }   bit 5 = direction (0 east, 1 west), bits 4:0 = index
//   [33:28] sB  second source stream (REQ: the shift amount)
//   [63:34] imm 30-bit immediate (address, count, accumulator, link, value; REQ: signed scale)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nodevp::lpu {

enum class Opcode : std::uint8_t {
#define LPU_INSN(id, mnem, opc, unit, fmt, issue, read, lat) id = opc,
#include "models/lpu/isa/lpu_isa.def"
#undef LPU_INSN
};

enum class Unit : std::uint8_t { any, mem, vxm, mxm, sxm, c2c };

enum class Format : std::uint8_t {
    none,       // no operands
    count,      // NOP n
    repeat,     // REPEAT n, d
    config,     // CONFIG reg, value
    mem_read,   // READ addr, sD [, stride]
    mem_write,  // WRITE addr, sA [, stride]
    gather,     // GATHER addr, sA(index), sD
    scatter,    // SCATTER addr, sB(index), sA(data)
    vbin,       // OP.t sD, sA, sB
    vun,        // OP.t sD, sA
    cvt,        // CVT.dst.src sD, sA
    req,        // REQ.t sD, sA, scale, shift
    lw,         // LW sA, g
    abc,        // ABC[.set] sA, acc
    acc,        // ACC acc, sD
    sxm_imm,    // OP sD, sA, n
    send,       // SEND sA, link
    receive,    // RECEIVE link, sD
    link,       // DESKEW link
};

enum class ElemType : std::uint8_t { i8 = 0, i16 = 1, i32 = 2, f16 = 3, bf16 = 4, f32 = 5 };
inline constexpr unsigned kElemTypes = 6;
unsigned elem_bytes(ElemType t);  // 1, 2 or 4
bool is_float(ElemType t);
std::string_view elem_name(ElemType t);
std::optional<ElemType> elem_from_name(std::string_view name);

// CONFIG registers.
enum class ConfigReg : std::uint8_t { mxm_type = 0 };
inline constexpr unsigned kMxmTypeI8 = 0;
inline constexpr unsigned kMxmTypeF16 = 1;

inline constexpr unsigned kStreamsPerDirection = 32;
inline constexpr unsigned kAccumulators = 8;

struct Stream {
    std::uint8_t index = 0;  // 0 … 31
    bool west = false;       // direction of travel
    std::uint8_t bits() const { return static_cast<std::uint8_t>(index | (west ? 0x20 : 0)); }
    static Stream from_bits(unsigned b) {
        return {static_cast<std::uint8_t>(b & 31), (b & 0x20) != 0};
    }
    bool operator==(const Stream& o) const { return index == o.index && west == o.west; }
};

// One decoded instruction. Which fields mean something depends on the format.
struct Insn {
    Opcode op = Opcode::nop;
    std::uint8_t t1 = 0;
    std::uint8_t t2 = 0;
    Stream d, a, b;
    std::uint8_t shift = 0;  // REQ
    std::int64_t imm = 0;    // sign-extended for REQ scale and MEM stride users
    std::int8_t stride = 0;  // READ/WRITE address increment per REPEAT

    std::uint64_t encode() const;
};

struct InsnInfo {
    Opcode op;
    std::string_view mnemonic;
    Unit unit;
    Format format;
    unsigned issue;    // 0: depends on operands
    unsigned read;     // stream read offset
    unsigned latency;  // result / memory-access offset
};

// Table row for an opcode, or nullptr for an undefined opcode.
const InsnInfo* info(Opcode op);
const InsnInfo* info_by_opcode(std::uint8_t opcode);
const InsnInfo* info_by_mnemonic(std::string_view mnemonic);

// Decodes a word. Undefined opcodes decode with op set to the raw value; info() then returns
// nullptr and the model reports `undefined-opcode` when the instruction issues.
Insn decode(std::uint64_t word);

inline constexpr unsigned kImmBits = 30;
inline constexpr std::int64_t kImmMax = (std::int64_t{1} << kImmBits) - 1;  // unsigned use
inline constexpr std::int64_t kImmSignedMin = -(std::int64_t{1} << (kImmBits - 1));
inline constexpr std::int64_t kImmSignedMax = (std::int64_t{1} << (kImmBits - 1)) - 1;

}  // namespace nodevp::lpu
