#include "models/cpu/decode.hpp"

namespace nodevp::cpu {

const InsnSpec kInsnTable[static_cast<unsigned>(Op::count)] = {
#define RV_INSN(id, name, match, mask, fmt, xlen) {name, match, mask, Format::fmt, xlen},
#include "models/cpu/insn_table.def"
#undef RV_INSN
};

namespace {

std::uint32_t field(std::uint32_t w, unsigned hi, unsigned lo) {
    return (w >> lo) & ((1u << (hi - lo + 1)) - 1);
}
std::int32_t ufield(std::uint32_t w, unsigned hi, unsigned lo) {
    return static_cast<std::int32_t>(field(w, hi, lo));
}
std::int32_t sfield(std::uint32_t w, unsigned hi) {  // bits [31:hi] of a signed word, shifted down
    return static_cast<std::int32_t>(w) >> hi;
}

std::int32_t immediate(std::uint32_t w, Format f) {
    switch (f) {
        case Format::I:
        case Format::FI:
            return sfield(w, 20);
        case Format::FR:
        case Format::FX:
            return ufield(w, 14, 12);
        case Format::R4:
            return ufield(w, 14, 12) | (ufield(w, 31, 27) << 3);
        case Format::S:
            return (sfield(w, 25) * 32) | ufield(w, 11, 7);
        case Format::B:
            return (sfield(w, 31) * 4096) | (ufield(w, 7, 7) << 11) | (ufield(w, 30, 25) << 5) |
                   (ufield(w, 11, 8) << 1);
        case Format::U:
            return static_cast<std::int32_t>(w & 0xfffff000u);
        case Format::J:
            return (sfield(w, 31) * (1 << 20)) | (ufield(w, 19, 12) << 12) |
                   (ufield(w, 20, 20) << 11) | (ufield(w, 30, 21) << 1);
        case Format::SH:
            return ufield(w, 25, 20);
        case Format::CSR:
            return ufield(w, 31, 20);
        case Format::R:
        case Format::NONE:
            break;
    }
    return 0;
}

}  // namespace

DecodedInsn decode32(std::uint32_t word, unsigned xlen) {
    DecodedInsn d;
    d.raw = word;
    d.length = 4;
    unsigned i = 0;
    while (!((word & kInsnTable[i].mask) == kInsnTable[i].match && kInsnTable[i].applies(xlen)))
        ++i;
    const InsnSpec& spec = kInsnTable[i];
    d.op = static_cast<Op>(i);
    if (d.op == Op::illegal) return d;
    const bool has_rd =
        spec.format != Format::S && spec.format != Format::B && spec.format != Format::NONE;
    const std::uint8_t rd = static_cast<std::uint8_t>(field(word, 11, 7));
    const bool fp_rd =
        spec.format == Format::FI || spec.format == Format::FR || spec.format == Format::R4;
    d.rd = fp_rd ? rd : (has_rd && rd != 0) ? rd : kRegSink;
    d.rs1 = static_cast<std::uint8_t>(field(word, 19, 15));
    d.rs2 = static_cast<std::uint8_t>(field(word, 24, 20));
    d.imm = immediate(word, spec.format);
    return d;
}

DecodedInsn decode(std::uint32_t bits, unsigned xlen, bool compressed) {
    if ((bits & 3) == 3) return decode32(bits, xlen);
    const auto half = static_cast<std::uint16_t>(bits);
    const std::uint32_t word = compressed ? expand_compressed(half, xlen) : 0;
    DecodedInsn d = word ? decode32(word, xlen) : DecodedInsn{};
    d.raw = half;
    d.length = 2;
    return d;
}

}  // namespace nodevp::cpu
