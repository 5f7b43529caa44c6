#include "sw/lpu/asm/insn_text.hpp"

#include <cctype>
#include <vector>

#include "sw/lpu/asm/text.hpp"

namespace nodevp::lpu::text {

namespace {

constexpr std::int64_t kRepeatMax = 0x7fff;  // REPEAT n and d: 15 bits each

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string unit_name(Unit u) {
    switch (u) {
        case Unit::any:
            return "any";
        case Unit::mem:
            return "MEM";
        case Unit::vxm:
            return "VXM";
        case Unit::mxm:
            return "MXM";
        case Unit::sxm:
            return "SXM";
        case Unit::c2c:
            return "C2C";
    }
    return "?";
}

std::optional<Stream> parse_stream(std::string_view s) {
    if (s.size() < 3 || s.size() > 4 || (s[0] != 's' && s[0] != 'S')) return std::nullopt;
    const char dir = static_cast<char>(std::tolower(static_cast<unsigned char>(s.back())));
    if (dir != 'e' && dir != 'w') return std::nullopt;
    const std::string_view digits = s.substr(1, s.size() - 2);
    if (digits.size() > 1 && digits[0] == '0') return std::nullopt;
    unsigned v = 0;
    for (char c : digits) {
        if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
        v = v * 10 + static_cast<unsigned>(c - '0');
    }
    if (v >= kStreamsPerDirection) return std::nullopt;
    return Stream{static_cast<std::uint8_t>(v), dir == 'w'};
}

std::string stream_text(Stream s) {
    return "s" + std::to_string(s.index) + (s.west ? "w" : "e");
}

// The operands of one instruction, consumed left to right.
class Operands {
  public:
    Operands(std::vector<std::string_view> ops, const Lookup& lookup)
        : ops_(std::move(ops)), lookup_(lookup) {}

    Stream stream(const char* what) {
        const std::string_view s = next(what);
        const auto st = parse_stream(s);
        if (!st)
            throw LineError(std::string(what) + " '" + std::string(s) +
                            "' is not a stream (s0e … s31e, s0w … s31w)");
        return *st;
    }
    std::int64_t imm(const char* what, std::int64_t lo, std::int64_t hi) {
        return eval_in(next(what), lookup_, what, lo, hi);
    }
    std::string_view next(const char* what) {
        if (pos_ >= ops_.size()) throw LineError(std::string("missing ") + what);
        if (ops_[pos_].empty()) throw LineError(std::string("empty ") + what);
        return ops_[pos_++];
    }
    std::size_t size() const { return ops_.size(); }

