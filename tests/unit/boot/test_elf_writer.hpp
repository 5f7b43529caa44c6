// A tiny ELF writer for loader tests: builds ELF32/ELF64 images with chosen headers, segments
// and symbols, independently of the loader under test.
//
// File layout: ELF header | program headers | section headers | segment data | .shstrtab |
// .symtab | .strtab. Sections: 0 null, 1 .symtab (link 3), 2 .shstrtab, 3 .strtab.
#pragma once

#include <elf.h>

#include <cstdint>
#include <string>
#include <vector>

namespace nodevp::boot::test {

struct TestSegment {
    std::uint64_t vaddr = 0;
    std::uint64_t paddr = 0;
    std::vector<std::uint8_t> data;
    std::uint64_t memsz = 0;
    std::uint32_t flags = PF_R;
    std::uint32_t type = PT_LOAD;
};

struct TestSymbol {
    std::string name;
    std::uint64_t value = 0;
    std::uint64_t size = 0;
    unsigned char bind = STB_GLOBAL;
};

struct TestElf {
    unsigned xlen = 64;
    std::uint16_t machine = EM_RISCV;
    std::uint16_t type = ET_EXEC;
    std::uint64_t entry = 0;
    std::vector<TestSegment> segments;
    std::vector<TestSymbol> symbols;
};

// Where write_elf put each part, for tests that truncate or patch the image.
struct TestElfLayout {
    std::uint64_t phoff = 0;
    std::uint64_t shoff = 0;
    std::uint64_t data_off = 0;  // first segment's bytes
    std::uint64_t symtab_off = 0;
    std::uint64_t strtab_off = 0;
    std::uint64_t size = 0;
};

std::vector<std::uint8_t> write_elf(const TestElf& elf, TestElfLayout* layout = nullptr);

}  // namespace nodevp::boot::test
