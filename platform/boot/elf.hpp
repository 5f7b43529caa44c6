// ELF loader for RISC-V guest images (ELF32 and ELF64, little-endian, ET_EXEC).
//
// Contract: parse_elf() never trusts the input. Every offset and size read from the file is
// bounds-checked before use and headers are copied out with memcpy; any defect ends in a LoadError
// whose message is one line naming the file and the problem. The result holds copies of the
// segment bytes, so it does not refer to the input buffer.
//
// Not modelled: relocations, dynamic linking (ET_DYN), program-header extended numbering
// (e_phnum == PN_XNUM), big-endian images, compressed sections.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace nodevp::boot {

class LoadError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// One PT_LOAD segment. Bytes beyond `bytes.size()` up to `memsz` are zero-filled by the loader.
struct Segment {
    std::uint64_t paddr = 0;
    std::uint64_t vaddr = 0;
    std::vector<std::uint8_t> bytes;  // p_filesz bytes from the file
    std::uint64_t memsz = 0;          // >= bytes.size()
    std::uint32_t flags = 0;          // PF_R | PF_W | PF_X
};

struct Symbol {
    std::uint64_t value = 0;
    std::uint64_t size = 0;
};

struct ElfImage {
    std::string name;               // file name, for messages
    unsigned xlen = 0;              // 32 or 64, from EI_CLASS
    std::uint64_t entry = 0;        // e_entry, inside an executable segment's vaddr range
    std::vector<Segment> segments;  // PT_LOAD with memsz > 0, in program-header order
    // Defined symbols by name. On duplicate names a global/weak binding wins over a local one,
    // otherwise the first in the table wins.
    std::map<std::string, Symbol, std::less<>> symbols;

    std::optional<std::uint64_t> symbol(std::string_view symbol_name) const;
    // The entry translated through its segment to a physical address (differs from `entry` only
    // for images linked at a virtual address other than their load address).
    std::uint64_t entry_paddr() const;
};

// Reads and parses a file. Throws LoadError (also when the file cannot be read).
ElfImage read_elf(const std::string& path);
// Parses an in-memory image; `name` is used in messages. Throws LoadError.
ElfImage parse_elf(const std::vector<std::uint8_t>& bytes, const std::string& name);

}  // namespace nodevp::boot
