// The C++ MXM plane. Weight cells hold 16 bits: an i8 LW stores the byte in the low half (high
// half zero), an f16 LW the binary16 value; ABC reads the cells as the type in force
// (CONFIG mxm.type). Accumulators hold 32-bit words read as int32 or binary32 the same way; a
// NaN accumulator is the canonical quiet NaN.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/lpu/units/mxm_kernels.hpp"
#include "models/lpu/units/units.hpp"

namespace nodevp::lpu {

namespace {

class CppMxm final : public MxmUnit {
  public:
    explicit CppMxm(const Geometry& g)
        : n_(g.vector_bytes()),
          shadow_(std::size_t{n_} * n_),
          active_(std::size_t{n_} * n_),
          w_i16_(std::size_t{n_} * n_),
          w_f32_(std::size_t{n_} * n_),
          x_i16_(n_),
          x_f32_(n_),
          y_i32_(n_),
          y_f32_(n_) {
        for (auto& a : acc_) a.assign(n_, 0);
    }

    void set_type(unsigned mxm_type) override {
        if (mxm_type != kMxmTypeI8 && mxm_type != kMxmTypeF16)
            throw std::logic_error("MXM: unknown mxm.type " + std::to_string(mxm_type));
        if (mxm_type == type_) return;
        type_ = mxm_type;
        rebuild_active();
    }

    void load_weights(const std::uint8_t* const* streams, unsigned g) override {
        if (type_ == kMxmTypeI8) {
            for (unsigned k = 0; k < g; ++k) store_row_i8(streams[k]);
        } else {
            for (unsigned k = 0; k + 1 < g; k += 2) store_row_f16(streams[k], streams[k + 1]);
        }
    }

    void install() override {
        active_ = shadow_;
        row_ = 0;
        rebuild_active();
    }

    void accumulate(const std::uint8_t* const* x, unsigned acc, bool set) override {
        std::vector<std::uint32_t>& a = accumulator(acc);
        if (type_ == kMxmTypeI8) {
            for (unsigned c = 0; c < n_; ++c) x_i16_[c] = static_cast<std::int8_t>(x[0][c]);
            mxm::matvec_i16(w_i16_.data(), x_i16_.data(), n_, y_i32_.data());
            add_i32(a, set);
        } else {
            for (unsigned c = 0; c < n_; ++c)
                x_f32_[c] = f16_to_f32(static_cast<std::uint16_t>(x[0][c] | x[1][c] << 8));
            mxm::matvec_f32_ordered(w_f32_.data(), x_f32_.data(), n_, y_f32_.data());
            add_f32(a, set);
        }
    }

    void drain(unsigned acc, std::uint8_t* const* out) override {
        std::vector<std::uint32_t>& a = accumulator(acc);
        for (unsigned k = 0; k < 4; ++k)
            for (unsigned i = 0; i < n_; ++i)
                out[k][i] = static_cast<std::uint8_t>(a[i] >> (8 * k));
        std::fill(a.begin(), a.end(), 0);
    }

    void reset() override {
        std::fill(shadow_.begin(), shadow_.end(), 0);
        std::fill(active_.begin(), active_.end(), 0);
        for (auto& a : acc_) std::fill(a.begin(), a.end(), 0);
        row_ = 0;
        type_ = kMxmTypeI8;
        rebuild_active();
    }

  private:
    std::vector<std::uint32_t>& accumulator(unsigned acc) {
        if (acc >= kAccumulators)
            throw std::logic_error("MXM: accumulator " + std::to_string(acc) + " out of range");
        return acc_[acc];
    }

    void store_row_i8(const std::uint8_t* s) {
        std::uint16_t* row = &shadow_[std::size_t{row_} * n_];
        for (unsigned c = 0; c < n_; ++c) row[c] = s[c];
        row_ = (row_ + 1) % n_;
    }

    void store_row_f16(const std::uint8_t* lo, const std::uint8_t* hi) {
        std::uint16_t* row = &shadow_[std::size_t{row_} * n_];
        for (unsigned c = 0; c < n_; ++c) row[c] = static_cast<std::uint16_t>(lo[c] | hi[c] << 8);
        row_ = (row_ + 1) % n_;
    }

    // The active cells in the layout the current type's kernel wants.
    void rebuild_active() {
        if (type_ == kMxmTypeI8) {
            for (std::size_t i = 0; i < active_.size(); ++i)
                w_i16_[i] = static_cast<std::int8_t>(active_[i] & 0xff);
        } else {
            for (unsigned r = 0; r < n_; ++r)
                for (unsigned c = 0; c < n_; ++c)
                    w_f32_[std::size_t{c} * n_ + r] = f16_to_f32(active_[std::size_t{r} * n_ + c]);
        }
    }

    void add_i32(std::vector<std::uint32_t>& a, bool set) {
        for (unsigned r = 0; r < n_; ++r) {
            const auto y = static_cast<std::uint32_t>(y_i32_[r]);
            a[r] = set ? y : a[r] + y;  // int32 accumulation wraps
        }
    }

    void add_f32(std::vector<std::uint32_t>& a, bool set) {
        for (unsigned r = 0; r < n_; ++r) {
            float v = y_f32_[r];
            if (!set) {
                float old;
                std::memcpy(&old, &a[r], sizeof old);
                v = old + v;
            }
            if (std::isnan(v)) v = std::numeric_limits<float>::quiet_NaN();  // canonical
            std::memcpy(&a[r], &v, sizeof v);
        }
    }

    unsigned n_;
    unsigned type_ = kMxmTypeI8;
    unsigned row_ = 0;
    std::vector<std::uint16_t> shadow_;  // row-major cells
    std::vector<std::uint16_t> active_;
    std::vector<std::int16_t> w_i16_;  // active, row-major, i8 view
    std::vector<float> w_f32_;         // active, column-major, f16 view
    std::vector<std::int16_t> x_i16_;
    std::vector<float> x_f32_;
    std::vector<std::int32_t> y_i32_;
    std::vector<float> y_f32_;
    std::vector<std::uint32_t> acc_[kAccumulators];
};

}  // namespace

std::unique_ptr<MxmUnit> make_cpp_mxm(const Geometry& geometry) {
    return std::make_unique<CppMxm>(geometry);
}

}  // namespace nodevp::lpu
