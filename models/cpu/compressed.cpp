// The compressed (C) encodings and their expansion into 32-bit instructions.
//
// RV32 and RV64 differ in three slots: 001/01 is C.JAL on RV32 and C.ADDIW on RV64; 011/00,
// 011/10 and 111/00, 111/10 are C.FLW/C.FLWSP/C.FSW/C.FSWSP on RV32 and C.LD/C.LDSP/C.SD/C.SDSP
// on RV64. C.FLD/C.FSD/C.FLDSP/C.FSDSP exist on both. FP loads and stores expand to FLW/FSW/FLD/
// FSD whatever the hart's extensions; a hart without F or D then treats them as illegal. C.FLWSP
// and C.FLDSP with rd = f0 are valid (only the integer C.LWSP/C.LDSP reserve rd = x0). Encodings
// that share a row because match/mask cannot separate them (C.LUI/C.ADDI16SP by rd == 2, C.JR/C.MV
// and C.EBREAK/C.JALR/C.ADD by zero register fields) are told apart in the row's expander.
#include "models/cpu/decode.hpp"

namespace nodevp::cpu {

namespace {

using u32 = std::uint32_t;
using u16 = std::uint16_t;

u32 bits(u16 c, unsigned hi, unsigned lo) {
    return (c >> lo) & ((1u << (hi - lo + 1)) - 1);
}
u32 rd_full(u16 c) {
    return bits(c, 11, 7);
}
u32 rs2_full(u16 c) {
    return bits(c, 6, 2);
}
u32 rs1_prime(u16 c) {
    return 8 + bits(c, 9, 7);
}  // also rd' of the CA/CB formats
u32 rs2_prime(u16 c) {
    return 8 + bits(c, 4, 2);
}  // also rd' of the CIW/CL formats
// Sign-extends the low `n` bits of v.
std::int32_t sext(u32 v, unsigned n) {
    return static_cast<std::int32_t>(v << (32 - n)) >> (32 - n);
}
// The 6-bit immediate of CI formats: imm[5] = bit 12, imm[4:0] = bits 6:2.
u32 ci_imm(u16 c) {
    return (bits(c, 12, 12) << 5) | bits(c, 6, 2);
}

constexpr u32 kOpImm = 0x13, kOpImm32 = 0x1b, kOp = 0x33, kOp32 = 0x3b, kLoad = 0x03, kStore = 0x23,
              kLui = 0x37, kJal = 0x6f, kJalr = 0x67, kBranch = 0x63, kLoadFp = 0x07,
              kStoreFp = 0x27;

u32 enc_r(u32 op, u32 f3, u32 f7, u32 rd, u32 rs1, u32 rs2) {
    return (f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op;
}
u32 enc_i(u32 op, u32 f3, u32 rd, u32 rs1, std::int32_t imm) {
    return ((static_cast<u32>(imm) & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op;
}
u32 enc_s(u32 f3, u32 rs1, u32 rs2, u32 imm, u32 op = kStore) {
    return ((imm >> 5) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((imm & 0x1f) << 7) | op;
}
u32 enc_b(u32 f3, u32 rs1, u32 rs2, std::int32_t imm) {
    const u32 i = static_cast<u32>(imm);
    return (((i >> 12) & 1) << 31) | (((i >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) |
           (f3 << 12) | (((i >> 1) & 0xf) << 8) | (((i >> 11) & 1) << 7) | kBranch;
}
u32 enc_j(u32 rd, std::int32_t imm) {
    const u32 i = static_cast<u32>(imm);
    return (((i >> 20) & 1) << 31) | (((i >> 1) & 0x3ff) << 21) | (((i >> 11) & 1) << 20) |
           (((i >> 12) & 0xff) << 12) | (rd << 7) | kJal;
}

// Offsets of the CL/CS (word and double) and CI/CSS stack-pointer formats.
u32 cl_w_offset(u16 c) {
    return (bits(c, 12, 10) << 3) | (bits(c, 6, 6) << 2) | (bits(c, 5, 5) << 6);
}
u32 cl_d_offset(u16 c) {
    return (bits(c, 12, 10) << 3) | (bits(c, 6, 5) << 6);
}
u32 lwsp_offset(u16 c) {
    return (bits(c, 12, 12) << 5) | (bits(c, 6, 4) << 2) | (bits(c, 3, 2) << 6);
}
u32 ldsp_offset(u16 c) {
    return (bits(c, 12, 12) << 5) | (bits(c, 6, 5) << 3) | (bits(c, 4, 2) << 6);
}
u32 swsp_offset(u16 c) {
    return (bits(c, 12, 9) << 2) | (bits(c, 8, 7) << 6);
}
u32 sdsp_offset(u16 c) {
    return (bits(c, 12, 10) << 3) | (bits(c, 9, 7) << 6);
}
std::int32_t cj_offset(u16 c) {
    const u32 v = (bits(c, 12, 12) << 11) | (bits(c, 11, 11) << 4) | (bits(c, 10, 9) << 8) |
                  (bits(c, 8, 8) << 10) | (bits(c, 7, 7) << 6) | (bits(c, 6, 6) << 7) |
                  (bits(c, 5, 3) << 1) | (bits(c, 2, 2) << 5);
    return sext(v, 12);
}
std::int32_t cb_offset(u16 c) {
    const u32 v = (bits(c, 12, 12) << 8) | (bits(c, 11, 10) << 3) | (bits(c, 6, 5) << 6) |
                  (bits(c, 4, 3) << 1) | (bits(c, 2, 2) << 5);
    return sext(v, 9);
}

u32 c_addi4spn(u16 c, unsigned) {
    const u32 imm = (bits(c, 12, 11) << 4) | (bits(c, 10, 7) << 6) | (bits(c, 6, 6) << 2) |
                    (bits(c, 5, 5) << 3);
    return imm ? enc_i(kOpImm, 0, rs2_prime(c), 2, static_cast<std::int32_t>(imm)) : 0;
}
u32 c_lw(u16 c, unsigned) {
    return enc_i(kLoad, 2, rs2_prime(c), rs1_prime(c), cl_w_offset(c));
}
u32 c_ld(u16 c, unsigned) {
    return enc_i(kLoad, 3, rs2_prime(c), rs1_prime(c), cl_d_offset(c));
}
u32 c_sw(u16 c, unsigned) {
    return enc_s(2, rs1_prime(c), rs2_prime(c), cl_w_offset(c));
}
u32 c_sd(u16 c, unsigned) {
    return enc_s(3, rs1_prime(c), rs2_prime(c), cl_d_offset(c));
}
u32 c_addi(u16 c, unsigned) {
    return enc_i(kOpImm, 0, rd_full(c), rd_full(c), sext(ci_imm(c), 6));
}
u32 c_jal(u16 c, unsigned) {
    return enc_j(1, cj_offset(c));
}
u32 c_addiw(u16 c, unsigned) {
    return rd_full(c) ? enc_i(kOpImm32, 0, rd_full(c), rd_full(c), sext(ci_imm(c), 6)) : 0;
}
u32 c_li(u16 c, unsigned) {
    return enc_i(kOpImm, 0, rd_full(c), 0, sext(ci_imm(c), 6));
}
u32 c_lui(u16 c, unsigned) {  // C.LUI, or C.ADDI16SP when rd == 2
    if (rd_full(c) == 2) {
        const u32 v = (bits(c, 12, 12) << 9) | (bits(c, 6, 6) << 4) | (bits(c, 5, 5) << 6) |
                      (bits(c, 4, 3) << 7) | (bits(c, 2, 2) << 5);
        return v ? enc_i(kOpImm, 0, 2, 2, sext(v, 10)) : 0;
    }
    const u32 imm = ci_imm(c);
    if (imm == 0) return 0;
    return (static_cast<u32>(sext(imm, 6)) << 12) | (rd_full(c) << 7) | kLui;
}
u32 shift_imm(u16 c, unsigned xlen, u32 f3, u32 f7, u32 rd) {
    const u32 shamt = ci_imm(c);
    if (xlen == 32 && shamt >= 32) return 0;
    return enc_r(kOpImm, f3, f7, rd, rd, 0) | (shamt << 20);
}
u32 c_srli(u16 c, unsigned xlen) {
    return shift_imm(c, xlen, 5, 0x00, rs1_prime(c));
}
u32 c_srai(u16 c, unsigned xlen) {
    return shift_imm(c, xlen, 5, 0x20, rs1_prime(c));
}
u32 c_slli(u16 c, unsigned xlen) {
    return shift_imm(c, xlen, 1, 0x00, rd_full(c));
}
u32 c_andi(u16 c, unsigned) {
    return enc_i(kOpImm, 7, rs1_prime(c), rs1_prime(c), sext(ci_imm(c), 6));
}
u32 ca(u16 c, u32 op, u32 f3, u32 f7) {
    return enc_r(op, f3, f7, rs1_prime(c), rs1_prime(c), rs2_prime(c));
}
u32 c_sub(u16 c, unsigned) {
    return ca(c, kOp, 0, 0x20);
}
u32 c_xor(u16 c, unsigned) {
    return ca(c, kOp, 4, 0);
}
u32 c_or(u16 c, unsigned) {
    return ca(c, kOp, 6, 0);
}
u32 c_and(u16 c, unsigned) {
    return ca(c, kOp, 7, 0);
}
u32 c_subw(u16 c, unsigned) {
    return ca(c, kOp32, 0, 0x20);
}
u32 c_addw(u16 c, unsigned) {
    return ca(c, kOp32, 0, 0);
}
u32 c_j(u16 c, unsigned) {
    return enc_j(0, cj_offset(c));
}
u32 c_beqz(u16 c, unsigned) {
    return enc_b(0, rs1_prime(c), 0, cb_offset(c));
}
u32 c_bnez(u16 c, unsigned) {
    return enc_b(1, rs1_prime(c), 0, cb_offset(c));
}
u32 c_lwsp(u16 c, unsigned) {
    return rd_full(c) ? enc_i(kLoad, 2, rd_full(c), 2, lwsp_offset(c)) : 0;
}
u32 c_ldsp(u16 c, unsigned) {
    return rd_full(c) ? enc_i(kLoad, 3, rd_full(c), 2, ldsp_offset(c)) : 0;
}
u32 c_mv(u16 c, unsigned) {  // C.MV, or C.JR when rs2 == 0
    if (rs2_full(c)) return enc_r(kOp, 0, 0, rd_full(c), 0, rs2_full(c));
    return rd_full(c) ? enc_i(kJalr, 0, 0, rd_full(c), 0) : 0;
}
u32 c_add(u16 c, unsigned) {  // C.ADD, or C.JALR when rs2 == 0, or C.EBREAK when both are 0
    if (rs2_full(c)) return enc_r(kOp, 0, 0, rd_full(c), rd_full(c), rs2_full(c));
    return rd_full(c) ? enc_i(kJalr, 0, 1, rd_full(c), 0) : 0x00100073u;
}
u32 c_swsp(u16 c, unsigned) {
    return enc_s(2, 2, rs2_full(c), swsp_offset(c));
}
u32 c_sdsp(u16 c, unsigned) {
    return enc_s(3, 2, rs2_full(c), sdsp_offset(c));
}
u32 c_flw(u16 c, unsigned) {
    return enc_i(kLoadFp, 2, rs2_prime(c), rs1_prime(c), cl_w_offset(c));
}
u32 c_fld(u16 c, unsigned) {
    return enc_i(kLoadFp, 3, rs2_prime(c), rs1_prime(c), cl_d_offset(c));
}
u32 c_fsw(u16 c, unsigned) {
    return enc_s(2, rs1_prime(c), rs2_prime(c), cl_w_offset(c), kStoreFp);
}
u32 c_fsd(u16 c, unsigned) {
    return enc_s(3, rs1_prime(c), rs2_prime(c), cl_d_offset(c), kStoreFp);
}
u32 c_flwsp(u16 c, unsigned) {
    return enc_i(kLoadFp, 2, rd_full(c), 2, lwsp_offset(c));
}
u32 c_fldsp(u16 c, unsigned) {
    return enc_i(kLoadFp, 3, rd_full(c), 2, ldsp_offset(c));
}
u32 c_fswsp(u16 c, unsigned) {
    return enc_s(2, 2, rs2_full(c), swsp_offset(c), kStoreFp);
}
u32 c_fsdsp(u16 c, unsigned) {
    return enc_s(3, 2, rs2_full(c), sdsp_offset(c), kStoreFp);
}
u32 c_illegal(u16, unsigned) {
    return 0;
}

}  // namespace

// clang-format off
const CompressedSpec kCompressedTable[] = {
    {"c.addi4spn", 0x0000, 0xe003, 0,  c_addi4spn},
    {"c.fld",      0x2000, 0xe003, 0,  c_fld},
    {"c.lw",       0x4000, 0xe003, 0,  c_lw},
    {"c.flw",      0x6000, 0xe003, 32, c_flw},
    {"c.ld",       0x6000, 0xe003, 64, c_ld},
    {"c.fsd",      0xa000, 0xe003, 0,  c_fsd},
    {"c.sw",       0xc000, 0xe003, 0,  c_sw},
    {"c.fsw",      0xe000, 0xe003, 32, c_fsw},
    {"c.sd",       0xe000, 0xe003, 64, c_sd},
    {"c.addi",     0x0001, 0xe003, 0,  c_addi},
    {"c.jal",      0x2001, 0xe003, 32, c_jal},
    {"c.addiw",    0x2001, 0xe003, 64, c_addiw},
    {"c.li",       0x4001, 0xe003, 0,  c_li},
    {"c.lui",      0x6001, 0xe003, 0,  c_lui},
    {"c.srli",     0x8001, 0xec03, 0,  c_srli},
    {"c.srai",     0x8401, 0xec03, 0,  c_srai},
    {"c.andi",     0x8801, 0xec03, 0,  c_andi},
    {"c.sub",      0x8c01, 0xfc63, 0,  c_sub},
    {"c.xor",      0x8c21, 0xfc63, 0,  c_xor},
    {"c.or",       0x8c41, 0xfc63, 0,  c_or},
    {"c.and",      0x8c61, 0xfc63, 0,  c_and},
    {"c.subw",     0x9c01, 0xfc63, 64, c_subw},
    {"c.addw",     0x9c21, 0xfc63, 64, c_addw},
    {"c.j",        0xa001, 0xe003, 0,  c_j},
    {"c.beqz",     0xc001, 0xe003, 0,  c_beqz},
    {"c.bnez",     0xe001, 0xe003, 0,  c_bnez},
    {"c.slli",     0x0002, 0xe003, 0,  c_slli},
    {"c.fldsp",    0x2002, 0xe003, 0,  c_fldsp},
    {"c.lwsp",     0x4002, 0xe003, 0,  c_lwsp},
    {"c.flwsp",    0x6002, 0xe003, 32, c_flwsp},
    {"c.ldsp",     0x6002, 0xe003, 64, c_ldsp},
    {"c.mv",       0x8002, 0xf003, 0,  c_mv},
    {"c.add",      0x9002, 0xf003, 0,  c_add},
    {"c.fsdsp",    0xa002, 0xe003, 0,  c_fsdsp},
    {"c.swsp",     0xc002, 0xe003, 0,  c_swsp},
    {"c.fswsp",    0xe002, 0xe003, 32, c_fswsp},
    {"c.sdsp",     0xe002, 0xe003, 64, c_sdsp},
    {"c.illegal",  0x0000, 0x0000, 0,  c_illegal},
};
// clang-format on
const unsigned kCompressedTableSize = sizeof(kCompressedTable) / sizeof(kCompressedTable[0]);

std::uint32_t expand_compressed(std::uint16_t c, unsigned xlen) {
    unsigned i = 0;
    while (!((c & kCompressedTable[i].mask) == kCompressedTable[i].match &&
             kCompressedTable[i].applies(xlen)))
        ++i;
    return kCompressedTable[i].expand(c, xlen);
}

}  // namespace nodevp::cpu
