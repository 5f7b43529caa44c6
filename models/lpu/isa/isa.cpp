#include "models/lpu/isa/isa.hpp"

#include <array>

namespace nodevp::lpu {

namespace {

constexpr InsnInfo kTable[] = {
#define LPU_INSN(id, mnem, opc, unit, fmt, issue, read, lat) \
    {Opcode::id, mnem, Unit::unit, Format::fmt, issue, read, lat},
#include "models/lpu/isa/lpu_isa.def"
#undef LPU_INSN
};

struct ByOpcode {
    std::array<const InsnInfo*, 256> rows{};
    ByOpcode() {
        for (const auto& r : kTable) rows[static_cast<unsigned>(r.op)] = &r;
    }
};

const ByOpcode& by_opcode() {
    static const ByOpcode t;
    return t;
}

constexpr std::string_view kElemNames[kElemTypes] = {"i8", "i16", "i32", "f16", "bf16", "f32"};

// Formats whose immediate is signed.
bool signed_imm(Format f) {
    return f == Format::req;
}

}  // namespace

unsigned elem_bytes(ElemType t) {
    switch (t) {
        case ElemType::i8:
            return 1;
        case ElemType::i16:
        case ElemType::f16:
        case ElemType::bf16:
            return 2;
        case ElemType::i32:
        case ElemType::f32:
            return 4;
    }
    return 1;
}

bool is_float(ElemType t) {
    return t == ElemType::f16 || t == ElemType::bf16 || t == ElemType::f32;
}

std::string_view elem_name(ElemType t) {
    const auto i = static_cast<unsigned>(t);
    return i < kElemTypes ? kElemNames[i] : std::string_view("?");
}

std::optional<ElemType> elem_from_name(std::string_view name) {
    for (unsigned i = 0; i < kElemTypes; ++i)
        if (kElemNames[i] == name) return static_cast<ElemType>(i);
    return std::nullopt;
}

const InsnInfo* info(Opcode op) {
    return by_opcode().rows[static_cast<unsigned>(op)];
}

const InsnInfo* info_by_opcode(std::uint8_t opcode) {
    return by_opcode().rows[opcode];
}

const InsnInfo* info_by_mnemonic(std::string_view mnemonic) {
    for (const auto& r : kTable)
        if (r.mnemonic == mnemonic) return &r;
    return nullptr;
}

std::uint64_t Insn::encode() const {
    const InsnInfo* row = info(op);
    const bool is_mem =
        row && (row->format == Format::mem_read || row->format == Format::mem_write);
    const std::uint64_t t = is_mem ? static_cast<std::uint8_t>(stride)
                                   : static_cast<std::uint64_t>((t1 & 0xf) | ((t2 & 0xf) << 4));
    const std::uint64_t b_bits = row && row->format == Format::req ? (shift & 0x3f) : b.bits();
    const std::uint64_t imm_bits = static_cast<std::uint64_t>(imm) & ((1ULL << kImmBits) - 1);
    return static_cast<std::uint64_t>(op) | (t << 8) | (std::uint64_t{d.bits()} << 16) |
           (std::uint64_t{a.bits()} << 22) | (b_bits << 28) | (imm_bits << 34);
}

Insn decode(std::uint64_t word) {
    Insn i;
    i.op = static_cast<Opcode>(word & 0xff);
    const InsnInfo* row = info(i.op);
    const unsigned t = static_cast<unsigned>((word >> 8) & 0xff);
    i.t1 = t & 0xf;
    i.t2 = (t >> 4) & 0xf;
    i.d = Stream::from_bits(static_cast<unsigned>(word >> 16) & 0x3f);
    i.a = Stream::from_bits(static_cast<unsigned>(word >> 22) & 0x3f);
    const unsigned b_bits = static_cast<unsigned>(word >> 28) & 0x3f;
    std::int64_t imm = static_cast<std::int64_t>(word >> 34);
    if (row && signed_imm(row->format) && (imm & (std::int64_t{1} << (kImmBits - 1))))
        imm -= std::int64_t{1} << kImmBits;
    i.imm = imm;
    if (row && row->format == Format::req) {
        i.shift = static_cast<std::uint8_t>(b_bits);
    } else {
        i.b = Stream::from_bits(b_bits);
    }
    if (row && (row->format == Format::mem_read || row->format == Format::mem_write)) {
        i.stride = static_cast<std::int8_t>(t);
        i.t1 = i.t2 = 0;
    }
    return i;
}

}  // namespace nodevp::lpu
