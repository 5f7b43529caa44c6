// Program image serialization and parsing (layout in image.hpp, docs/lpu/assembly.md).
#include <algorithm>
#include <cctype>
#include <cstring>
#include <set>
#include <string>

#include "models/lpu/image/byte_io.hpp"
#include "models/lpu/image/crc32.hpp"
#include "models/lpu/image/image.hpp"

namespace nodevp::lpu {

namespace detail {

void ByteWriter::name(const std::string& s) {
    if (s.size() > 0xffff) throw ImageError("name of " + std::to_string(s.size()) + " bytes");
    u16(static_cast<std::uint32_t>(s.size()));
    bytes(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
}

void ByteReader::fail(std::size_t at, const std::string& what) const {
    throw ImageError(name_ + ": offset " + std::to_string(at) + ": " + what);
}

void ByteReader::need(std::uint64_t count, std::uint64_t size, const char* what) const {
    if (count > remaining() / size)
        fail(pos_, std::string("truncated: ") + what + " needs " + std::to_string(count) + " × " +
                       std::to_string(size) + " bytes, " + std::to_string(remaining()) + " remain");
}

const std::uint8_t* ByteReader::take(std::size_t n, const char* what) {
    need(n, 1, what);
    const std::uint8_t* p = bytes_.data() + pos_;
    pos_ += n;
    return p;
}

std::uint64_t ByteReader::get(unsigned n, const char* what) {
    const std::uint8_t* p = take(n, what);
    std::uint64_t v = 0;
    for (unsigned i = 0; i < n; ++i) v |= std::uint64_t{p[i]} << (8 * i);
    return v;
}

std::string ByteReader::name(const char* what) {
    const std::uint32_t n = u16(what);
    const std::uint8_t* p = take(n, what);
    return std::string(reinterpret_cast<const char*>(p), n);
}

}  // namespace detail

namespace {

constexpr char kMagic[4] = {'L', 'P', 'U', 'P'};
constexpr std::uint32_t kHeaderBytes = 4 + 2 + 2 + 5 * 4 + 3 * 4;
constexpr std::size_t kTrailerBytes = 4;

bool is_identifier(const std::string& s) {
    if (s.empty()) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        const bool alpha = std::isalpha(c) || c == '_';
        if (!(alpha || (i > 0 && (std::isdigit(c) || c == '.')))) return false;
    }
    return true;
}

void check_extent(const Geometry& g, const std::string& what, std::uint32_t slice,
                  std::uint64_t first, std::uint64_t vectors) {
    if (slice >= g.mem_slices)
        throw ImageError(what + ": slice " + std::to_string(slice) + " does not exist (" +
                         std::to_string(g.mem_slices) + " MEM slices)");
    if (vectors == 0) throw ImageError(what + ": covers no vector");
    if (first + vectors > g.mem_words)
        throw ImageError(what + ": vectors " + std::to_string(first) + " … " +
                         std::to_string(first + vectors - 1) + " pass the end of the slice (" +
                         std::to_string(g.mem_words) + " vectors)");
}

void validate_queues(const Program& p) {
    std::set<std::string> seen;
    for (const auto& q : p.queues) {
        if (!valid_queue_name(p.geometry, q.name))
            throw ImageError("queue '" + q.name + "' does not exist at geometry " +
                             p.geometry.to_string());
        if (!seen.insert(q.name).second) throw ImageError("queue '" + q.name + "' appears twice");
    }
}

void validate_data(const Program& p) {
    const std::uint32_t vl = p.geometry.vector_bytes();
    for (std::size_t i = 0; i < p.data.size(); ++i) {
        const auto& d = p.data[i];
        const std::string what = "data segment " + std::to_string(i);
        if (d.bytes.size() % vl != 0)
            throw ImageError(what + ": " + std::to_string(d.bytes.size()) +
                             " bytes are not a whole number of " + std::to_string(vl) +
                             "-byte vectors");
        check_extent(p.geometry, what, d.slice, d.first, d.bytes.size() / vl);
        for (std::size_t j = 0; j < i; ++j) {
            const auto& o = p.data[j];
            const std::uint64_t a0 = d.first, a1 = d.first + d.bytes.size() / vl;
            const std::uint64_t b0 = o.first, b1 = o.first + o.bytes.size() / vl;
            if (o.slice == d.slice && a0 < b1 && b0 < a1)
                throw ImageError(what + " overlaps data segment " + std::to_string(j) +
                                 " in slice " + mem_slice_name(p.geometry, d.slice));
        }
    }
}

void validate_symbols(const Program& p) {
    std::set<std::string> seen;
    for (const auto& s : p.symbols) {
        if (!is_identifier(s.name))
            throw ImageError("symbol name '" + s.name + "' is not an identifier");
        if (!seen.insert(s.name).second)
            throw ImageError("symbol '" + s.name + "' is defined twice");
        check_extent(p.geometry, "symbol '" + s.name + "'", s.slice, s.address, s.vectors);
    }
}

Geometry read_geometry(detail::ByteReader& in) {
    Geometry g;
    g.superlanes = in.u32("geometry");
    g.mem_slices = in.u32("geometry");
    g.mem_words = in.u32("geometry");
    g.mxm_planes = in.u32("geometry");
    g.vxm_alus = in.u32("geometry");
    return g;
}

void read_header(detail::ByteReader& in, Program& p, std::uint32_t counts[3]) {
    const std::uint8_t* magic = in.take(4, "magic");
    if (std::memcmp(magic, kMagic, 4) != 0) in.fail(0, "bad magic (not an LPU program image)");
    const std::uint32_t version = in.u16("version");
    if (version != Program::kVersion)
        in.fail(4, "format version " + std::to_string(version) + " is not supported (this is " +
                       std::to_string(Program::kVersion) + ")");
    const std::uint32_t header = in.u16("header size");
    if (header != kHeaderBytes)
        in.fail(
            6, "header size " + std::to_string(header) + " is not " + std::to_string(kHeaderBytes));
    p.geometry = read_geometry(in);
    try {
        p.geometry.validate();
    } catch (const ImageError& e) {
        in.fail(8, e.what());
    }
    for (int i = 0; i < 3; ++i) counts[i] = in.u32("section counts");
}

void read_queues(detail::ByteReader& in, Program& p, std::uint32_t count) {
    in.need(count, 6, "queue table");
    p.queues.resize(count);
    for (auto& q : p.queues) {
        q.name = in.name("queue name");
        const std::uint32_t n = in.u32("instruction count");
        in.need(n, 8, "instructions");
        q.words.resize(n);
        for (auto& w : q.words) w = in.u64("instruction");
    }
}

void read_data(detail::ByteReader& in, Program& p, std::uint32_t count) {
    const std::uint32_t vl = p.geometry.vector_bytes();
    in.need(count, 12, "data segment table");
    p.data.resize(count);
    for (auto& d : p.data) {
        const std::size_t at = in.offset();
        d.slice = in.u32("data segment");
        d.first = in.u32("data segment");
        const std::uint32_t vectors = in.u32("data segment");
        if (vectors > p.geometry.mem_words)
            in.fail(at, "data segment of " + std::to_string(vectors) + " vectors exceeds a slice");
        const std::uint8_t* bytes = in.take(std::size_t{vectors} * vl, "data segment contents");
        d.bytes.assign(bytes, bytes + std::size_t{vectors} * vl);
    }
}

void read_symbols(detail::ByteReader& in, Program& p, std::uint32_t count) {
    in.need(count, 14, "symbol table");
    p.symbols.resize(count);
    for (auto& s : p.symbols) {
        s.name = in.name("symbol name");
        s.slice = in.u32("symbol");
        s.address = in.u32("symbol");
        s.vectors = in.u32("symbol");
    }
}

}  // namespace

void validate_program(const Program& program) {
    program.geometry.validate();
    validate_queues(program);
    validate_data(program);
    validate_symbols(program);
}

const Symbol* Program::symbol(const std::string& name) const {
    for (const auto& s : symbols)
        if (s.name == name) return &s;
    return nullptr;
}

std::vector<std::uint8_t> serialize(const Program& p) {
    validate_program(p);
    detail::ByteWriter out;
    out.bytes(reinterpret_cast<const std::uint8_t*>(kMagic), 4);
    out.u16(Program::kVersion);
    out.u16(kHeaderBytes);
    for (std::uint32_t v : {p.geometry.superlanes, p.geometry.mem_slices, p.geometry.mem_words,
                            p.geometry.mxm_planes, p.geometry.vxm_alus})
        out.u32(v);
    for (std::size_t n : {p.queues.size(), p.data.size(), p.symbols.size()})
        out.u32(static_cast<std::uint32_t>(n));
    for (const auto& q : p.queues) {
        out.name(q.name);
        out.u32(static_cast<std::uint32_t>(q.words.size()));
        for (auto w : q.words) out.u64(w);
    }
    const std::uint32_t vl = p.geometry.vector_bytes();
    for (const auto& d : p.data) {
        out.u32(d.slice);
        out.u32(d.first);
        out.u32(static_cast<std::uint32_t>(d.bytes.size() / vl));
        out.bytes(d.bytes.data(), d.bytes.size());
    }
    for (const auto& s : p.symbols) {
        out.name(s.name);
        out.u32(s.slice);
        out.u32(s.address);
        out.u32(s.vectors);
    }
    const std::uint32_t crc = crc32(out.data().data(), out.data().size());
    out.u32(crc);
    return std::move(out.data());
}

Program parse(const std::vector<std::uint8_t>& bytes, const std::string& name) {
    if (bytes.size() < kHeaderBytes + kTrailerBytes)
        throw ImageError(name + ": offset 0: truncated: " + std::to_string(bytes.size()) +
                         " bytes, an image has at least " +
                         std::to_string(kHeaderBytes + kTrailerBytes));
    const std::size_t body = bytes.size() - kTrailerBytes;
    detail::ByteReader in(bytes, body, name);
    Program p;
    std::uint32_t counts[3];
    read_header(in, p, counts);
    read_queues(in, p, counts[0]);
    read_data(in, p, counts[1]);
    read_symbols(in, p, counts[2]);
    if (in.remaining() != 0)
        in.fail(in.offset(), std::to_string(in.remaining()) + " unexpected bytes before the CRC");
    std::uint32_t stored = 0;
    for (unsigned i = 0; i < 4; ++i) stored |= std::uint32_t{bytes[body + i]} << (8 * i);
    const std::uint32_t actual = crc32(bytes.data(), body);
    if (stored != actual)
        in.fail(body, "CRC mismatch (image is corrupt): stored " + std::to_string(stored) +
                          ", computed " + std::to_string(actual));
    try {
        validate_program(p);
    } catch (const ImageError& e) {
        throw ImageError(name + ": " + e.what());
    }
    return p;
}

Program parse_for(const std::vector<std::uint8_t>& bytes, const std::string& name,
                  const Geometry& chip) {
    Program p = parse(bytes, name);
    if (p.geometry != chip)
        throw ImageError(name + ": scheduled for geometry " + p.geometry.to_string() +
                         ", but the chip has " + chip.to_string());
    return p;
}

}  // namespace nodevp::lpu
