// Scheduler checks that need no chip: shape errors, symbols, and the emitted streams' timing.
#include <gtest/gtest.h>

#include "sw/lpu/sched/layout.hpp"
#include "sw/lpu/sched/sched.hpp"

namespace nodevp::lpu::sched {
namespace {

const Geometry kDefault{};
const Geometry kFull{20, 88, 8192, 4, 16};

TEST(LpuSchedLayout, PlacesSlicesMirroredAroundTheVxm) {
    const Layout l(kDefault);  // MXM0 SXM_W w1 w0 VXM e0 e1 SXM_E
    EXPECT_EQ(l.plane(0), 0u);
    EXPECT_EQ(l.mem(1), 2u);
    EXPECT_EQ(l.mem(0), 3u);
    EXPECT_EQ(l.vxm(), 4u);
    EXPECT_EQ(l.mem(2), 5u);
    EXPECT_EQ(l.positions(), 8u);
    const Layout f(kFull);  // MXM2 MXM0 SXM_W w43…w0 VXM e0…e43 SXM_E MXM1 MXM3
    EXPECT_EQ(f.plane(2), 0u);
    EXPECT_EQ(f.plane(0), 1u);
    EXPECT_EQ(f.vxm(), 47u);
    EXPECT_EQ(f.plane(1), 93u);
    EXPECT_EQ(f.plane(3), 94u);
    EXPECT_EQ(f.positions(), 95u);
}

TEST(LpuSched, RejectsDimensionsThatAreNotMultiplesOfTheVectorLength) {
    EXPECT_THROW(matmul_i8(kDefault, std::vector<std::int8_t>(33 * 32), 33, 32),
                 std::invalid_argument);
    FfnSpec s;
    s.d_model = 32;
    s.d_ff = 48;
    EXPECT_THROW(ffn_i8(kDefault, s), std::invalid_argument);
}

TEST(LpuSched, RefusesWideOperandsWithTooFewSlicesPerHemisphere) {
    EXPECT_THROW(elementwise(kDefault, Opcode::add, ElemType::i32, 1), std::invalid_argument);
    EXPECT_NO_THROW(elementwise(kDefault, Opcode::add, ElemType::f16, 1));
}

TEST(LpuSched, ProductProgramNamesItsInputAndOutputPlanes) {
    const Program p = matmul_i8(kDefault, std::vector<std::int8_t>(64 * 32), 64, 32, 2);
    ASSERT_NE(p.symbol("x"), nullptr);
    EXPECT_EQ(p.symbol("x")->vectors, 2u);
    for (const char* y : {"y.0", "y.1", "y.2", "y.3"}) {
        ASSERT_NE(p.symbol(y), nullptr) << y;
        EXPECT_EQ(p.symbol(y)->vectors, 4u);
    }
    EXPECT_EQ(p.geometry, kDefault);
}

TEST(LpuSched, FfnProgramHoldsItsWeightsAsSramData) {
    FfnSpec s;
    s.d_model = 64;
    s.d_ff = 128;
    s.w_up.assign(128 * 64, 1);
    s.w_down.assign(64 * 128, 2);
    const Program p = ffn_i8(kDefault, s);
    std::size_t bytes = 0;
    for (const auto& d : p.data) bytes += d.bytes.size();
    EXPECT_EQ(bytes, 2u * 128 * 64);
    for (const char* name : {"x", "h", "y"}) EXPECT_NE(p.symbol(name), nullptr) << name;
}

}  // namespace
}  // namespace nodevp::lpu::sched
