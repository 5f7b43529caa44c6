// MXM products and the FFN block, as straight loops.
#include <stdexcept>

#include "tests/lpu/reference/reference.hpp"

namespace nodevp::lpu::ref {

namespace {

void check_shape(std::size_t w_size, unsigned rows, unsigned cols, std::size_t x_size) {
    if (w_size != std::size_t{rows} * cols || x_size != cols)
        throw std::invalid_argument("reference: matrix and vector shapes disagree");
}

// int32 accumulation that wraps like the hardware (no signed-overflow UB on the host).
std::int32_t wrap_add(std::int32_t acc, std::int32_t v) {
    return static_cast<std::int32_t>(static_cast<std::uint32_t>(acc) +
                                     static_cast<std::uint32_t>(v));
}

}  // namespace

std::vector<std::int32_t> matvec_i8(const std::vector<std::int8_t>& w, unsigned rows, unsigned cols,
                                    const std::vector<std::int8_t>& x) {
    check_shape(w.size(), rows, cols, x.size());
    std::vector<std::int32_t> y(rows, 0);
    for (unsigned r = 0; r < rows; ++r)
        for (unsigned c = 0; c < cols; ++c)
            y[r] = wrap_add(y[r], std::int32_t{w[std::size_t{r} * cols + c]} * x[c]);
    return y;
}

std::vector<std::vector<std::int32_t>> matmul_i8(const std::vector<std::int8_t>& w, unsigned rows,
                                                 unsigned cols,
                                                 const std::vector<std::vector<std::int8_t>>& x) {
    std::vector<std::vector<std::int32_t>> y;
    for (const auto& column : x) y.push_back(matvec_i8(w, rows, cols, column));
    return y;
}

std::vector<std::uint32_t> matvec_f16(const std::vector<std::uint16_t>& w, unsigned rows,
                                      unsigned cols, const std::vector<std::uint16_t>& x,
                                      unsigned vl) {
    check_shape(w.size(), rows, cols, x.size());
    if (vl == 0 || cols % vl != 0) throw std::invalid_argument("reference: cols % vl != 0");
    std::vector<std::uint32_t> y(rows);
    for (unsigned r = 0; r < rows; ++r) {
        float acc = 0;
        for (unsigned tile = 0; tile < cols / vl; ++tile) {
            float sum = 0;
            for (unsigned c = 0; c < vl; ++c) {
                const unsigned col = tile * vl + c;
                // The product of two binary16 values is exact in binary32.
                const float p =
                    half_to_float(w[std::size_t{r} * cols + col]) * half_to_float(x[col]);
                sum = c == 0 ? p : sum + p;
            }
            acc = tile == 0 ? sum : acc + sum;
        }
        y[r] = from_float(ElemType::f32, acc);
    }
    return y;
}

FfnResult ffn_i8(const FfnParams& p, const std::vector<std::int8_t>& x) {
    FfnResult out;
    const auto up = matvec_i8(p.w_up, p.d_ff, p.d_model, x);
    for (const std::int32_t v : up) {
        const auto h = static_cast<std::int8_t>(requant(ElemType::i8, v, p.up_scale, p.up_shift));
        out.hidden_pre.push_back(h);
        out.hidden.push_back(p.act == Activation::relu && h < 0 ? std::int8_t{0} : h);
    }
    const auto down = matvec_i8(p.w_down, p.d_model, p.d_ff, out.hidden);
    for (const std::int32_t v : down)
        out.y.push_back(
            static_cast<std::int8_t>(requant(ElemType::i8, v, p.down_scale, p.down_shift)));
    return out;
}

}  // namespace nodevp::lpu::ref
