#include "tests/unit/boot/test_elf_writer.hpp"

#include <cstring>

namespace nodevp::boot::test {
namespace {

struct Elf32 {
    using Ehdr = Elf32_Ehdr;
    using Phdr = Elf32_Phdr;
    using Shdr = Elf32_Shdr;
    using Sym = Elf32_Sym;
    static constexpr unsigned char cls = ELFCLASS32;
};

struct Elf64 {
    using Ehdr = Elf64_Ehdr;
    using Phdr = Elf64_Phdr;
    using Shdr = Elf64_Shdr;
    using Sym = Elf64_Sym;
    static constexpr unsigned char cls = ELFCLASS64;
};

template <typename S>
void put(std::vector<std::uint8_t>& out, std::uint64_t offset, const S& value) {
    if (out.size() < offset + sizeof(S)) out.resize(offset + sizeof(S));
    std::memcpy(out.data() + offset, &value, sizeof(S));
}

void put_bytes(std::vector<std::uint8_t>& out, std::uint64_t offset, const void* data,
               std::size_t len) {
    if (out.size() < offset + len) out.resize(offset + len);
    if (len) std::memcpy(out.data() + offset, data, len);
}

template <typename T>
typename T::Ehdr make_header(const TestElf& elf, std::uint64_t phoff, std::uint64_t shoff) {
    typename T::Ehdr eh{};
    std::memcpy(eh.e_ident, ELFMAG, SELFMAG);
    eh.e_ident[EI_CLASS] = T::cls;
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_ident[EI_VERSION] = EV_CURRENT;
    eh.e_type = elf.type;
    eh.e_machine = elf.machine;
    eh.e_version = EV_CURRENT;
    eh.e_entry = elf.entry;
    eh.e_phoff = phoff;
    eh.e_shoff = shoff;
    eh.e_ehsize = sizeof(typename T::Ehdr);
    eh.e_phentsize = sizeof(typename T::Phdr);
    eh.e_phnum = static_cast<std::uint16_t>(elf.segments.size());
    eh.e_shentsize = sizeof(typename T::Shdr);
    eh.e_shnum = 4;
    eh.e_shstrndx = 2;
    return eh;
}

template <typename T>
typename T::Shdr section(std::uint32_t name, std::uint32_t type, std::uint64_t off,
                         std::uint64_t size, std::uint32_t link, std::uint64_t entsize) {
    typename T::Shdr sh{};
    sh.sh_name = name;
    sh.sh_type = type;
    sh.sh_offset = off;
    sh.sh_size = size;
    sh.sh_link = link;
    sh.sh_entsize = entsize;
    return sh;
}

template <typename T>
std::vector<std::uint8_t> write_as(const TestElf& elf, TestElfLayout& lay) {
    using Sym = typename T::Sym;
    lay.phoff = sizeof(typename T::Ehdr);
    lay.shoff = lay.phoff + elf.segments.size() * sizeof(typename T::Phdr);
    lay.data_off = lay.shoff + 4 * sizeof(typename T::Shdr);
    std::vector<std::uint8_t> out;
    put(out, 0, make_header<T>(elf, lay.phoff, lay.shoff));
    std::uint64_t off = lay.data_off;
    for (std::size_t i = 0; i < elf.segments.size(); ++i) {
        const TestSegment& s = elf.segments[i];
        typename T::Phdr ph{};
        ph.p_type = s.type;
        ph.p_flags = s.flags;
        ph.p_offset = off;
        ph.p_vaddr = s.vaddr;
        ph.p_paddr = s.paddr;
        ph.p_filesz = s.data.size();
        ph.p_memsz = s.memsz;
        put(out, lay.phoff + i * sizeof(ph), ph);
        put_bytes(out, off, s.data.data(), s.data.size());
        off += s.data.size();
    }
    const char shstr[] = "\0.symtab\0.shstrtab\0.strtab";  // names at 1, 9, 19
    const std::uint64_t shstr_off = off;
    put_bytes(out, shstr_off, shstr, sizeof(shstr));
    lay.symtab_off = shstr_off + sizeof(shstr);
    std::string strtab(1, '\0');
    std::vector<Sym> syms(1);  // index 0 is the null symbol
    for (const TestSymbol& s : elf.symbols) {
        Sym sym{};
        sym.st_name = static_cast<std::uint32_t>(strtab.size());
        sym.st_value = s.value;
        sym.st_size = s.size;
        sym.st_info = static_cast<unsigned char>(s.bind << 4 | STT_OBJECT);
        sym.st_shndx = 1;
        syms.push_back(sym);
        strtab.append(s.name).push_back('\0');
    }
    put_bytes(out, lay.symtab_off, syms.data(), syms.size() * sizeof(Sym));
    lay.strtab_off = lay.symtab_off + syms.size() * sizeof(Sym);
    put_bytes(out, lay.strtab_off, strtab.data(), strtab.size());
    const std::uint64_t symtab_size = syms.size() * sizeof(Sym);
    put(out, lay.shoff, typename T::Shdr{});
    put(out, lay.shoff + 1 * sizeof(typename T::Shdr),
        section<T>(1, SHT_SYMTAB, lay.symtab_off, symtab_size, 3, sizeof(Sym)));
    put(out, lay.shoff + 2 * sizeof(typename T::Shdr),
        section<T>(9, SHT_STRTAB, shstr_off, sizeof(shstr), 0, 0));
    put(out, lay.shoff + 3 * sizeof(typename T::Shdr),
        section<T>(19, SHT_STRTAB, lay.strtab_off, strtab.size(), 0, 0));
    lay.size = out.size();
    return out;
}

}  // namespace

std::vector<std::uint8_t> write_elf(const TestElf& elf, TestElfLayout* layout) {
    TestElfLayout local;
    TestElfLayout& lay = layout ? *layout : local;
    return elf.xlen == 32 ? write_as<Elf32>(elf, lay) : write_as<Elf64>(elf, lay);
}

}  // namespace nodevp::boot::test
