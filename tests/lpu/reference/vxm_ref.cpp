// VXM arithmetic, one element at a time, as docs/lpu/architecture.md (VXM) states it.
#include <cmath>
#include <limits>
#include <stdexcept>

#include "tests/lpu/reference/reference.hpp"

namespace nodevp::lpu::ref {

namespace {

unsigned width_bits(ElemType t) {
    return 8 * elem_bytes(t);
}

std::int64_t int_min(ElemType t) {
    return -(std::int64_t{1} << (width_bits(t) - 1));
}
std::int64_t int_max(ElemType t) {
    return (std::int64_t{1} << (width_bits(t) - 1)) - 1;
}

std::uint32_t sign_mask(ElemType t) {
    return 1u << (width_bits(t) - 1);
}

// IEEE minNum/maxNum: a NaN operand yields the other one; -0 orders below +0.
float min_num(float a, float b) {
    if (std::isnan(a)) return b;
    if (std::isnan(b)) return a;
    if (a == b) return std::signbit(a) ? a : b;
    return a < b ? a : b;
}
float max_num(float a, float b) {
    if (std::isnan(a)) return b;
    if (std::isnan(b)) return a;
    if (a == b) return std::signbit(a) ? b : a;
    return a > b ? a : b;
}

std::uint32_t int_binary(Opcode op, ElemType t, std::int64_t a, std::int64_t b) {
    const unsigned count = static_cast<unsigned>(b) & (width_bits(t) - 1);
    switch (op) {
        case Opcode::add:
            return from_int(t, a + b);
        case Opcode::sub:
            return from_int(t, a - b);
        case Opcode::mul:
            return from_int(t, a * b);
        case Opcode::min:
            return from_int(t, a < b ? a : b);
        case Opcode::max:
            return from_int(t, a > b ? a : b);
        case Opcode::and_:
            return from_int(t, a & b);
        case Opcode::or_:
            return from_int(t, a | b);
        case Opcode::xor_:
            return from_int(t, a ^ b);
        case Opcode::shl:
            return from_int(t, a * (std::int64_t{1} << count));
        case Opcode::shr:
            return from_int(t, a >> count);  // a is sign-extended: arithmetic
        default:
            throw std::invalid_argument("reference: not an integer binary VXM op");
    }
}

std::uint32_t float_binary(Opcode op, ElemType t, float a, float b) {
    switch (op) {
        case Opcode::add:
            return from_float(t, a + b);
        case Opcode::sub:
            return from_float(t, a - b);
        case Opcode::mul:
            return from_float(t, a * b);
        case Opcode::min:
            return from_float(t, min_num(a, b));
        case Opcode::max:
            return from_float(t, max_num(a, b));
        default:
            throw std::invalid_argument("reference: not a float binary VXM op");
    }
}

}  // namespace

std::int64_t to_int(ElemType t, std::uint32_t bits) {
    const unsigned w = width_bits(t);
    std::int64_t v = w == 32 ? bits : (bits & ((1u << w) - 1));
    if (v & (std::int64_t{1} << (w - 1))) v -= std::int64_t{1} << w;
    return v;
}

std::uint32_t from_int(ElemType t, std::int64_t v) {
    const unsigned w = width_bits(t);
    const auto u = static_cast<std::uint64_t>(v);
    return static_cast<std::uint32_t>(w == 32 ? u & 0xffffffffu : u & ((1u << w) - 1));
}

std::uint32_t saturate_int(ElemType t, std::int64_t v) {
    if (v < int_min(t)) v = int_min(t);
    if (v > int_max(t)) v = int_max(t);
    return from_int(t, v);
}

std::uint32_t binary(Opcode op, ElemType t, std::uint32_t a, std::uint32_t b) {
    if (is_float(t)) return float_binary(op, t, to_float(t, a), to_float(t, b));
    return int_binary(op, t, to_int(t, a), to_int(t, b));
}

std::uint32_t unary(Opcode op, ElemType t, std::uint32_t a) {
    if (op == Opcode::mov) return a;
    if (is_float(t)) {
        const float x = to_float(t, a);
        switch (op) {
            case Opcode::neg:
                return a ^ sign_mask(t);  // sign flip, NaN included
            case Opcode::abs:
                return a & ~sign_mask(t);
            case Opcode::relu:
                return from_float(t, max_num(x, 0.0f));
            case Opcode::tanh:
                return from_float(t, std::tanh(x));
            case Opcode::exp:
                return from_float(t, std::exp(x));
            case Opcode::rsqrt:
                return from_float(t, 1.0f / std::sqrt(x));
            default:
                break;
        }
        throw std::invalid_argument("reference: not a float unary VXM op");
    }
    const std::int64_t x = to_int(t, a);
    switch (op) {
        case Opcode::neg:
            return from_int(t, -x);
        case Opcode::abs:
            return from_int(t, x < 0 ? -x : x);
        case Opcode::relu:
            return from_int(t, x > 0 ? x : 0);
        default:
            throw std::invalid_argument("reference: not an integer unary VXM op");
    }
}

// A NaN between float types keeps its sign and top payload bits; the quiet bit is set.
std::uint32_t convert_nan(ElemType dst, ElemType src, std::uint32_t a) {
    auto mant_bits = [](ElemType t) {
        return t == ElemType::f16 ? 10 : t == ElemType::bf16 ? 7 : 23;
    };
    const int from = mant_bits(src), to = mant_bits(dst);
    const std::uint32_t payload = a & ((1u << from) - 1);
    const std::uint32_t moved = to >= from ? payload << (to - from) : payload >> (from - to);
    const std::uint32_t sign = (a >> (8 * elem_bytes(src) - 1)) & 1u;
    const unsigned width = 8 * elem_bytes(dst);
    const std::uint32_t exp_ones = ((1u << (width - 1 - to)) - 1) << to;
    return (sign << (width - 1)) | exp_ones | (1u << (to - 1)) | moved;
}

std::uint32_t convert(ElemType dst, ElemType src, std::uint32_t a) {
    if (is_float(src)) {
        const float x = to_float(src, a);
        if (is_float(dst)) return std::isnan(x) ? convert_nan(dst, src, a) : from_float(dst, x);
        if (std::isnan(x)) return 0;
        const double t = std::trunc(static_cast<double>(x));
        if (t <= static_cast<double>(int_min(dst))) return saturate_int(dst, int_min(dst));
        if (t >= static_cast<double>(int_max(dst))) return saturate_int(dst, int_max(dst));
        return from_int(dst, static_cast<std::int64_t>(t));
    }
    const std::int64_t x = to_int(src, a);
    if (is_float(dst)) return int_to_float_bits(dst, x);
    return saturate_int(dst, x);
}

std::uint32_t requant(ElemType dst, std::int32_t x, std::int32_t scale, unsigned shift) {
    if (dst != ElemType::i8 && dst != ElemType::i16)
        throw std::invalid_argument("reference: REQ produces i8 or i16");
    std::int64_t v = static_cast<std::int64_t>(x) * scale;
    if (shift > 0) v = (v + (std::int64_t{1} << (shift - 1))) >> shift;
    return saturate_int(dst, v);
}

}  // namespace nodevp::lpu::ref
