// The assembler: encodings of the contract's example instructions (words computed by hand from
// the field layout in isa.hpp), cycle placement, labels, data layout and error reports.
#include <gtest/gtest.h>

#include <random>

#include "sw/lpu/asm/asm.hpp"

using namespace nodevp::lpu;

namespace {

// Word of one instruction assembled alone in `queue`.
std::uint64_t word(const std::string& insn, const std::string& queue) {
    const Program p = assemble(".queue " + queue + "\n" + insn + "\n", "t.lpuasm");
    EXPECT_EQ(p.queues.at(0).words.size(), 1u) << insn;
    return p.queues.at(0).words.at(0);
}

std::string error_of(const std::string& source) {
    try {
        assemble(source, "t.lpuasm");
    } catch (const AsmError& e) {
        return e.what();
    }
    return "";
}

constexpr std::uint64_t f(std::uint64_t v, unsigned at) {
    return v << at;
}
constexpr std::uint64_t kWest = 0x20;

}  // namespace

TEST(LpuAsm, EncodesTheContractExamples) {
    EXPECT_EQ(word("READ 12, s3e", "mem.w0"), 0x10 | f(3, 16) | f(12, 34));
    EXPECT_EQ(word("ADD.i32 s0e, s4e, s8e", "vxm.0"), 0x20 | f(2, 8) | f(4, 22) | f(8, 28));
    EXPECT_EQ(word("CVT.f32.i32 s0e, s4e", "vxm.1"), 0x37 | f(5, 8) | f(2, 12) | f(4, 22));
    EXPECT_EQ(word("REQ.i8 s0w, s4w, 1234, 15", "vxm.0"),
              0x38 | f(kWest, 16) | f(kWest | 4, 22) | f(15, 28) | f(1234, 34));
    EXPECT_EQ(word("ABC.set s2e, 0", "mxm.0"), 0x42 | f(1, 12) | f(2, 22));
    EXPECT_EQ(word("REPEAT 15, 1", "mxm.0"), 0x01 | f(15 | (1 << 15), 34));
    EXPECT_EQ(word("NOP 7", "sxm.e"), f(7, 34));
}

TEST(LpuAsm, EncodesNegativeScaleStrideAndWideRepeatDistance) {
    EXPECT_EQ(word("REQ.i16 s2e, s0e, -1, 0", "vxm.0"),
              0x38 | f(1, 8) | f(2, 16) | f((1ULL << 30) - 1, 34));
    EXPECT_EQ(word("READ 5, s1w, -2", "mem.e1"), 0x10 | f(0xfe, 8) | f(kWest | 1, 16) | f(5, 34));
    EXPECT_EQ(word("REPEAT 3, 200", "mem.e1"), 0x01 | f(3 | (200 << 15), 34));
    EXPECT_EQ(word("CONFIG mxm.type, f16", "mxm.0"), 0x04 | f(1, 34));
    EXPECT_EQ(word("SCATTER 9, s1e, s2e", "mem.w1"), 0x13 | f(2, 22) | f(1, 28) | f(9, 34));
    EXPECT_EQ(word("GATHER 9, s1e, s2e", "mem.w1"), 0x12 | f(2, 16) | f(1, 22) | f(9, 34));
}

TEST(LpuAsm, PlacementInsertsNopsUpToTheCycle) {
    const Program p =
        assemble(".queue vxm.0\n@4 ADD.i8 s1e, s0e, s0w\n@5 MOV.i8 s2e, s1e\nNOP 3\n@+2 NOTIFY\n",
                 "t.lpuasm");
    const auto& w = p.queues[0].words;
    ASSERT_EQ(w.size(), 6u);
    EXPECT_EQ(w[0], f(4, 34));      // NOP 4: cycles 0 … 3
    EXPECT_EQ(w[1] & 0xff, 0x20u);  // ADD at 4
    EXPECT_EQ(w[2] & 0xff, 0x30u);  // MOV at 5, no NOP needed
    EXPECT_EQ(w[3], f(3, 34));      // NOP 3: 6 … 8
    EXPECT_EQ(w[4], f(2, 34));      // @+2 from cycle 9
    EXPECT_EQ(w[5], 0x03u);         // NOTIFY at 11
}

