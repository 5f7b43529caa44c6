#include "platform/boot/elf.hpp"

#include <elf.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

namespace nodevp::boot {
namespace {

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "the loader copies little-endian ELF fields as host integers");

struct Elf32Types {
    using Ehdr = Elf32_Ehdr;
    using Phdr = Elf32_Phdr;
    using Shdr = Elf32_Shdr;
    using Sym = Elf32_Sym;
    static constexpr unsigned xlen = 32;
};

struct Elf64Types {
    using Ehdr = Elf64_Ehdr;
    using Phdr = Elf64_Phdr;
    using Shdr = Elf64_Shdr;
    using Sym = Elf64_Sym;
    static constexpr unsigned xlen = 64;
};

std::string range_str(std::uint64_t base, std::uint64_t size) {
    return fmt::format("[{:#x}, {:#x})", base, base + size);
}

const char* machine_name(unsigned machine) {
    switch (machine) {
        case EM_386:
            return "x86";
        case EM_ARM:
            return "ARM";
        case EM_X86_64:
            return "x86-64";
        case EM_AARCH64:
            return "AArch64";
        case EM_RISCV:
            return "RISC-V";
        default:
            return "unknown";
    }
}

const char* type_name(unsigned type) {
    switch (type) {
        case ET_NONE:
            return "no file type";
        case ET_REL:
            return "relocatable object";
        case ET_DYN:
            return "shared object or PIE";
        case ET_CORE:
            return "core dump";
        default:
            return "unknown type";
    }
}

// Bounds-checked view of the file. Every read copies with memcpy; nothing casts the buffer.
class Reader {
  public:
    Reader(const std::vector<std::uint8_t>& bytes, const std::string& name)
        : bytes_(bytes), name_(name) {}

    [[noreturn]] void fail(const std::string& what) const {
        throw LoadError(fmt::format("{}: {}", name_, what));
    }

    bool contains(std::uint64_t offset, std::uint64_t length) const {
        return offset <= bytes_.size() && length <= bytes_.size() - offset;
    }

    void require(std::uint64_t offset, std::uint64_t length, const char* what) const {
        if (!contains(offset, length)) {
            fail(fmt::format("truncated {}: needs bytes {} but the file has {} bytes", what,
                             range_str(offset, length), bytes_.size()));
        }
    }

    template <typename T>
    T read(std::uint64_t offset, const char* what) const {
        require(offset, sizeof(T), what);
        T value;
        std::memcpy(&value, bytes_.data() + offset, sizeof(T));
        return value;
    }

    const std::uint8_t* at(std::uint64_t offset) const { return bytes_.data() + offset; }
    std::size_t size() const { return bytes_.size(); }

