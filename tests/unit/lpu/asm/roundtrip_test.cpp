// assemble -> disassemble -> assemble is a fixed point: for every shipped program, and for random
// images (random instructions of every format, raw words, data and symbols).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "models/lpu/isa/isa.hpp"
#include "sw/lpu/asm/asm.hpp"

using namespace nodevp::lpu;

namespace {

std::string read_text(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<std::filesystem::path> shipped_programs() {
    std::vector<std::filesystem::path> out;
    for (const auto& e : std::filesystem::directory_iterator(NODEVP_LPU_PROGRAMS_DIR))
        if (e.path().extension() == ".lpuasm") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

void expect_fixed_point(const Program& program, const std::string& what) {
    const auto image = serialize(program);
    const std::string text = disassemble(program);
    const auto again = serialize(assemble(text, what + ".dis"));
    EXPECT_EQ(image, again) << what << "\n" << text;
    EXPECT_EQ(disassemble(parse(again, what)), text) << what;
}

// Random operands that fit each field; about a third of the words are not canonical
// instructions at all and must survive as .word.
std::uint64_t random_word(std::mt19937_64& rng) {
    static const std::uint8_t kOps[] = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x10, 0x11, 0x12, 0x13,
                                        0x20, 0x25, 0x29, 0x30, 0x34, 0x37, 0x38, 0x40, 0x41, 0x42,
                                        0x43, 0x50, 0x53, 0x55, 0x60, 0x61, 0x62, 0x7f};
    const std::uint64_t r = rng();
    if (r % 3 == 0) return rng();  // anything at all
    Insn in;
    in.op = static_cast<Opcode>(kOps[rng() % sizeof kOps]);
    const auto stream = [&](unsigned align) {
        return Stream{static_cast<std::uint8_t>((rng() % (32 / align)) * align), (rng() & 1) != 0};
    };
    const unsigned t = static_cast<unsigned>(rng() % kElemTypes);
    const unsigned width = elem_bytes(static_cast<ElemType>(t));
    in.t1 = static_cast<std::uint8_t>(t);
    in.d = stream(width);
    in.a = stream(width);
    in.b = stream(width);
    in.imm = static_cast<std::int64_t>(1 + rng() % 1000);
    in.stride = static_cast<std::int8_t>(rng());
    in.shift = static_cast<std::uint8_t>(rng() % 64);
    return in.encode();
}

Program random_program(std::mt19937_64& rng) {
    Program p;
    const char* queues[] = {"mem.w0", "mem.e1", "vxm.0", "vxm.3", "mxm.0", "sxm.w", "sxm.e", "c2c"};
    for (const char* q : queues) {
        if (rng() % 4 == 0) continue;
        QueueProgram qp{q, {}};
        for (int i = 0, n = static_cast<int>(rng() % 40); i < n; ++i)
            qp.words.push_back(random_word(rng));
        p.queues.push_back(qp);
    }
    std::shuffle(p.queues.begin(), p.queues.end(), rng);
    for (std::uint32_t s = 0; s < 4; ++s) {
        if (rng() % 2) continue;
        std::vector<std::uint8_t> bytes(32 * (1 + rng() % 3));
        for (auto& b : bytes) b = static_cast<std::uint8_t>(rng());
        p.data.push_back({s, static_cast<std::uint32_t>(rng() % 8000), bytes});
    }
    for (int i = 0, n = static_cast<int>(rng() % 4); i < n; ++i)
        p.symbols.push_back({"sym_" + std::to_string(i), static_cast<std::uint32_t>(rng() % 4),
                             static_cast<std::uint32_t>(rng() % 100), 1});
    return p;
}

}  // namespace

TEST(LpuRoundTrip, ShippedProgramsAreFixedPoints) {
    const auto programs = shipped_programs();
    ASSERT_GE(programs.size(), 2u);
    for (const auto& path : programs)
        expect_fixed_point(assemble(read_text(path), path.string()), path.filename().string());
}

TEST(LpuRoundTrip, RandomProgramsAreFixedPoints) {
    std::mt19937_64 rng(2024);
    for (int round = 0; round < 300; ++round) {
        const Program p = random_program(rng);
        expect_fixed_point(p, "random" + std::to_string(round));
        if (HasFailure()) break;
    }
}

TEST(LpuRoundTrip, NonCanonicalWordsBecomeWordDirectives) {
    Program p;
    p.queues.push_back({"mem.w0", {0xffULL, 0x20ULL, 0x10ULL | (1ULL << 30)}});
    const std::string text = disassemble(p);
    EXPECT_NE(text.find(".word 0x00000000000000ff"), std::string::npos) << text;  // undefined
    EXPECT_NE(text.find(".word 0x0000000000000020"), std::string::npos) << text;  // VXM in MEM
    EXPECT_NE(text.find(".word 0x0000000040000010"), std::string::npos) << text;  // unused sB set
    EXPECT_EQ(serialize(assemble(text, "w")), serialize(p));
}

TEST(LpuRoundTrip, DisassemblyAnnotatesIssueCycles) {
    const Program p =
        assemble(".queue mem.w0\n@3 READ 0, s0e, 1\nREPEAT 4, 2\n@20 WRITE 1, s1e\n", "t.lpuasm");
    const std::string text = disassemble(p);
    EXPECT_NE(text.find("READ 0, s0e, 1"), std::string::npos) << text;
    EXPECT_NE(text.find("# @4"), std::string::npos) << text;   // REPEAT issues at 4
    EXPECT_NE(text.find("NOP 8"), std::string::npos) << text;  // 4 + 4·2 = 12 … 19
    EXPECT_NE(text.find("# @20"), std::string::npos) << text;
}
