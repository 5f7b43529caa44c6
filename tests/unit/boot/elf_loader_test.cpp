// ElfLoaderTest: the loader against images from a hand-written ELF writer (valid RV32/RV64 and
// one defect at a time) and against a real ELF from riscv64-unknown-elf-gcc, checked with nm.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstring>
#include <optional>
#include <sstream>
#include <string>

#include "platform/boot/elf.hpp"
#include "tests/unit/boot/run_tool.hpp"
#include "tests/unit/boot/test_elf_writer.hpp"

namespace nodevp::boot {
namespace {

using test::TestElf;
using test::TestElfLayout;
using test::TestSegment;
using test::write_elf;
using ::testing::HasSubstr;

std::vector<std::uint8_t> bytes_of(std::size_t n, std::uint8_t first) {
    std::vector<std::uint8_t> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::uint8_t>(first + i);
    return v;
}

// Text (RX) at 0x80000000 and data (RW, 0x40 bytes of .bss beyond the file bytes) after it.
TestElf valid_elf(unsigned xlen) {
    TestElf elf;
    elf.xlen = xlen;
    elf.entry = 0x80000010;
    elf.segments.push_back({0x80000000, 0x80000000, bytes_of(0x20, 1), 0x20, PF_R | PF_X});
    elf.segments.push_back({0x80001000, 0x80001000, bytes_of(0x10, 0x80), 0x50, PF_R | PF_W});
    elf.symbols = {{"tohost", 0x80001000, 8}, {"fromhost", 0x80001040, 8}, {"_start", 0x80000010}};
    return elf;
}

// The LoadError message of parsing `bytes`, or "" if it parsed.
std::string load_error(const std::vector<std::uint8_t>& bytes, const std::string& name = "t.elf") {
    try {
        parse_elf(bytes, name);
    } catch (const LoadError& e) {
        return e.what();
    }
    return "";
}

std::string load_error(const TestElf& elf) {
    return load_error(write_elf(elf));
}

std::vector<std::uint8_t> truncated(std::vector<std::uint8_t> bytes, std::uint64_t size) {
    bytes.resize(size);
    return bytes;
}

void expect_valid_image(const ElfImage& img, unsigned xlen) {
    EXPECT_EQ(img.xlen, xlen);
    EXPECT_EQ(img.entry, 0x80000010u);
    ASSERT_EQ(img.segments.size(), 2u);
    EXPECT_EQ(img.segments[0].paddr, 0x80000000u);
    EXPECT_EQ(img.segments[0].bytes, bytes_of(0x20, 1));
    EXPECT_EQ(img.segments[0].flags, unsigned{PF_R | PF_X});
    EXPECT_EQ(img.segments[1].vaddr, 0x80001000u);
    EXPECT_EQ(img.segments[1].bytes, bytes_of(0x10, 0x80));
    EXPECT_EQ(img.segments[1].memsz, 0x50u);
    EXPECT_EQ(img.symbol("tohost"), 0x80001000u);
    EXPECT_EQ(img.symbol("fromhost"), 0x80001040u);
    EXPECT_EQ(img.symbols.at("tohost").size, 8u);
    EXPECT_EQ(img.symbol("missing"), std::nullopt);
}

TEST(ElfLoaderTest, ReadsSegmentsEntryAndSymbolsOfRv64Image) {
    expect_valid_image(parse_elf(write_elf(valid_elf(64)), "rv64.elf"), 64);
}

TEST(ElfLoaderTest, ReadsSegmentsEntryAndSymbolsOfRv32Image) {
    expect_valid_image(parse_elf(write_elf(valid_elf(32)), "rv32.elf"), 32);
}

TEST(ElfLoaderTest, TranslatesVirtualEntryToLoadAddress) {
    TestElf elf = valid_elf(64);
    elf.segments[0].vaddr = 0xffffffff80000000;
    elf.entry = 0xffffffff80000010;
    const ElfImage img = parse_elf(write_elf(elf), "kernel");
    EXPECT_EQ(img.entry_paddr(), 0x80000010u);
}

TEST(ElfLoaderTest, GlobalSymbolWinsOverLocalOfSameName) {
    TestElf elf = valid_elf(64);
    elf.symbols = {{"counter", 0x80001008, 4, STB_LOCAL},
                   {"counter", 0x80001010, 4, STB_GLOBAL},
                   {"counter", 0x80001018, 4, STB_LOCAL}};
    EXPECT_EQ(parse_elf(write_elf(elf), "t").symbol("counter"), 0x80001010u);
}

TEST(ElfLoaderTest, MessageStartsWithFileName) {
    EXPECT_EQ(load_error({'x'}, "images/boot.elf").rfind("images/boot.elf: ", 0), 0u);
}

TEST(ElfLoaderTest, RejectsFileWithoutElfMagic) {
    EXPECT_THAT(load_error({'#', '!', '/', 'b', 'i', 'n'}), HasSubstr("not an ELF"));
    EXPECT_THAT(load_error(std::vector<std::uint8_t>{}), HasSubstr("not an ELF"));
}

TEST(ElfLoaderTest, RejectsTruncatedElfHeader) {
    const auto bytes = write_elf(valid_elf(64));
    EXPECT_THAT(load_error(truncated(bytes, 8)), HasSubstr("truncated ELF header"));
    EXPECT_THAT(load_error(truncated(bytes, 40)), HasSubstr("truncated ELF header"));
}

TEST(ElfLoaderTest, RejectsTruncatedProgramHeaders) {
    TestElfLayout lay;
    const auto bytes = write_elf(valid_elf(64), &lay);
    EXPECT_THAT(load_error(truncated(bytes, lay.phoff + 60)),
                HasSubstr("truncated program headers"));
}

TEST(ElfLoaderTest, RejectsTruncatedSegmentData) {
    TestElfLayout lay;
    const auto bytes = write_elf(valid_elf(32), &lay);
    EXPECT_THAT(load_error(truncated(bytes, lay.data_off + 3)),
                HasSubstr("truncated segment data"));
}

TEST(ElfLoaderTest, RejectsTruncatedSectionHeaders) {
    TestElfLayout lay;
    auto bytes = write_elf(valid_elf(64), &lay);
    Elf64_Ehdr eh;
    std::memcpy(&eh, bytes.data(), sizeof(eh));
    eh.e_shoff = bytes.size() - 10;  // the table would run past the end of the file
    std::memcpy(bytes.data(), &eh, sizeof(eh));
    EXPECT_THAT(load_error(bytes), HasSubstr("truncated section headers"));
}

TEST(ElfLoaderTest, RejectsTruncatedSymbolTableAndStrings) {
    TestElfLayout lay;
    const auto bytes = write_elf(valid_elf(64), &lay);
    EXPECT_THAT(load_error(truncated(bytes, lay.symtab_off + 30)),
                HasSubstr("truncated symbol table"));
    EXPECT_THAT(load_error(truncated(bytes, lay.strtab_off + 2)),
                HasSubstr("truncated symbol strings"));
}

TEST(ElfLoaderTest, ThrowsLoadErrorForEveryTruncation) {
    for (unsigned xlen : {32u, 64u}) {
        const auto bytes = write_elf(valid_elf(xlen));
        for (std::size_t n = 0; n < bytes.size(); ++n) {
            EXPECT_NE(load_error(truncated(bytes, n)), "") << "RV" << xlen << " cut at " << n;
        }
    }
}

// Every header byte (ELF, program and section headers) set to values that break sizes, offsets
// and counts: the loader either accepts the image or throws LoadError, never anything else.
TEST(ElfLoaderTest, CorruptedHeadersOnlyEverRaiseLoadError) {
    for (unsigned xlen : {32u, 64u}) {
        TestElfLayout lay;
        const auto good = write_elf(valid_elf(xlen), &lay);
        for (std::size_t i = 0; i < lay.data_off; ++i) {
            for (std::uint8_t v : {0x00, 0x01, 0x7f, 0x80, 0xff}) {
                auto bad = good;
                bad[i] = v;
                try {
                    parse_elf(bad, "corrupt.elf");
                } catch (const LoadError&) {
                } catch (const std::exception& e) {
                    ADD_FAILURE() << "RV" << xlen << " byte " << i << "=" << int(v) << ": "
                                  << e.what();
                }
            }
        }
    }
}

TEST(ElfLoaderTest, RejectsBigEndianImage) {
    auto bytes = write_elf(valid_elf(64));
    bytes[EI_DATA] = ELFDATA2MSB;
    EXPECT_THAT(load_error(bytes), HasSubstr("big-endian"));
}

TEST(ElfLoaderTest, RejectsWrongMachineNamingItsNumber) {
    TestElf elf = valid_elf(64);
    elf.machine = EM_X86_64;
    const std::string msg = load_error(elf);
    EXPECT_THAT(msg, HasSubstr("wrong machine"));
    EXPECT_THAT(msg, HasSubstr("e_machine 62"));
}

TEST(ElfLoaderTest, RejectsNonExecutableType) {
    TestElf elf = valid_elf(64);
    elf.type = ET_DYN;
    EXPECT_THAT(load_error(elf), HasSubstr("not an executable"));
}

TEST(ElfLoaderTest, RejectsImageWithoutLoadSegments) {
    TestElf elf = valid_elf(64);
    for (auto& s : elf.segments) s.type = PT_NOTE;
    EXPECT_THAT(load_error(elf), HasSubstr("no PT_LOAD segments"));
}

TEST(ElfLoaderTest, RejectsOverlappingSegmentsNamingBothRanges) {
    TestElf elf = valid_elf(64);
    elf.segments[1].paddr = 0x80000018;  // inside [0x80000000, 0x80000020)
    const std::string msg = load_error(elf);
    EXPECT_THAT(msg, HasSubstr("overlap"));
    EXPECT_THAT(msg, HasSubstr("[0x80000000, 0x80000020)"));
    EXPECT_THAT(msg, HasSubstr("[0x80000018, 0x80000068)"));
}

TEST(ElfLoaderTest, RejectsSegmentBeyondThe32BitAddressSpace) {
    TestElf elf = valid_elf(32);
    elf.segments[1].paddr = elf.segments[1].vaddr = 0xfffffff0;  // 0x50 bytes from 2^32 - 16
    EXPECT_THAT(load_error(elf), HasSubstr("wraps the address space"));
}

TEST(ElfLoaderTest, AcceptsAdjacentSegments) {
    TestElf elf = valid_elf(64);
    elf.segments[1].paddr = elf.segments[1].vaddr = 0x80000020;
    EXPECT_EQ(load_error(elf), "");
}

TEST(ElfLoaderTest, RejectsFileSizeLargerThanMemorySize) {
    TestElf elf = valid_elf(32);
    elf.segments[1].memsz = 0x8;
    EXPECT_THAT(load_error(elf), HasSubstr("filesz 0x10 > memsz 0x8"));
}

TEST(ElfLoaderTest, RejectsZeroEntry) {
    TestElf elf = valid_elf(64);
    elf.entry = 0;
    EXPECT_THAT(load_error(elf), HasSubstr("no entry point"));
}

TEST(ElfLoaderTest, RejectsEntryOutsideExecutableSegments) {
    TestElf elf = valid_elf(64);
    elf.entry = 0x80000020;  // one past the end of text
    EXPECT_THAT(load_error(elf), HasSubstr("outside every executable PT_LOAD"));
    elf.entry = 0x80001000;  // in the data segment, which is not executable
    EXPECT_THAT(load_error(elf), HasSubstr("outside every executable PT_LOAD"));
}

TEST(ElfLoaderTest, ReportsUnreadableFile) {
    try {
        read_elf("/nonexistent/dir/image.elf");
        FAIL() << "no LoadError";
    } catch (const LoadError& e) {
        EXPECT_THAT(std::string(e.what()), HasSubstr("/nonexistent/dir/image.elf: cannot open"));
    }
    EXPECT_THROW(read_elf(::testing::TempDir()), LoadError);
}

// Value of `name` in `nm` output ("<hex value> <type> <name>" lines).
std::optional<std::uint64_t> nm_symbol(const std::string& nm_output, const std::string& name) {
    std::istringstream lines(nm_output);
    std::string value, type, sym;
    while (lines >> value >> type >> sym) {
        if (sym == name) return std::stoull(value, nullptr, 16);
    }
    return std::nullopt;
}

TEST(ElfLoaderTest, ReadsCrossCompiledGuestSymbolsAsNmDoes) {
    const std::string elf_path = NODEVP_TEST_GUEST_ELF;
    const std::string nm = NODEVP_RISCV_NM;
    if (elf_path.empty() || nm.find("NOTFOUND") != std::string::npos) {
        FAIL() << "riscv64-unknown-elf-gcc/nm not found: install gcc-riscv64-unknown-elf";
    }
    const test::ToolResult nm_out = test::run_tool(nm + " " + elf_path);
    ASSERT_EQ(nm_out.status, 0) << nm_out.output;
    const auto expected_tohost = nm_symbol(nm_out.output, "tohost");
    const auto expected_start = nm_symbol(nm_out.output, "_start");
    ASSERT_TRUE(expected_tohost && expected_start) << nm_out.output;

    const ElfImage img = read_elf(elf_path);
    EXPECT_EQ(img.xlen, 64u);
    EXPECT_EQ(img.symbol("tohost"), expected_tohost);
    EXPECT_EQ(img.symbol("fromhost"), nm_symbol(nm_out.output, "fromhost"));
    EXPECT_EQ(img.entry, *expected_start);
    EXPECT_EQ(img.entry, 0x80000000u);  // -Ttext=0x80000000 and _start is the only function
}

}  // namespace
}  // namespace nodevp::boot