  private:
    const std::vector<std::uint8_t>& bytes_;
    const std::string& name_;
};

template <typename T>
void check_header(const Reader& r, const typename T::Ehdr& eh) {
    if (eh.e_machine != EM_RISCV) {
        r.fail(fmt::format("wrong machine: e_machine {} ({}), expected {} (RISC-V)", eh.e_machine,
                           machine_name(eh.e_machine), EM_RISCV));
    }
    if (eh.e_type != ET_EXEC) {
        r.fail(fmt::format("not an executable: e_type {} ({}), expected ET_EXEC", eh.e_type,
                           type_name(eh.e_type)));
    }
}

template <typename T>
Segment read_segment(const Reader& r, const typename T::Phdr& ph) {
    if (ph.p_filesz > ph.p_memsz) {
        r.fail(fmt::format("PT_LOAD segment at {:#x} has filesz {:#x} > memsz {:#x}", ph.p_paddr,
                           ph.p_filesz, ph.p_memsz));
    }
    r.require(ph.p_offset, ph.p_filesz, "segment data");
    const std::uint64_t top = T::xlen == 32 ? 0xffffffffULL : ~0ULL;  // last byte addressable
    const std::uint64_t last = ph.p_memsz - 1;
    if (last > top - ph.p_paddr || last > top - ph.p_vaddr) {
        r.fail(fmt::format("PT_LOAD segment at {:#x} with memsz {:#x} wraps the address space",
                           ph.p_paddr, ph.p_memsz));
    }
    Segment seg;
    seg.paddr = ph.p_paddr;
    seg.vaddr = ph.p_vaddr;
    seg.memsz = ph.p_memsz;
    seg.flags = ph.p_flags;
    seg.bytes.assign(r.at(ph.p_offset), r.at(ph.p_offset) + ph.p_filesz);
    return seg;
}

template <typename T>
std::vector<Segment> read_segments(const Reader& r, const typename T::Ehdr& eh) {
    if (eh.e_phnum != 0 && eh.e_phentsize != sizeof(typename T::Phdr)) {
        r.fail(fmt::format("program header entry size {} (expected {})", eh.e_phentsize,
                           sizeof(typename T::Phdr)));
    }
    r.require(eh.e_phoff, std::uint64_t{eh.e_phnum} * eh.e_phentsize, "program headers");
    std::vector<Segment> segments;
    for (unsigned i = 0; i < eh.e_phnum; ++i) {
        const auto ph =
            r.read<typename T::Phdr>(eh.e_phoff + i * sizeof(typename T::Phdr), "program headers");
        if (ph.p_type == PT_LOAD && ph.p_memsz != 0) segments.push_back(read_segment<T>(r, ph));
    }
    if (segments.empty()) r.fail("no PT_LOAD segments");
    return segments;
}

void check_overlap(const Reader& r, const std::vector<Segment>& segments) {
    std::vector<const Segment*> sorted;
    for (const auto& s : segments) sorted.push_back(&s);
    std::sort(sorted.begin(), sorted.end(),
              [](const Segment* a, const Segment* b) { return a->paddr < b->paddr; });
    for (std::size_t i = 1; i < sorted.size(); ++i) {
        const Segment& a = *sorted[i - 1];
        const Segment& b = *sorted[i];
        if (b.paddr - a.paddr < a.memsz) {
            r.fail(fmt::format("PT_LOAD segments overlap: {} and {}", range_str(a.paddr, a.memsz),
                               range_str(b.paddr, b.memsz)));
        }
    }
}

const Segment* segment_of(const std::vector<Segment>& segments, std::uint64_t vaddr) {
    for (const auto& s : segments) {
        if ((s.flags & PF_X) && vaddr - s.vaddr < s.memsz) return &s;
    }
    return nullptr;
}

void check_entry(const Reader& r, std::uint64_t entry, const std::vector<Segment>& segments) {
    if (entry == 0) r.fail("no entry point (e_entry is 0)");
    if (!segment_of(segments, entry)) {
        r.fail(fmt::format("entry point {:#x} is outside every executable PT_LOAD segment", entry));
    }
}

// Number of section headers, following the extended numbering of e_shnum == 0.
template <typename T>
std::uint64_t section_count(const Reader& r, const typename T::Ehdr& eh) {
    if (eh.e_shoff == 0) return 0;
    if (eh.e_shentsize != sizeof(typename T::Shdr)) {
        r.fail(fmt::format("section header entry size {} (expected {})", eh.e_shentsize,
                           sizeof(typename T::Shdr)));
    }
    if (eh.e_shnum != 0) return eh.e_shnum;
    return r.read<typename T::Shdr>(eh.e_shoff, "section headers").sh_size;
}

struct StringTable {
    const char* data;
    std::uint64_t size;
};

template <typename T>
void add_symbol(const Reader& r, const typename T::Sym& sym, StringTable strings, ElfImage& image) {
    const unsigned type = ELF64_ST_TYPE(sym.st_info);
    if (sym.st_name == 0 || sym.st_shndx == SHN_UNDEF || type == STT_SECTION || type == STT_FILE) {
        return;
    }
    if (sym.st_name >= strings.size) {
        r.fail(fmt::format("truncated symbol strings: name offset {} past the {}-byte table",
                           sym.st_name, strings.size));
    }
    const char* name = strings.data + sym.st_name;
    const void* nul = std::memchr(name, '\0', strings.size - sym.st_name);
    if (!nul) r.fail("truncated symbol strings: unterminated symbol name");
    std::string key(name, static_cast<const char*>(nul));
    const Symbol value{sym.st_value, sym.st_size};
    if (ELF64_ST_BIND(sym.st_info) == STB_LOCAL) {
        image.symbols.emplace(std::move(key), value);
    } else {
        image.symbols[std::move(key)] = value;
    }
}

template <typename T>
void read_symtab(const Reader& r, const typename T::Shdr& symtab, const typename T::Shdr& strtab,
                 ElfImage& image) {
    if (symtab.sh_entsize != sizeof(typename T::Sym)) {
        r.fail(fmt::format("symbol table entry size {} (expected {})", symtab.sh_entsize,
                           sizeof(typename T::Sym)));
    }
    r.require(symtab.sh_offset, symtab.sh_size, "symbol table");
    r.require(strtab.sh_offset, strtab.sh_size, "symbol strings");
    const StringTable strings{reinterpret_cast<const char*>(r.at(strtab.sh_offset)),
                              strtab.sh_size};
    const std::uint64_t count = symtab.sh_size / sizeof(typename T::Sym);
    for (std::uint64_t i = 0; i < count; ++i) {
        const auto sym =
            r.read<typename T::Sym>(symtab.sh_offset + i * sizeof(typename T::Sym), "symbol table");
        add_symbol<T>(r, sym, strings, image);
    }
}

template <typename T>
void read_symbols(const Reader& r, const typename T::Ehdr& eh, ElfImage& image) {
    using Shdr = typename T::Shdr;
    const std::uint64_t count = section_count<T>(r, eh);
    if (count > r.size() / sizeof(Shdr)) {
        r.fail(
            fmt::format("truncated section headers: {} headers at offset {:#x} do not fit in "
                        "{} bytes",
                        count, eh.e_shoff, r.size()));
    }
    r.require(eh.e_shoff, count * sizeof(Shdr), "section headers");
    auto section = [&](std::uint64_t i) {
        return r.read<Shdr>(eh.e_shoff + i * sizeof(Shdr), "section headers");
    };
    for (std::uint64_t i = 0; i < count; ++i) {
        const Shdr sh = section(i);
        if (sh.sh_type != SHT_SYMTAB) continue;
        if (sh.sh_link >= count) {
            r.fail(fmt::format("truncated symbol strings: symbol table links to section {} of {}",
                               sh.sh_link, count));
        }
        read_symtab<T>(r, sh, section(sh.sh_link), image);
    }
}

template <typename T>
ElfImage parse_as(const Reader& r, const std::string& name) {
    const auto eh = r.read<typename T::Ehdr>(0, "ELF header");
    check_header<T>(r, eh);
    ElfImage image;
    image.name = name;
    image.xlen = T::xlen;
    image.entry = eh.e_entry;
    image.segments = read_segments<T>(r, eh);
    check_overlap(r, image.segments);
    check_entry(r, image.entry, image.segments);
    read_symbols<T>(r, eh, image);
    return image;
}

}  // namespace

