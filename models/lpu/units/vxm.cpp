// The C++ VXM: decodes the instruction once and runs one loop per operation and element type.
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "models/lpu/units/units.hpp"
#include "models/lpu/units/vxm_float.hpp"
#include "models/lpu/units/vxm_int.hpp"
#include "models/lpu/units/vxm_lanes.hpp"
#include "models/lpu/units/vxm_ops.hpp"

namespace nodevp::lpu {

namespace vxm {

Scratch::Scratch(unsigned n_) : n(n_), ia(n_), ib(n_), id(n_), fa(n_), fb(n_), fd(n_), raw(n_) {}

namespace {

// A NaN result of an arithmetic op is the canonical quiet NaN (0x7fc00000; stored as f16 0x7e00,
// bf16 0x7fc0), whatever produced it: host NaN propagation rules never reach the streams.
void canonicalize_nans(float* v, unsigned n) {
    const float canonical = std::numeric_limits<float>::quiet_NaN();
    for (unsigned i = 0; i < n; ++i)
        if (std::isnan(v[i])) v[i] = canonical;
}

// MOV, NEG, ABS on a float type: copy, flip or clear the sign bit of the stored value (IEEE
// copy/negate/abs: NaN payloads, signalling NaNs included, are kept).
void float_sign_op(Opcode op, ElemType t, Planes a, OutPlanes d, Scratch& s) {
    const unsigned bytes = elem_bytes(t);
    const auto sign = static_cast<std::int32_t>(0x80u << (8 * (bytes - 1)) & 0xffffffffu);
    load_int(bytes, a, s.n, s.ia.data());
    for (unsigned i = 0; i < s.n; ++i) {
        const std::int32_t x = s.ia[i];
        s.id[i] = op == Opcode::neg ? x ^ sign : op == Opcode::abs ? x & ~sign : x;
    }
    store_int(bytes, s.id.data(), s.n, d);
}

}  // namespace

void binary(Opcode op, ElemType t, Planes a, Planes b, OutPlanes d, Scratch& s) {
    if (!vxm_supports(op, t))
        throw std::logic_error("VXM: binary op on unsupported type " + std::string(elem_name(t)));
    if (is_float(t)) {
        load_float(t, a, s.n, s.fa.data(), s.raw.data());
        load_float(t, b, s.n, s.fb.data(), s.raw.data());
        float_binary(op, s.fa.data(), s.fb.data(), s.fd.data(), s.n);
        canonicalize_nans(s.fd.data(), s.n);
        store_float(t, s.fd.data(), s.n, d, s.raw.data());
        return;
    }
    const unsigned bytes = elem_bytes(t);
    load_int(bytes, a, s.n, s.ia.data());
    load_int(bytes, b, s.n, s.ib.data());
    int_binary(op, 8 * bytes, s.ia.data(), s.ib.data(), s.id.data(), s.n);
    store_int(bytes, s.id.data(), s.n, d);
}

void unary(Opcode op, ElemType t, Planes a, OutPlanes d, Scratch& s) {
    if (!vxm_supports(op, t))
        throw std::logic_error("VXM: unary op on unsupported type " + std::string(elem_name(t)));
    if (is_float(t)) {
        if (op == Opcode::mov || op == Opcode::neg || op == Opcode::abs)
            return float_sign_op(op, t, a, d, s);
        load_float(t, a, s.n, s.fa.data(), s.raw.data());
        float_unary(op, s.fa.data(), s.fd.data(), s.n);
        canonicalize_nans(s.fd.data(), s.n);
        store_float(t, s.fd.data(), s.n, d, s.raw.data());
        return;
    }
    const unsigned bytes = elem_bytes(t);
    load_int(bytes, a, s.n, s.ia.data());
    int_unary(op, s.ia.data(), s.id.data(), s.n);
    store_int(bytes, s.id.data(), s.n, d);
}

}  // namespace vxm

namespace {

ElemType elem(std::uint8_t code) {
    if (code >= kElemTypes)
        throw std::logic_error("VXM: element type code " + std::to_string(code));
    return static_cast<ElemType>(code);
}

class CppVxm final : public VxmUnit {
  public:
    explicit CppVxm(const Geometry& g) : scratch_(g.vector_bytes()) {}

    void execute(const Insn& insn, const std::uint8_t* const* a, const std::uint8_t* const* b,
                 std::uint8_t* const* dst) override {
        const InsnInfo* row = info(insn.op);
        if (!row || row->unit != Unit::vxm)
            throw std::logic_error("VXM: not a VXM opcode " +
                                   std::to_string(static_cast<unsigned>(insn.op)));
        switch (row->format) {
            case Format::vbin:
                return vxm::binary(insn.op, elem(insn.t1), a, b, dst, scratch_);
            case Format::vun:
                return vxm::unary(insn.op, elem(insn.t1), a, dst, scratch_);
            case Format::cvt:
                return vxm::convert(elem(insn.t1), elem(insn.t2), a, dst, scratch_);
            case Format::req:
                return vxm::requantize(elem(insn.t1), insn.imm, insn.shift, a, dst, scratch_);
            default:
                throw std::logic_error("VXM: unexpected format");
        }
    }

  private:
    vxm::Scratch scratch_;
};

}  // namespace

bool vxm_supports(Opcode op, ElemType t) {
    if (static_cast<unsigned>(t) >= kElemTypes) return false;
    const bool fp = is_float(t);
    switch (op) {
        case Opcode::add:
        case Opcode::sub:
        case Opcode::mul:
        case Opcode::min:
        case Opcode::max:
        case Opcode::mov:
        case Opcode::neg:
        case Opcode::abs:
        case Opcode::relu:
        case Opcode::cvt:
            return true;
        case Opcode::and_:
        case Opcode::or_:
        case Opcode::xor_:
        case Opcode::shl:
        case Opcode::shr:
            return !fp;
        case Opcode::tanh:
        case Opcode::exp:
        case Opcode::rsqrt:
            return fp;
        case Opcode::req:
            return t == ElemType::i8 || t == ElemType::i16;
        default:
            return false;
    }
}

std::unique_ptr<VxmUnit> make_cpp_vxm(const Geometry& geometry) {
    return std::make_unique<CppVxm>(geometry);
}

}  // namespace nodevp::lpu