  private:
    std::vector<std::string_view> ops_;
    const Lookup& lookup_;
    std::size_t pos_ = 0;
};

void check_group(Stream s, unsigned width, const char* what) {
    if (s.index % width != 0)
        throw LineError(std::string(what) + " " + stream_text(s) +
                        " is not aligned to a group of " + std::to_string(width) + " streams");
}

void check_span(Stream s, unsigned count, const char* what) {
    if (s.index + count > kStreamsPerDirection)
        throw LineError(std::string(what) + " " + stream_text(s) + " … +" +
                        std::to_string(count - 1) + " passes s31");
}

ElemType parse_type(const std::string& s) {
    const auto t = elem_from_name(s);
    if (!t) throw LineError("unknown element type '." + s + "'");
    return *t;
}

bool integer_only(Opcode op) {
    return op == Opcode::and_ || op == Opcode::or_ || op == Opcode::xor_ || op == Opcode::shl ||
           op == Opcode::shr;
}
bool float_only(Opcode op) {
    return op == Opcode::tanh || op == Opcode::exp || op == Opcode::rsqrt;
}

struct Mnemonic {
    const InsnInfo* row = nullptr;
    std::vector<std::string> suffixes;
};

Mnemonic parse_mnemonic(std::string_view word) {
    Mnemonic m;
    const std::size_t dot = word.find('.');
    const std::string base = upper(word.substr(0, dot));
    m.row = info_by_mnemonic(base);
    if (!m.row) throw LineError("unknown mnemonic '" + base + "'");
    std::string_view rest = dot == std::string_view::npos ? "" : word.substr(dot + 1);
    while (dot != std::string_view::npos) {
        const std::size_t d = rest.find('.');
        m.suffixes.push_back(lower(rest.substr(0, d)));
        if (d == std::string_view::npos) break;
        rest = rest.substr(d + 1);
    }
    return m;
}

void expect_suffixes(const Mnemonic& m, std::size_t n) {
    if (m.suffixes.size() != n)
        throw LineError(std::string(m.row->mnemonic) + " takes " + std::to_string(n) +
                        " type suffix(es), got " + std::to_string(m.suffixes.size()));
}

// VXM element-type checks for OP.t.
ElemType vxm_type(const Mnemonic& m) {
    expect_suffixes(m, 1);
    const ElemType t = parse_type(m.suffixes[0]);
    if (integer_only(m.row->op) && is_float(t))
        throw LineError(std::string(m.row->mnemonic) + " is defined on integer types only");
    if (float_only(m.row->op) && !is_float(t))
        throw LineError(std::string(m.row->mnemonic) + " is defined on float types only");
    return t;
}

void encode_vector(const Mnemonic& m, Operands& ops, Insn& in) {
    const bool typed = m.row->unit == Unit::vxm;
    unsigned width = 1;
    if (typed) {
        const ElemType t = vxm_type(m);
        in.t1 = static_cast<std::uint8_t>(t);
        width = elem_bytes(t);
    } else {
        expect_suffixes(m, 0);
    }
    in.d = ops.stream("destination");
    in.a = ops.stream("source");
    if (m.row->format == Format::vbin) in.b = ops.stream("second source");
    check_group(in.d, width, "destination");
    check_group(in.a, width, "source");
    if (m.row->format == Format::vbin && typed) check_group(in.b, width, "second source");
    if (m.row->op == Opcode::transpose) {
        check_span(in.d, 16, "destination");
        check_span(in.a, 16, "source");
    }
}

void encode_cvt(const Mnemonic& m, Operands& ops, Insn& in) {
    expect_suffixes(m, 2);
    const ElemType dst = parse_type(m.suffixes[0]);
    const ElemType src = parse_type(m.suffixes[1]);
    in.t1 = static_cast<std::uint8_t>(dst);
    in.t2 = static_cast<std::uint8_t>(src);
    in.d = ops.stream("destination");
    in.a = ops.stream("source");
    check_group(in.d, elem_bytes(dst), "destination");
    check_group(in.a, elem_bytes(src), "source");
}

void encode_req(const Mnemonic& m, Operands& ops, Insn& in) {
    expect_suffixes(m, 1);
    const ElemType t = parse_type(m.suffixes[0]);
    if (t != ElemType::i8 && t != ElemType::i16)
        throw LineError("REQ produces i8 or i16, not " + m.suffixes[0]);
    in.t1 = static_cast<std::uint8_t>(t);
    in.d = ops.stream("destination");
    in.a = ops.stream("source");
    check_group(in.d, elem_bytes(t), "destination");
    check_group(in.a, 4, "source (i32)");
    in.imm = ops.imm("scale", kImmSignedMin, kImmSignedMax);
    in.shift = static_cast<std::uint8_t>(ops.imm("shift", 0, 63));
}

void encode_config(Operands& ops, Insn& in) {
    const std::string reg = lower(ops.next("register"));
    const bool mxm_type = reg == "mxm.type";
    in.t1 = mxm_type ? static_cast<std::uint8_t>(ConfigReg::mxm_type)
                     : static_cast<std::uint8_t>(eval_in(
                           reg, [](const std::string&) { return std::optional<std::int64_t>(); },
                           "register", 0, 15));
    const std::string value = lower(ops.next("value"));
    if (mxm_type && value == "i8")
        in.imm = kMxmTypeI8;
    else if (mxm_type && value == "f16")
        in.imm = kMxmTypeF16;
    else
        in.imm = eval_in(
            value, [](const std::string&) { return std::optional<std::int64_t>(); }, "value", 0,
            kImmMax);
}

// Operand count of each format (READ/WRITE: 2, or 3 with a stride).
std::size_t operand_count(Format f) {
    switch (f) {
        case Format::none:
            return 0;
        case Format::count:
        case Format::link:
            return 1;
        case Format::vun:
        case Format::cvt:
        case Format::repeat:
        case Format::config:
        case Format::lw:
        case Format::abc:
        case Format::acc:
        case Format::send:
        case Format::receive:
            return 2;
        case Format::vbin:
        case Format::gather:
        case Format::scatter:
        case Format::sxm_imm:
            return 3;
        case Format::req:
            return 4;
        case Format::mem_read:
        case Format::mem_write:
            return 2;
    }
    return 0;
}

void encode_mem(Operands& ops, Insn& in, bool read) {
    in.imm = ops.imm("address", 0, kImmMax);
    (read ? in.d : in.a) = ops.stream(read ? "destination" : "source");
    if (ops.size() == 3) in.stride = static_cast<std::int8_t>(ops.imm("stride", -128, 127));
}

void encode_operands(const Mnemonic& m, Operands& ops, Insn& in) {
    switch (m.row->format) {
        case Format::none:
            break;
        case Format::count:
            in.imm = ops.imm("count", 1, kImmMax);
            break;
        case Format::repeat: {  // imm[14:0] = n, imm[29:15] = d
            const auto n = ops.imm("count", 1, kRepeatMax);
            in.imm = n | (ops.imm("distance", 1, kRepeatMax) << 15);
            break;
        }
        case Format::config:
            encode_config(ops, in);
            break;
        case Format::mem_read:
            encode_mem(ops, in, true);
            break;
        case Format::mem_write:
            encode_mem(ops, in, false);
            break;
        case Format::gather:
            in.imm = ops.imm("address", 0, kImmMax);
            in.a = ops.stream("index stream");
            in.d = ops.stream("destination");
            break;
        case Format::scatter:
            in.imm = ops.imm("address", 0, kImmMax);
            in.b = ops.stream("index stream");
            in.a = ops.stream("data stream");
            break;
        case Format::vbin:
        case Format::vun:
            encode_vector(m, ops, in);
            break;
        case Format::cvt:
            encode_cvt(m, ops, in);
            break;
        case Format::req:
            encode_req(m, ops, in);
            break;
        case Format::lw: {
            in.a = ops.stream("source");
            const auto g = ops.imm("stream count", 1, kStreamsPerDirection);
            check_span(in.a, static_cast<unsigned>(g), "source");
            in.imm = g;
            break;
        }
        case Format::abc:
            in.a = ops.stream("source");
            in.imm = ops.imm("accumulator", 0, kAccumulators - 1);
            break;
        case Format::acc:
            in.imm = ops.imm("accumulator", 0, kAccumulators - 1);
            in.d = ops.stream("destination");
            check_group(in.d, 4, "destination (i32)");
            break;
        case Format::sxm_imm:
            in.d = ops.stream("destination");
            in.a = ops.stream("source");
            in.imm = ops.imm("lane count", 0, kImmMax);
            break;
        case Format::send:
            in.a = ops.stream("source");
            in.imm = ops.imm("link", 0, kImmMax);
            break;
        case Format::receive:
            in.imm = ops.imm("link", 0, kImmMax);
            in.d = ops.stream("destination");
            break;
        case Format::link:
            in.imm = ops.imm("link", 0, kImmMax);
            break;
    }
}

std::string type_suffix(unsigned t) {
    return "." + std::string(elem_name(static_cast<ElemType>(t)));
}

std::string format_operands(const InsnInfo& row, const Insn& in) {
    const auto s = [](Stream st) { return stream_text(st); };
    const std::string imm = std::to_string(in.imm);
    switch (row.format) {
        case Format::none:
            return "";
        case Format::count:
        case Format::link:
            return " " + imm;
        case Format::repeat:
            return " " + std::to_string(in.imm & kRepeatMax) + ", " + std::to_string(in.imm >> 15);
        case Format::config:
            if (in.t1 == 0 && in.imm <= 1)
                return std::string(" mxm.type, ") + (in.imm ? "f16" : "i8");
            return " " + std::to_string(in.t1) + ", " + imm;
        case Format::mem_read:
        case Format::mem_write: {
            const Stream st = row.format == Format::mem_read ? in.d : in.a;
            return " " + imm + ", " + s(st) + (in.stride ? ", " + std::to_string(in.stride) : "");
        }
        case Format::gather:
            return " " + imm + ", " + s(in.a) + ", " + s(in.d);
        case Format::scatter:
            return " " + imm + ", " + s(in.b) + ", " + s(in.a);
        case Format::vbin:
            return " " + s(in.d) + ", " + s(in.a) + ", " + s(in.b);
        case Format::vun:
        case Format::cvt:
            return " " + s(in.d) + ", " + s(in.a);
        case Format::req:
            return " " + s(in.d) + ", " + s(in.a) + ", " + imm + ", " + std::to_string(in.shift);
        case Format::lw:
        case Format::abc:
        case Format::send:
            return " " + s(in.a) + ", " + imm;
        case Format::acc:
        case Format::receive:
            return " " + imm + ", " + s(in.d);
        case Format::sxm_imm:
            return " " + s(in.d) + ", " + s(in.a) + ", " + imm;
    }
    return "";
}

std::string format_mnemonic(const InsnInfo& row, const Insn& in) {
    std::string m(row.mnemonic);
    if (row.format == Format::cvt) return m + type_suffix(in.t1) + type_suffix(in.t2);
    if (row.unit == Unit::vxm && in.t1 < kElemTypes) return m + type_suffix(in.t1);
    if (row.format == Format::abc && (in.t2 & 1)) return m + ".set";
    return m;
}

}  // namespace

std::uint64_t encode_insn(std::string_view line, Unit queue, const Lookup& lookup) {
    line = trim(line);
    std::size_t end = 0;
    while (end < line.size() && !std::isspace(static_cast<unsigned char>(line[end]))) ++end;
    const Mnemonic m = parse_mnemonic(line.substr(0, end));
    if (m.row->unit != Unit::any && m.row->unit != queue)
        throw LineError(std::string(m.row->mnemonic) + " is a " + unit_name(m.row->unit) +
                        " instruction; this is a " + unit_name(queue) + " queue");
    if (m.row->format != Format::abc && m.row->format != Format::cvt && !(m.row->unit == Unit::vxm))
        expect_suffixes(m, 0);
    if (m.row->format == Format::abc &&
        !(m.suffixes.empty() || (m.suffixes.size() == 1 && m.suffixes[0] == "set")))
        throw LineError("ABC takes no suffix or '.set'");
    const std::string_view list = line.substr(end);
    const bool mem = m.row->format == Format::mem_read || m.row->format == Format::mem_write;
    std::vector<std::string_view> pieces = split_commas(list);
    if (!(mem && pieces.size() == 3) && pieces.size() != operand_count(m.row->format))
        throw LineError(std::string(m.row->mnemonic) + " expects " +
                        std::to_string(operand_count(m.row->format)) + " operand(s), got " +
                        std::to_string(pieces.size()));
    Operands ops(std::move(pieces), lookup);
    Insn in;
    in.op = m.row->op;
    if (m.row->format == Format::abc && !m.suffixes.empty()) in.t2 = 1;
    encode_operands(m, ops, in);
    return in.encode();
}

std::optional<std::string> format_insn(std::uint64_t word, Unit queue) {
    const Insn in = decode(word);
    const InsnInfo* row = info(in.op);
    if (!row) return std::nullopt;
    const std::string text = format_mnemonic(*row, in) + format_operands(*row, in);
    try {
        const Lookup none = [](const std::string&) { return std::optional<std::int64_t>(); };
        if (encode_insn(text, queue, none) != word) return std::nullopt;
    } catch (const LineError&) {
        return std::nullopt;
    }
    return text;
}

std::uint64_t issue_cycles(std::uint64_t word) {
    const Insn in = decode(word);
    const InsnInfo* row = info(in.op);
    if (!row) return 1;
    if (row->format == Format::count) return static_cast<std::uint64_t>(in.imm);
    if (row->format == Format::repeat)
        return static_cast<std::uint64_t>(in.imm & kRepeatMax) *
               static_cast<std::uint64_t>(in.imm >> 15);
    return row->issue;
}

}  // namespace nodevp::lpu::text
