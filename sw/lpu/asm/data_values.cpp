#include "sw/lpu/asm/data_values.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "sw/lpu/asm/text.hpp"

namespace nodevp::lpu::text {

namespace {

struct Kind {
    const char* name;
    unsigned width;
    bool is_float;
    bool is_unsigned;  // .bytes: 0 … 255 only
};
constexpr Kind kKinds[] = {
    {".bytes", 1, false, true}, {".i8", 1, false, false}, {".i16", 2, false, false},
    {".i32", 4, false, false},  {".f16", 2, true, false}, {".bf16", 2, true, false},
    {".f32", 4, true, false},
};

const Kind* find_kind(std::string_view d) {
    for (const auto& k : kKinds)
        if (d == k.name) return &k;
    return nullptr;
}

std::uint32_t f32_bits(float f) {
    std::uint32_t b;
    std::memcpy(&b, &f, 4);
    return b;
}

// A raw bit pattern "0x…" (no '.' or 'p': not a C hex float).
bool is_raw_bits(std::string_view v) {
    return v.size() > 2 && v[0] == '0' && (v[1] == 'x' || v[1] == 'X') &&
           v.find_first_of(".pP") == std::string_view::npos;
}

float parse_float(std::string_view v) {
    const std::string s(v);
    char* end = nullptr;
    errno = 0;
    const float f = std::strtof(s.c_str(), &end);
    if (end == s.c_str() || *end != '\0') throw LineError("'" + s + "' is not a number");
    return f;
}

std::uint64_t float_bits(const Kind& k, std::string_view v, const Lookup& lookup) {
    if (is_raw_bits(v))
        return static_cast<std::uint64_t>(
            eval_in(v, lookup, "bit pattern", 0, (std::int64_t{1} << (8 * k.width)) - 1));
    const float f = parse_float(v);
    if (k.width == 4) return f32_bits(f);
    return std::string_view(k.name) == ".f16" ? float_to_f16(f) : float_to_bf16(f);
}

std::uint64_t int_bits(const Kind& k, std::string_view v, const Lookup& lookup) {
    const unsigned bits = 8 * k.width;
    const std::int64_t lo = k.is_unsigned ? 0 : -(std::int64_t{1} << (bits - 1));
    const std::int64_t hi = (std::int64_t{1} << bits) - 1;
    return static_cast<std::uint64_t>(eval_in(v, lookup, "value", lo, hi));
}

}  // namespace

bool DataBuilder::is_value_directive(std::string_view directive) {
    return find_kind(directive) != nullptr;
}

void DataBuilder::add(std::string_view directive, std::string_view values, const Lookup& lookup) {
    const Kind* k = find_kind(directive);
    if (!k) throw LineError("unknown data directive '" + std::string(directive) + "'");
    const auto list = split_words(values);
    if (list.empty()) throw LineError(std::string(k->name) + " needs at least one value");
    if (open_ != k->name) {
        open_ = k->name;
        element_ = vl_;  // forces a new group at the first value
    }
    for (auto v : list) {
        const std::uint64_t bits =
            k->is_float ? float_bits(*k, v, lookup) : int_bits(*k, v, lookup);
        put(bits, k->width);
    }
}

void DataBuilder::put(std::uint64_t bits, unsigned width) {
    if (element_ == vl_) {
        group_ = bytes_.size();
        bytes_.resize(bytes_.size() + std::size_t{width} * vl_, 0);
        element_ = 0;
    }
    for (unsigned j = 0; j < width; ++j)
        bytes_[group_ + std::size_t{j} * vl_ + element_] =
            static_cast<std::uint8_t>(bits >> (8 * j));
    ++element_;
}

void DataBuilder::zero(std::uint64_t vectors) {
    close();
    bytes_.resize(bytes_.size() + vectors * vl_, 0);
}

std::uint16_t float_to_f16(float f) {
    const std::uint32_t x = f32_bits(f);
    const std::uint32_t sign = (x >> 16) & 0x8000;
    const std::uint32_t abs = x & 0x7fffffff;
    if (abs > 0x7f800000) return static_cast<std::uint16_t>(sign | 0x7e00 | ((abs >> 13) & 0x1ff));
    if (abs >= 0x477ff000) return static_cast<std::uint16_t>(sign | 0x7c00);  // rounds to inf
    if (abs < 0x38800000) {  // f16 subnormal or zero: value = m × 2^-24
        const float scaled = std::ldexp(std::fabs(f), 24);
        const float r = std::nearbyint(scaled);  // default rounding: nearest-even
        return static_cast<std::uint16_t>(sign | static_cast<std::uint32_t>(r));
    }
    const std::uint32_t rebias = abs - (112u << 23);  // exponent 127 -> 15
    std::uint32_t h = rebias >> 13;
    const std::uint32_t rest = rebias & 0x1fff;
    if (rest > 0x1000 || (rest == 0x1000 && (h & 1))) ++h;
    return static_cast<std::uint16_t>(sign | h);
}

std::uint16_t float_to_bf16(float f) {
    const std::uint32_t x = f32_bits(f);
    if ((x & 0x7fffffff) > 0x7f800000) return static_cast<std::uint16_t>((x >> 16) | 0x40);
    const std::uint32_t rounded = x + 0x7fff + ((x >> 16) & 1);
    return static_cast<std::uint16_t>(rounded >> 16);
}

}  // namespace nodevp::lpu::text
