#include "platform/boot/boot_image.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

namespace nodevp::boot {

namespace {

constexpr std::uint8_t kElfMagic[4] = {0x7f, 'E', 'L', 'F'};

std::vector<std::uint8_t> read_file(const std::string& what, const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw LoadError(fmt::format("{}: '{}' is not a readable file", what, path));
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw LoadError(fmt::format("{}: cannot open '{}': {}", what, path, std::strerror(errno)));
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    if (ec || size == 0)
        throw LoadError(fmt::format("{}: '{}' is empty or unreadable", what, path));
    std::vector<std::uint8_t> bytes(size);
    if (!in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size)))
        throw LoadError(fmt::format("{}: cannot read '{}'", what, path));
    return bytes;
}

}  // namespace

ElfImage read_boot_image(const std::string& what, const std::string& path, std::uint64_t load_addr,
                         unsigned raw_xlen) {
    std::vector<std::uint8_t> bytes = read_file(what, path);
    if (bytes.size() >= sizeof kElfMagic && std::memcmp(bytes.data(), kElfMagic, 4) == 0)
        return parse_elf(bytes, path);
    ElfImage image;
    image.name = path;
    image.xlen = raw_xlen;
    image.entry = load_addr;
    Segment seg;
    seg.paddr = seg.vaddr = load_addr;
    seg.memsz = bytes.size();
    seg.bytes = std::move(bytes);
    seg.flags = 7;  // PF_R | PF_W | PF_X: a raw image says nothing
    image.segments.push_back(std::move(seg));
    return image;
}

bool images_overlap(const ElfImage& a, const ElfImage& b) {
    for (const Segment& x : a.segments)
        for (const Segment& y : b.segments)
            if (x.paddr < y.paddr + y.memsz && y.paddr < x.paddr + x.memsz) return true;
    return false;
}

}  // namespace nodevp::boot