TEST(LpuAsm, RepeatOccupiesItsQueueForCountTimesDistance) {
    const Program p = assemble(
        ".queue mem.w0\nREAD 0, s0e, 1\nREPEAT 4, 3\nend: READ 0, s1e\n.equ after, end\n"
        ".queue mem.w1\n@after+1 NOTIFY\n",
        "t.lpuasm");
    EXPECT_EQ(p.queues[0].words.size(), 3u);  // READ, REPEAT, READ at 13 with no NOP
    ASSERT_EQ(p.queues[1].words.size(), 2u);
    EXPECT_EQ(p.queues[1].words[0], f(14, 34));  // label end = 1 + 4·3 = 13
}

TEST(LpuAsm, ReportsPlacementBeforeTheCurrentCycleWithItsLine) {
    EXPECT_EQ(error_of(".queue mem.w0\nNOP 10\n\n@9 READ 0, s0e\n"),
              "t.lpuasm:4: @9 is before cycle 10, where queue mem.w0 already is");
}

TEST(LpuAsm, LaysOutWideDataAsStreamGroups) {
    const Program p = assemble(
        ".data w1 4\n.i16 0x1234, -2\n.i16 7\n.f32 1.0\n.bytes 9\n.symbol v w1 4 2\n", "t.lpuasm");
    ASSERT_EQ(p.data.size(), 1u);
    const auto& b = p.data[0].bytes;
    ASSERT_EQ(b.size(), 32u * 7);  // i16 group: 2 vectors, f32: 4, bytes: 1
    EXPECT_EQ(b[0], 0x34);         // element 0 low byte, vector 4
    EXPECT_EQ(b[32], 0x12);        // element 0 high byte, vector 5
    EXPECT_EQ(b[1], 0xfe);
    EXPECT_EQ(b[33], 0xff);
    EXPECT_EQ(b[2], 7);          // the second .i16 line continues the group
    EXPECT_EQ(b[64 + 0], 0x00);  // 1.0f = 0x3f800000 in vectors 6 … 9
    EXPECT_EQ(b[64 + 64], 0x80);
    EXPECT_EQ(b[64 + 96], 0x3f);
    EXPECT_EQ(b[192], 9);  // vector 10
    EXPECT_EQ(p.data[0].first, 4u);
    EXPECT_EQ(p.symbols.at(0).name, "v");
}

TEST(LpuAsm, RoundsHalfPrecisionToNearestEven) {
    const Program p = assemble(
        ".data w0 0\n.f16 1.0, 65520, 5.9604644775390625e-08, 1.00048828125, -0\n"
        ".data w0 2\n.bf16 -2, 1.00390625\n",
        "t.lpuasm");
    const auto& h = p.data[0].bytes;
    const auto half = [&](int i) { return h[i] | (h[32 + i] << 8); };
    EXPECT_EQ(half(0), 0x3c00);  // 1.0
    EXPECT_EQ(half(1), 0x7c00);  // 65520: halfway above the largest finite, ties to +inf
    EXPECT_EQ(half(2), 0x0001);  // 2^-24: the smallest subnormal
    EXPECT_EQ(half(3), 0x3c00);  // 1 + 2^-11: tie, rounds to the even 1.0
    EXPECT_EQ(half(4), 0x8000);  // -0
    const auto& bf = p.data[1].bytes;
    EXPECT_EQ(bf[0] | (bf[32] << 8), 0xc000);  // -2
    EXPECT_EQ(bf[1] | (bf[33] << 8), 0x3f80);  // 1 + 2^-8: tie, even
}