std::optional<std::uint64_t> ElfImage::symbol(std::string_view symbol_name) const {
    const auto it = symbols.find(symbol_name);
    if (it == symbols.end()) return std::nullopt;
    return it->second.value;
}

std::uint64_t ElfImage::entry_paddr() const {
    const Segment* s = segment_of(segments, entry);
    if (!s) throw std::logic_error(name + ": entry outside every segment after validation");
    return s->paddr + (entry - s->vaddr);
}

ElfImage parse_elf(const std::vector<std::uint8_t>& bytes, const std::string& name) {
    const Reader r(bytes, name);
    if (bytes.size() < SELFMAG || std::memcmp(bytes.data(), ELFMAG, SELFMAG) != 0) {
        r.fail("not an ELF file (bad magic)");
    }
    r.require(0, EI_NIDENT, "ELF header");
    if (bytes[EI_DATA] == ELFDATA2MSB) r.fail("big-endian ELF; RISC-V images are little-endian");
    if (bytes[EI_DATA] != ELFDATA2LSB) {
        r.fail(fmt::format("invalid ELF data encoding {}", bytes[EI_DATA]));
    }
    switch (bytes[EI_CLASS]) {
        case ELFCLASS32:
            return parse_as<Elf32Types>(r, name);
        case ELFCLASS64:
            return parse_as<Elf64Types>(r, name);
        default:
            r.fail(fmt::format("invalid ELF class {}", bytes[EI_CLASS]));
    }
}

ElfImage read_elf(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        throw LoadError(fmt::format("{}: is a directory", path));
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw LoadError(fmt::format("{}: cannot open file: {}", path, std::strerror(errno)));
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    if (ec) throw LoadError(fmt::format("{}: cannot read file: {}", path, ec.message()));
    std::vector<std::uint8_t> bytes(size);
    if (!in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size))) {
        throw LoadError(fmt::format("{}: cannot read file", path));
    }
    return parse_elf(bytes, path);
}

}  // namespace nodevp::boot
