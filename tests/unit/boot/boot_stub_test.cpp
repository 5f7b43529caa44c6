// BootStubTest: the reset stub disassembled by riscv64-unknown-elf-objdump (an independent
// decoder) and its data words read back. Offsets are hand-computed from the documented layout:
// five 4-byte instructions, then the entry and DTB words at the next XLEN-aligned offset.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "platform/boot/boot_stub.hpp"
#include "tests/unit/boot/run_tool.hpp"

namespace nodevp::boot {
namespace {

// "mnemonic operands" of each instruction objdump prints, in address order.
std::vector<std::string> disassemble(const std::vector<std::uint8_t>& blob, unsigned xlen) {
    const std::string objdump = NODEVP_RISCV_OBJDUMP;
    if (objdump.empty() || objdump.find("NOTFOUND") != std::string::npos) {
        ADD_FAILURE()
            << "riscv64-unknown-elf-objdump not found: install binutils-riscv64-unknown-elf";
        return {};
    }
    const std::string path = ::testing::TempDir() + "boot_stub_rv" + std::to_string(xlen) + ".bin";
    test::write_file(path, blob);
    const test::ToolResult r =
        test::run_tool(objdump + " -D -b binary -m riscv:rv" + std::to_string(xlen) + " " + path);
    EXPECT_EQ(r.status, 0) << r.output;
    std::vector<std::string> insns;
    const std::regex line(R"(^\s*[0-9a-f]+:\s+[0-9a-f]+\s+(\S+)\s*(\S*))");
    std::istringstream lines(r.output);
    for (std::string l; std::getline(lines, l);) {
        std::smatch m;
        if (std::regex_search(l, m, line)) insns.push_back(m[1].str() + " " + m[2].str());
    }
    return insns;
}

std::uint64_t read_le(const std::vector<std::uint8_t>& blob, std::size_t off, unsigned bytes) {
    std::uint64_t v = 0;
    for (unsigned i = 0; i < bytes; ++i) v |= std::uint64_t{blob.at(off + i)} << 8 * i;
    return v;
}

TEST(BootStubTest, Rv64StubLoadsHartIdAndDtbThenJumpsToEntry) {
    const auto blob = build_boot_stub(64, 0x80200000, 0x87e00000);
    ASSERT_EQ(blob.size(), 40u);  // 20 bytes of code, 4 of padding, two 8-byte words
    const auto insns = disassemble(blob, 64);
    ASSERT_GE(insns.size(), 5u);
    EXPECT_EQ(insns[0], "auipc t0,0x0");
    EXPECT_EQ(insns[1], "csrr a0,mhartid");
    EXPECT_EQ(insns[2], "ld a1,32(t0)");
    EXPECT_EQ(insns[3], "ld t0,24(t0)");
    EXPECT_EQ(insns[4], "jr t0");
    EXPECT_EQ(read_le(blob, 24, 8), 0x80200000u);
    EXPECT_EQ(read_le(blob, 32, 8), 0x87e00000u);
}

TEST(BootStubTest, Rv32StubUsesWordLoads) {
    const auto blob = build_boot_stub(32, 0x80000000, 0x80f00000);
    ASSERT_EQ(blob.size(), 28u);  // 20 bytes of code, two 4-byte words
    const auto insns = disassemble(blob, 32);
    ASSERT_GE(insns.size(), 5u);
    EXPECT_EQ(insns[0], "auipc t0,0x0");
    EXPECT_EQ(insns[1], "csrr a0,mhartid");
    EXPECT_EQ(insns[2], "lw a1,24(t0)");
    EXPECT_EQ(insns[3], "lw t0,20(t0)");
    EXPECT_EQ(insns[4], "jr t0");
    EXPECT_EQ(read_le(blob, 20, 4), 0x80000000u);
    EXPECT_EQ(read_le(blob, 24, 4), 0x80f00000u);
}

TEST(BootStubTest, LayoutMatchesTheBlob) {
    const BootStubLayout l = boot_stub_layout(64);
    EXPECT_EQ(l.code_size, 20u);
    EXPECT_EQ(l.entry_offset, 24u);
    EXPECT_EQ(l.dtb_offset, 32u);
    EXPECT_EQ(l.size, build_boot_stub(64, 1, 2).size());
}

TEST(BootStubTest, RejectsAddressesWiderThanRv32) {
    EXPECT_THROW(build_boot_stub(32, 0x100000000, 0x80000000), std::invalid_argument);
    EXPECT_THROW(build_boot_stub(32, 0x80000000, 0x100000000), std::invalid_argument);
}

TEST(BootStubTest, RejectsUnsupportedXlen) {
    EXPECT_THROW(build_boot_stub(128, 0x80000000, 0x80000000), std::invalid_argument);
}

}  // namespace
}  // namespace nodevp::boot
