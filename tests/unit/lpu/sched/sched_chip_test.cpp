// Scheduler programs run on the chip model and compared bit-exactly with the independent
// reference, at the default and the full geometry, on seeded random inputs.
#include <gtest/gtest.h>

#include "sw/lpu/sched/sched.hpp"
#include "tests/lpu/reference/reference.hpp"
#include "tests/unit/lpu/sched/chip_rig.hpp"

namespace nodevp::lpu::test {
namespace {

class SchedOnChip : public ::testing::TestWithParam<Geometry> {
  protected:
    const Geometry& g() const { return GetParam(); }
    unsigned vl() const { return g().vector_bytes(); }
    bool full() const { return g().superlanes > 2; }
    std::mt19937 rng{0x5eed};
};

std::vector<std::uint32_t> widen(const std::vector<std::int32_t>& v) {
    return {v.begin(), v.end()};
}

TEST_P(SchedOnChip, MatrixVectorProductMatchesReference) {
    const unsigned rows = vl() * (full() ? 4 : 3), cols = vl() * 2;
    const auto w = random_i8(rng, std::size_t{rows} * cols);
    const auto x = random_i8(rng, cols);
    const Program p = sched::matmul_i8(g(), w, rows, cols);
    ChipRig rig(p);
    rig.put_i8("x", x);
    rig.run();
    EXPECT_EQ(rig.get("y", 4), widen(ref::matvec_i8(w, rows, cols, x)));
}

// Y = W X on the chip for `batch` random columns, compared with the reference.
void check_matmul_i8(const Geometry& g, std::mt19937& rng, unsigned rows, unsigned cols,
                     unsigned batch) {
    const auto w = random_i8(rng, std::size_t{rows} * cols);
    std::vector<std::vector<std::int8_t>> x;
    std::vector<std::int8_t> flat;
    for (unsigned b = 0; b < batch; ++b) {
        x.push_back(random_i8(rng, cols));
        flat.insert(flat.end(), x.back().begin(), x.back().end());
    }
    const Program p = sched::matmul_i8(g, w, rows, cols, batch);
    ChipRig rig(p);
    rig.put_i8("x", flat);
    rig.run();
    std::vector<std::uint32_t> want;
    for (const auto& col : ref::matmul_i8(w, rows, cols, x))
        want.insert(want.end(), col.begin(), col.end());
    EXPECT_EQ(rig.get("y", 4), want);
}

TEST_P(SchedOnChip, MatrixMatrixProductBeyondEightColumnsMatchesReference) {
    check_matmul_i8(g(), rng, vl() * 2, vl() * (full() ? 1 : 3), full() ? 3 : 10);
}

// One K tile: the weights stay installed while more columns than there are accumulators
// stream through (the weight-stationary path of the scheduler).
TEST_P(SchedOnChip, WeightStationaryProductOverManyColumnsMatchesReference) {
    check_matmul_i8(g(), rng, vl() * 2, vl(), 19);
}

// Finite binary16 values of magnitude below 16 (subnormals included), so no sum overflows.
std::vector<std::uint16_t> random_f16(std::mt19937& rng, std::size_t n) {
    std::vector<std::uint16_t> v(n);
    for (auto& e : v) {
        const unsigned exp = rng() % 19;
        e = static_cast<std::uint16_t>((rng() & 0x8000u) | (exp << 10) | (rng() & 0x3ffu));
    }
    return v;
}

TEST_P(SchedOnChip, HalfPrecisionProductMatchesReference) {
    const unsigned rows = vl() * 2, cols = vl() * 3;
    const auto w = random_f16(rng, std::size_t{rows} * cols);
    const auto x = random_f16(rng, cols);
    const Program p = sched::matmul_f16(g(), w, rows, cols);
    ChipRig rig(p);
    rig.put("x", {x.begin(), x.end()}, 2);
    rig.run();
    EXPECT_EQ(rig.get("y", 4), ref::matvec_f16(w, rows, cols, x, vl()));
}

TEST_P(SchedOnChip, RequantisedProductMatchesReference) {
    const unsigned rows = vl() * 2, cols = vl() * 2;
    const auto w = random_i8(rng, std::size_t{rows} * cols);
    const auto x = random_i8(rng, cols);
    const Program p = sched::matmul_i8_requant(g(), w, rows, cols, 1, 3, 12);
    ChipRig rig(p);
    rig.put_i8("x", x);
    rig.run();
    std::vector<std::uint32_t> want;
    for (const std::int32_t v : ref::matvec_i8(w, rows, cols, x))
        want.push_back(ref::requant(ElemType::i8, v, 3, 12));
    EXPECT_EQ(rig.get("y", 1), want);
}

void check_ffn(const Geometry& g, std::mt19937& rng, bool relu) {
    const unsigned vl = g.vector_bytes();
    ref::FfnParams r;
    r.d_model = vl * (g.superlanes > 2 ? 1 : 2);
    r.d_ff = 4 * r.d_model;
    r.w_up = random_i8(rng, std::size_t{r.d_ff} * r.d_model);
    r.w_down = random_i8(rng, std::size_t{r.d_model} * r.d_ff);
    r.up_scale = 5;
    r.up_shift = 12;
    r.down_scale = 7;
    r.down_shift = 13;
    r.act = relu ? ref::Activation::relu : ref::Activation::none;
    const auto x = random_i8(rng, r.d_model);
    const auto want = ref::ffn_i8(r, x);

    sched::FfnSpec s{r.d_model,  r.d_ff,       r.w_up,       r.w_down, r.up_scale,
                     r.up_shift, r.down_scale, r.down_shift, relu};
    const Program p = sched::ffn_i8(g, s);
    ChipRig rig(p);
    rig.put_i8("x", x);
    rig.run();
    auto as_u8 = [](const std::vector<std::int8_t>& v) {
        std::vector<std::uint32_t> out;
        for (auto e : v) out.push_back(static_cast<std::uint8_t>(e));
        return out;
    };
    EXPECT_EQ(rig.get("h", 1), as_u8(want.hidden_pre));
    EXPECT_EQ(rig.get("y", 1), as_u8(want.y));
}

TEST_P(SchedOnChip, FfnBlockWithReluMatchesReference) {
    check_ffn(g(), rng, true);
}
TEST_P(SchedOnChip, FfnBlockWithoutActivationMatchesReference) {
    check_ffn(g(), rng, false);
}

TEST(SchedDensity, FfnKeepsTheMatrixPlaneBusyAtDefaultSize) {
    // d_model 64, d_ff 256 at VL 32: 2 x (8 x 2) = 32 weight tiles on the one plane. A tile takes
    // 8 LW (4 rows each) + IW + ABC + 2 hazard cycles = 12 cycles, so the plane needs 384
    // cycles; allow 30 % for pipeline fill, the h dependency between the stages and the drain.
    std::mt19937 rng(7);
    sched::FfnSpec s;
    s.d_model = 64;
    s.d_ff = 256;
    s.w_up = random_i8(rng, 64 * 256);
    s.w_down = random_i8(rng, 64 * 256);
    const Program p = sched::ffn_i8(default_geometry(), s);
    ChipRig rig(p);
    rig.put_i8("x", random_i8(rng, 64));
    rig.run();
    EXPECT_GE(rig.cycles(), 384u);
    EXPECT_LE(rig.cycles(), 384u * 13 / 10);
}

INSTANTIATE_TEST_SUITE_P(Geometries, SchedOnChip,
                         ::testing::Values(default_geometry(), full_geometry()),
                         [](const auto& info) {
                             return std::string(info.param.superlanes > 2 ? "Full" : "Default");
                         });

}  // namespace
}  // namespace nodevp::lpu::test
