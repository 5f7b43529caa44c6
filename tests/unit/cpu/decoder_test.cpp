// Decoder tables and decoding of hand-encoded words (encodings from the RISC-V unprivileged ISA
// manual, computed by hand in the comments).
#include <gtest/gtest.h>

#include "models/cpu/decode.hpp"

namespace nodevp::cpu {
namespace {

constexpr unsigned kOps = static_cast<unsigned>(Op::count);

template <class Spec>
void expect_no_overlap(const Spec* table, unsigned size, unsigned xlen) {
    // The catch-all illegal row is last and excluded.
    for (unsigned i = 0; i + 1 < size; ++i) {
        for (unsigned j = i + 1; j + 1 < size; ++j) {
            const Spec& a = table[i];
            const Spec& b = table[j];
            if (!a.applies(xlen) || !b.applies(xlen)) continue;
            const bool overlap = ((a.match ^ b.match) & a.mask & b.mask) == 0;
            EXPECT_FALSE(overlap) << a.name << " overlaps " << b.name << " on RV" << xlen;
        }
    }
}

TEST(DecoderTest, NoTwoEncodingsOverlapOnRv32) {
    expect_no_overlap(kInsnTable, kOps, 32);
    expect_no_overlap(kCompressedTable, kCompressedTableSize, 32);
}

TEST(DecoderTest, NoTwoEncodingsOverlapOnRv64) {
    expect_no_overlap(kInsnTable, kOps, 64);
    expect_no_overlap(kCompressedTable, kCompressedTableSize, 64);
}

TEST(DecoderTest, EveryRowMatchesItsOwnPattern) {
    for (unsigned i = 0; i < kOps; ++i)
        EXPECT_EQ(kInsnTable[i].match & ~kInsnTable[i].mask, 0u) << kInsnTable[i].name;
    for (unsigned i = 0; i < kCompressedTableSize; ++i)
        EXPECT_EQ(kCompressedTable[i].match & ~kCompressedTable[i].mask, 0u)
            << kCompressedTable[i].name;
    EXPECT_EQ(kInsnTable[kOps - 1].mask, 0u);
    EXPECT_EQ(kCompressedTable[kCompressedTableSize - 1].mask, 0u);
}

TEST(DecoderTest, DecodesItypeWithNegativeImmediate) {
    // addi x1, x2, -1: imm 0xfff | rs1 2 | funct3 0 | rd 1 | 0x13
    const DecodedInsn d = decode(0xfff10093, 64, true);
    EXPECT_EQ(insn_name(d.op), "addi");
    EXPECT_EQ(d.rd, 1);
    EXPECT_EQ(d.rs1, 2);
    EXPECT_EQ(d.imm, -1);
    EXPECT_EQ(d.length, 4);
}

TEST(DecoderTest, DecodesRtypeStoreBranchJumpUpper) {
    // add x3, x4, x5 = 0x005201b3
    DecodedInsn d = decode(0x005201b3, 32, true);
    EXPECT_EQ(insn_name(d.op), "add");
    EXPECT_EQ(d.rd, 3);
    EXPECT_EQ(d.rs1, 4);
    EXPECT_EQ(d.rs2, 5);
    // sw x6, 8(x7) = 0x0063a423
    d = decode(0x0063a423, 32, true);
    EXPECT_EQ(insn_name(d.op), "sw");
    EXPECT_EQ(d.rs1, 7);
    EXPECT_EQ(d.rs2, 6);
    EXPECT_EQ(d.imm, 8);
    EXPECT_EQ(d.rd, kRegSink);
    // beq x1, x2, -4 = 0xfe208ee3
    d = decode(0xfe208ee3, 64, true);
    EXPECT_EQ(insn_name(d.op), "beq");
    EXPECT_EQ(d.imm, -4);
    // jal x1, 2048 = 0x001000ef (imm[11] is bit 20)
    d = decode(0x001000ef, 64, true);
    EXPECT_EQ(insn_name(d.op), "jal");
    EXPECT_EQ(d.rd, 1);
    EXPECT_EQ(d.imm, 2048);
    // lui x5, 0x12345 = 0x123452b7
    d = decode(0x123452b7, 64, true);
    EXPECT_EQ(insn_name(d.op), "lui");
    EXPECT_EQ(d.imm, 0x12345000);
    // lui x5, 0x80000 sign-extends on RV64
    EXPECT_EQ(decode(0x800002b7, 64, true).imm, -0x80000000LL);
}

TEST(DecoderTest, DecodesSystemAndAtomics) {
    // csrrs x10, mstatus, x0 = 0x30002573
    DecodedInsn d = decode(0x30002573, 64, true);
    EXPECT_EQ(insn_name(d.op), "csrrs");
    EXPECT_EQ(d.rd, 10);
    EXPECT_EQ(d.imm, 0x300);
    EXPECT_EQ(insn_name(decode(0x30200073, 32, true).op), "mret");
    EXPECT_EQ(insn_name(decode(0x10500073, 32, true).op), "wfi");
    // amoadd.w.aq x3, x5, (x4) = 0x045221af
    d = decode(0x045221af, 32, true);
    EXPECT_EQ(insn_name(d.op), "amoadd.w");
    EXPECT_EQ(d.rd, 3);
    EXPECT_EQ(d.rs1, 4);
    EXPECT_EQ(d.rs2, 5);
    // lr.w with a non-zero rs2 field is reserved: 0x1052a1af
    EXPECT_EQ(decode(0x1052a1af, 32, true).op, Op::illegal);
}

TEST(DecoderTest, AppliesXlenRestrictions) {
    // ld x1, 0(x2) = 0x00013083 exists only on RV64
    EXPECT_EQ(insn_name(decode(0x00013083, 64, true).op), "ld");
    EXPECT_EQ(decode(0x00013083, 32, true).op, Op::illegal);
    // slli x1, x1, 32 = 0x02009093: shamt[5] is legal only on RV64
    const DecodedInsn d = decode(0x02009093, 64, true);
    EXPECT_EQ(insn_name(d.op), "slli");
    EXPECT_EQ(d.imm, 32);
    EXPECT_EQ(decode(0x02009093, 32, true).op, Op::illegal);
    // addiw x1, x1, 1 = 0x0010809b
    EXPECT_EQ(insn_name(decode(0x0010809b, 64, true).op), "addiw");
    EXPECT_EQ(decode(0x0010809b, 32, true).op, Op::illegal);
}

TEST(DecoderTest, DecodesIllegalWords) {
    EXPECT_EQ(decode(0xffffffff, 64, true).op, Op::illegal);
    EXPECT_EQ(decode(0x00000000, 64, true).op, Op::illegal);  // c.addi4spn with imm 0
    EXPECT_EQ(decode(0x00000004, 64, true).op, Op::illegal);
    EXPECT_EQ(decode(0x0000007b, 64, true).op, Op::illegal);  // custom-3 opcode
    // A compressed word on a hart without C.
    EXPECT_EQ(decode(0x147d, 64, false).op, Op::illegal);
    const DecodedInsn d = decode(0x0000, 32, true);
    EXPECT_EQ(d.length, 2);
    EXPECT_EQ(d.raw, 0u);
}

TEST(DecoderTest, ExpandsCompressedIntoTheSame32BitForm) {
    // c.addi x8, -1: 000 | imm[5]=1 | rd=8 | imm[4:0]=11111 | 01 = 0x147d
    DecodedInsn d = decode(0x147d, 64, true);
    EXPECT_EQ(insn_name(d.op), "addi");
    EXPECT_EQ(d.rd, 8);
    EXPECT_EQ(d.rs1, 8);
    EXPECT_EQ(d.imm, -1);
    EXPECT_EQ(d.length, 2);
    EXPECT_EQ(d.raw, 0x147du);
    // c.lw x9, 4(x10): 010 | uimm[5:3]=0 | rs1'=2 | uimm[2]=1 | uimm[6]=0 | rd'=1 | 00 = 0x4144
    d = decode(0x4144, 32, true);
    EXPECT_EQ(insn_name(d.op), "lw");
    EXPECT_EQ(d.rd, 9);
    EXPECT_EQ(d.rs1, 10);
    EXPECT_EQ(d.imm, 4);
    // c.jr x1 (ret) = 0x8082 -> jalr x0, 0(x1)
    d = decode(0x8082, 64, true);
    EXPECT_EQ(insn_name(d.op), "jalr");
    EXPECT_EQ(d.rd, kRegSink);
    EXPECT_EQ(d.rs1, 1);
    EXPECT_EQ(insn_name(decode(0x9002, 64, true).op), "ebreak");
    // c.li x10, -32 : 010 | imm[5]=1 | rd=10 | imm[4:0]=0 | 01 = 0x5501
    d = decode(0x5501, 64, true);
    EXPECT_EQ(insn_name(d.op), "addi");
    EXPECT_EQ(d.rs1, 0);
    EXPECT_EQ(d.imm, -32);
    // c.bnez x8, -2: 111 | off[8]=1 off[4:3]=11 | rs1'=0 | off[7:6]=11 off[2:1]=11 off[5]=1 | 01
    d = decode(0xfc7d, 64, true);
    EXPECT_EQ(insn_name(d.op), "bne");
    EXPECT_EQ(d.rs1, 8);
    EXPECT_EQ(d.imm, -2);
}

TEST(DecoderTest, CompressedSlotsDifferBetweenRv32AndRv64) {
    // 0x2085: c.jal offset 96 on RV32 (bit 7 -> offset[6], bit 2 -> offset[5]),
    // c.addiw x1, 1 on RV64.
    DecodedInsn d = decode(0x2085, 32, true);
    EXPECT_EQ(insn_name(d.op), "jal");
    EXPECT_EQ(d.rd, 1);
    EXPECT_EQ(d.imm, 96);
    d = decode(0x2085, 64, true);
    EXPECT_EQ(insn_name(d.op), "addiw");
    EXPECT_EQ(d.rd, 1);
    EXPECT_EQ(d.imm, 1);
    // 0x6504: c.ld x9, 8(x10) on RV64; c.flw f9, 8(x10) on RV32 (a hart without F rejects it)
    d = decode(0x6504, 64, true);
    EXPECT_EQ(insn_name(d.op), "ld");
    EXPECT_EQ(d.rd, 9);
    EXPECT_EQ(d.rs1, 10);
    EXPECT_EQ(d.imm, 8);
    d = decode(0x6504, 32, true);
    EXPECT_EQ(insn_name(d.op), "flw");
    EXPECT_EQ(d.rd, 9);
    EXPECT_EQ(d.rs1, 10);
    EXPECT_EQ(d.imm, 8);
    // 0x2000: c.fld f8, 0(x8) on both widths; f0 as rd is a real register, not the x0 sink
    EXPECT_EQ(insn_name(decode(0x2000, 64, true).op), "fld");
    EXPECT_EQ(decode(0x2002, 32, true).rd, 0);  // c.fldsp f0, 0(sp)
    // c.slli x1, 32 (0x1082) is reserved on RV32
    EXPECT_EQ(insn_name(decode(0x1082, 64, true).op), "slli");
    EXPECT_EQ(decode(0x1082, 32, true).op, Op::illegal);
}

}  // namespace
}  // namespace nodevp::cpu
