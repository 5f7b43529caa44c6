// A tiny hand assembler for ISS tests: instruction encodings written from the RISC-V ISA manual,
// independent of the decoder under test.
#pragma once

#include <cstdint>
#include <vector>

namespace nodevp::cpu::test {

using u32 = std::uint32_t;

inline u32 r_type(u32 op, u32 f3, u32 f7, u32 rd, u32 rs1, u32 rs2) {
    return f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
}
inline u32 i_type(u32 op, u32 f3, u32 rd, u32 rs1, std::int32_t imm) {
    return (static_cast<u32>(imm) & 0xfff) << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
}
inline u32 s_type(u32 f3, u32 rs1, u32 rs2, std::int32_t imm) {
    const u32 i = static_cast<u32>(imm);
    return (i >> 5 & 0x7f) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | (i & 0x1f) << 7 | 0x23;
}
inline u32 b_type(u32 f3, u32 rs1, u32 rs2, std::int32_t imm) {
    const u32 i = static_cast<u32>(imm);
    return (i >> 12 & 1) << 31 | (i >> 5 & 0x3f) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 |
           (i >> 1 & 0xf) << 8 | (i >> 11 & 1) << 7 | 0x63;
}

inline u32 j_type(u32 rd, std::int32_t imm) {
    const u32 i = static_cast<u32>(imm);
    return (i >> 20 & 1) << 31 | (i >> 1 & 0x3ff) << 21 | (i >> 11 & 1) << 20 |
           (i >> 12 & 0xff) << 12 | rd << 7 | 0x6f;
}

inline u32 jal(u32 rd, std::int32_t off) {
    return j_type(rd, off);
}
inline u32 jalr(u32 rd, u32 rs1, std::int32_t imm) {
    return i_type(0x67, 0, rd, rs1, imm);
}
inline u32 addi(u32 rd, u32 rs1, std::int32_t imm) {
    return i_type(0x13, 0, rd, rs1, imm);
}
inline u32 li(u32 rd, std::int32_t imm) {
    return addi(rd, 0, imm);
}  // |imm| < 2048
inline u32 lui(u32 rd, u32 imm20) {
    return imm20 << 12 | rd << 7 | 0x37;
}
inline u32 auipc(u32 rd, u32 imm20) {
    return imm20 << 12 | rd << 7 | 0x17;
}
inline u32 add(u32 rd, u32 rs1, u32 rs2) {
    return r_type(0x33, 0, 0, rd, rs1, rs2);
}
inline u32 sub(u32 rd, u32 rs1, u32 rs2) {
    return r_type(0x33, 0, 0x20, rd, rs1, rs2);
}
inline u32 mul(u32 rd, u32 rs1, u32 rs2) {
    return r_type(0x33, 0, 1, rd, rs1, rs2);
}
inline u32 mulhu(u32 rd, u32 rs1, u32 rs2) {
    return r_type(0x33, 3, 1, rd, rs1, rs2);
}
inline u32 div(u32 rd, u32 rs1, u32 rs2) {
    return r_type(0x33, 4, 1, rd, rs1, rs2);
}
inline u32 remu(u32 rd, u32 rs1, u32 rs2) {
    return r_type(0x33, 7, 1, rd, rs1, rs2);
}
inline u32 slli(u32 rd, u32 rs1, u32 sh) {
    return i_type(0x13, 1, rd, rs1, static_cast<std::int32_t>(sh));
}
inline u32 srai(u32 rd, u32 rs1, u32 sh) {
    return i_type(0x13, 5, rd, rs1, static_cast<std::int32_t>(0x400 | sh));
}
inline u32 lw(u32 rd, u32 rs1, std::int32_t imm) {
    return i_type(0x03, 2, rd, rs1, imm);
}
inline u32 ld(u32 rd, u32 rs1, std::int32_t imm) {
    return i_type(0x03, 3, rd, rs1, imm);
}
inline u32 sw(u32 rs2, u32 rs1, std::int32_t imm) {
    return s_type(2, rs1, rs2, imm);
}
inline u32 sd(u32 rs2, u32 rs1, std::int32_t imm) {
    return s_type(3, rs1, rs2, imm);
}
inline u32 bne(u32 rs1, u32 rs2, std::int32_t off) {
    return b_type(1, rs1, rs2, off);
}
inline u32 csrrw(u32 rd, u32 csr, u32 rs1) {
    return i_type(0x73, 1, rd, rs1, static_cast<std::int32_t>(csr));
}
inline u32 csrrs(u32 rd, u32 csr, u32 rs1) {
    return i_type(0x73, 2, rd, rs1, static_cast<std::int32_t>(csr));
}
inline u32 csrrc(u32 rd, u32 csr, u32 rs1) {
    return i_type(0x73, 3, rd, rs1, static_cast<std::int32_t>(csr));
}
inline u32 andi(u32 rd, u32 rs1, std::int32_t imm) {
    return i_type(0x13, 7, rd, rs1, imm);
}
inline u32 beq(u32 rs1, u32 rs2, std::int32_t off) {
    return b_type(0, rs1, rs2, off);
}
inline u32 csrr(u32 rd, u32 csr) {
    return csrrs(rd, csr, 0);
}
inline u32 csrw(u32 csr, u32 rs1) {
    return csrrw(0, csr, rs1);
}
inline u32 amoadd_w(u32 rd, u32 rs2, u32 rs1) {
    return r_type(0x2f, 2, 0, rd, rs1, rs2);
}
inline u32 amomax_w(u32 rd, u32 rs2, u32 rs1) {
    return r_type(0x2f, 2, 0x50, rd, rs1, rs2);
}
inline u32 lr_w(u32 rd, u32 rs1) {
    return r_type(0x2f, 2, 0x08, rd, rs1, 0);
}
inline u32 sc_w(u32 rd, u32 rs2, u32 rs1) {
    return r_type(0x2f, 2, 0x0c, rd, rs1, rs2);
}
inline constexpr u32 kWfi = 0x10500073;
inline constexpr u32 kMret = 0x30200073;
inline constexpr u32 kEcall = 0x00000073;
inline constexpr u32 kFenceI = 0x0000100f;

// ABI register numbers used by the tests.
enum Reg : u32 {
    zero = 0,
    ra = 1,
    sp = 2,
    t0 = 5,
    t1 = 6,
    t2 = 7,
    a0 = 10,
    a1 = 11,
    a2 = 12,
    a3 = 13,
    a4 = 14,
    a5 = 15
};

}  // namespace nodevp::cpu::test
