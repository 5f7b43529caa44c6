#include "models/lpu/units/vxm_int.hpp"

#include <stdexcept>
#include <string>

namespace nodevp::lpu::vxm {

namespace {

// Element loops over int32-widened lanes; `bits` is the element width. Results are narrowed by
// store_int, so only the low `bits` bits of each result matter: +, −, × and << are computed
// modulo 2^32 on unsigned values.
template <typename F>
void map2(const std::int32_t* a, const std::int32_t* b, std::int32_t* d, unsigned n, F f) {
    for (unsigned i = 0; i < n; ++i) d[i] = f(a[i], b[i]);
}

template <typename F>
void map1(const std::int32_t* a, std::int32_t* d, unsigned n, F f) {
    for (unsigned i = 0; i < n; ++i) d[i] = f(a[i]);
}

std::uint32_t u(std::int32_t v) {
    return static_cast<std::uint32_t>(v);
}
std::int32_t s(std::uint32_t v) {
    return static_cast<std::int32_t>(v);
}

[[noreturn]] void unsupported(Opcode op) {
    throw std::logic_error("VXM: integer op " + std::to_string(static_cast<unsigned>(op)));
}

}  // namespace

void load_int(unsigned bytes, Planes p, unsigned n, std::int32_t* out) {
    switch (bytes) {
        case 1:
            for (unsigned i = 0; i < n; ++i) out[i] = static_cast<std::int8_t>(p[0][i]);
            return;
        case 2:
            for (unsigned i = 0; i < n; ++i)
                out[i] = static_cast<std::int16_t>(p[0][i] | p[1][i] << 8);
            return;
        default:
            for (unsigned i = 0; i < n; ++i)
                out[i] = s(u(p[0][i]) | u(p[1][i]) << 8 | u(p[2][i]) << 16 | u(p[3][i]) << 24);
            return;
    }
}

void store_int(unsigned bytes, const std::int32_t* in, unsigned n, OutPlanes p) {
    for (unsigned k = 0; k < bytes; ++k)
        for (unsigned i = 0; i < n; ++i) p[k][i] = static_cast<std::uint8_t>(u(in[i]) >> (8 * k));
}

void int_binary(Opcode op, unsigned bits, const std::int32_t* a, const std::int32_t* b,
                std::int32_t* d, unsigned n) {
    const std::uint32_t cmask = bits - 1;
    // MIN/MAX/SHR need the element's signed value, which load_int provides (sign-extended).
    switch (op) {
        case Opcode::add:
            return map2(a, b, d, n, [](auto x, auto y) { return s(u(x) + u(y)); });
        case Opcode::sub:
            return map2(a, b, d, n, [](auto x, auto y) { return s(u(x) - u(y)); });
        case Opcode::mul:
            return map2(a, b, d, n, [](auto x, auto y) { return s(u(x) * u(y)); });
        case Opcode::min:
            return map2(a, b, d, n, [](auto x, auto y) { return x < y ? x : y; });
        case Opcode::max:
            return map2(a, b, d, n, [](auto x, auto y) { return x > y ? x : y; });
        case Opcode::and_:
            return map2(a, b, d, n, [](auto x, auto y) { return x & y; });
        case Opcode::or_:
            return map2(a, b, d, n, [](auto x, auto y) { return x | y; });
        case Opcode::xor_:
            return map2(a, b, d, n, [](auto x, auto y) { return x ^ y; });
        case Opcode::shl:
            return map2(a, b, d, n, [cmask](auto x, auto y) { return s(u(x) << (u(y) & cmask)); });
        case Opcode::shr:
            return map2(a, b, d, n, [cmask](auto x, auto y) { return x >> (u(y) & cmask); });
        default:
            unsupported(op);
    }
}

void int_unary(Opcode op, const std::int32_t* a, std::int32_t* d, unsigned n) {
    switch (op) {
        case Opcode::mov:
            return map1(a, d, n, [](auto x) { return x; });
        case Opcode::neg:
            return map1(a, d, n, [](auto x) { return s(0u - u(x)); });
        case Opcode::abs:
            return map1(a, d, n, [](auto x) { return x < 0 ? s(0u - u(x)) : x; });
        case Opcode::relu:
            return map1(a, d, n, [](auto x) { return x > 0 ? x : 0; });
        default:
            unsupported(op);
    }
}

}  // namespace nodevp::lpu::vxm