TEST(LpuAsm, ReportsEachMistakeWithFileAndLine) {
    EXPECT_EQ(error_of(".queue mem.w0\nFROB 1\n"), "t.lpuasm:2: unknown mnemonic 'FROB'");
    EXPECT_EQ(error_of("READ 0, s0e\n"), "t.lpuasm:1: instruction outside a .queue section");
    EXPECT_EQ(error_of(".queue vxm.0\n\nADD.i16 s1e, s2e, s4e\n"),
              "t.lpuasm:3: destination s1e is not aligned to a group of 2 streams");
    EXPECT_EQ(error_of(".queue vxm.0\nAND.f32 s0e, s4e, s8e\n"),
              "t.lpuasm:2: AND is defined on integer types only");
    EXPECT_EQ(error_of(".queue mem.w0\nREAD 0, s32e\n"),
              "t.lpuasm:2: destination 's32e' is not a stream (s0e … s31e, s0w … s31w)");
    EXPECT_EQ(error_of(".queue mem.w0\nNOP 0\n"), "t.lpuasm:2: count 0 is outside 1 … 1073741823");
    EXPECT_EQ(error_of(".queue mem.w2\n"),
              "t.lpuasm:1: no queue 'mem.w2' at geometry superlanes=2 mem_slices=4 "
              "mem_words=8192 mxm_planes=1 vxm_alus=4");
    EXPECT_EQ(error_of(".queue mem.w0\nREAD 8192+x, s0e\n"),
              "t.lpuasm:2: in expression '8192+x': undefined name 'x'");
    EXPECT_EQ(error_of(".queue mem.w0\nADD.i8 s0e, s1e, s2e\n"),
              "t.lpuasm:2: ADD is a VXM instruction; this is a MEM queue");
    EXPECT_EQ(error_of(".queue mem.w0\n.geometry full\n"),
              "t.lpuasm:2: .geometry must come once, before any section or symbol");
    EXPECT_EQ(error_of(".data w0 0\n.i8 1\n.data w0 0\n.i8 300\n"),
              "t.lpuasm:4: value 300 is outside -128 … 255");
    EXPECT_EQ(error_of(".data w0 0\n.i8 1\n.data w0 0\n.i8 3\n"),
              "t.lpuasm:3: data segment 1 overlaps data segment 0 in slice w0");
    EXPECT_EQ(error_of(".data e1 8191\n.i16 1\n"),
              "t.lpuasm:1: data segment 0: vectors 8191 … 8192 pass the end of the slice (8192 "
              "vectors)");
    EXPECT_EQ(error_of(".equ a, 1\n.equ a, 2\n"), "t.lpuasm:2: 'a' is already defined");
    EXPECT_EQ(error_of(".geometry superlanes=0\n"),
              "t.lpuasm:1: geometry: superlanes = 0 is outside 1 … 64");
}

TEST(LpuAsm, FullGeometryHasItsQueues) {
    const Program p = assemble(
        ".geometry full\n.queue mem.e43\nNOP 1\n.queue mxm.3\n.queue vxm.15\n", "t.lpuasm");
    EXPECT_EQ(p.geometry, (Geometry{20, 88, 8192, 4, 16}));
    EXPECT_EQ(p.queues.size(), 3u);
}

TEST(LpuAsm, NeverCrashesOnGarbageLines) {
    const std::string alphabet =
        "READ ADD.i8 s0e s31w @ + - * ( ) , . : # 0x 12 .queue .data w0 "
        "vxm.0 mem.w0 .i16 .f16 .word .symbol .equ x REPEAT NOP\n";
    std::mt19937 rng(3);
    for (int round = 0; round < 3000; ++round) {
        std::string src;
        for (int k = 0; k < 40; ++k) src += alphabet[rng() % alphabet.size()];
        try {
            assemble(src, "g.lpuasm");
        } catch (const AsmError& e) {
            EXPECT_EQ(std::string(e.what()).rfind("g.lpuasm:", 0), 0u) << e.what();
        }
    }
}
