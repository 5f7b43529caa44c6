// Host-side checks of the guest runtime's plain-C parts (sw/runtime): the fp32 weights it draws
// on the node are bit-identical to the independent reference's (sw/reference), and its device-tree
// reader finds /chosen and per-device properties in a blob written with libfdt.
#include <gtest/gtest.h>
#include <libfdt.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "sw/reference/model.hpp"
#include "sw/runtime/fdt.h"
#include "sw/runtime/model.h"
#include "sw/runtime/weights.h"

namespace {

namespace ref = nodevp::demo::ref;

std::uint32_t bits(float f) {
    std::uint32_t b;
    std::memcpy(&b, &f, sizeof b);
    return b;
}

void expect_same(const float* got, const std::vector<float>& want, const char* what) {
    for (std::size_t i = 0; i < want.size(); ++i)
        ASSERT_EQ(bits(got[i]), bits(want[i])) << what << "[" << i << "]";
}

TEST(HybridRuntimeWeights, EveryFp32WeightEqualsTheReferenceBitForBit) {
    std::vector<float> w(HY_W_FLOATS);
    hy_draw_weights(HY_SEED, w.data());
    const ref::Weights r = ref::make_weights(HY_SEED);
    expect_same(w.data() + HY_W_EMBED, r.embed, "embed");
    for (unsigned l = 0; l < HY_LAYERS; ++l) {
        const float* lw = w.data() + HY_W_LAYER(l);
        expect_same(lw + HY_WL_ATTN_NORM, r.layers[l].attn_norm, "attn_norm");
        expect_same(lw + HY_WL_WQ, r.layers[l].wq, "wq");
        expect_same(lw + HY_WL_WK, r.layers[l].wk, "wk");
        expect_same(lw + HY_WL_WV, r.layers[l].wv, "wv");
        expect_same(lw + HY_WL_WO, r.layers[l].wo, "wo");
        expect_same(lw + HY_WL_FFN_NORM, r.layers[l].ffn_norm, "ffn_norm");
    }
    expect_same(w.data() + HY_W_FINAL_NORM, r.final_norm, "final_norm");
    expect_same(w.data() + HY_W_LM, r.w_lm, "w_lm");
    EXPECT_EQ(HY_W_FLOATS, 57664u);  // docs/demo/model.md
}

TEST(HybridRuntimeWeights, SymBitsAtTheEdgesOfTheRange) {
    // (z >> 40) = 0 -> -1.0f; 2^23 -> +0.0f; 2^24 - 1 -> 1 - 2^-23; scaled by 2^-3.
    EXPECT_EQ(hy_sym_bits(0, 0), bits(-1.0f));
    EXPECT_EQ(hy_sym_bits(std::uint64_t{1} << 63, 0), 0u);
    EXPECT_EQ(hy_sym_bits(~std::uint64_t{0}, 0), bits(1.0f - 0x1p-23f));
    EXPECT_EQ(hy_sym_bits(~std::uint64_t{0}, -3), bits(0.125f - 0x1p-26f));
    EXPECT_EQ(hy_sym_bits(std::uint64_t{1} << 40, 0), bits(-1.0f + 0x1p-23f));
}

// A small tree like the platform's: /chosen with the demo's properties, two LPU nodes.
std::vector<char> make_tree() {
    std::vector<char> buf(4096);
    void* f = buf.data();
    EXPECT_EQ(fdt_create(f, static_cast<int>(buf.size())), 0);
    EXPECT_EQ(fdt_finish_reservemap(f), 0);
    EXPECT_EQ(fdt_begin_node(f, ""), 0);
    EXPECT_EQ(fdt_begin_node(f, "chosen"), 0);
    EXPECT_EQ(fdt_property_string(f, "nodevp,demo-prompt", "Hi there"), 0);
    EXPECT_EQ(fdt_property_u32(f, "nodevp,demo-tokens", 40), 0);
    EXPECT_EQ(fdt_end_node(f), 0);
    EXPECT_EQ(fdt_begin_node(f, "soc"), 0);
    EXPECT_EQ(fdt_begin_node(f, "chosen"), 0);  // not /chosen
    EXPECT_EQ(fdt_property_u32(f, "nodevp,demo-tokens", 7), 0);
    EXPECT_EQ(fdt_end_node(f), 0);
    for (unsigned i = 0; i < 2; ++i) {
        EXPECT_EQ(fdt_begin_node(f, ("lpu@" + std::to_string(21 + i)).c_str()), 0);
        const char compat[] = "vendor,other\0nodevp,lpu";
        EXPECT_EQ(fdt_property(f, "compatible", compat, sizeof compat), 0);
        EXPECT_EQ(fdt_property_u32(f, "clock-frequency", 900000000u + i), 0);
        EXPECT_EQ(fdt_end_node(f), 0);
    }
    EXPECT_EQ(fdt_end_node(f), 0);
    EXPECT_EQ(fdt_end_node(f), 0);
    EXPECT_EQ(fdt_finish(f), 0);
    return buf;
}

TEST(HybridRuntimeFdt, FindsChosenPropertiesAndNotSameNamedNodesElsewhere) {
    const std::vector<char> t = make_tree();
    std::uint32_t len = 0;
    const char* p =
        static_cast<const char*>(hy_fdt_prop(t.data(), "/chosen", "nodevp,demo-prompt", &len));
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(len, 9u);
    EXPECT_STREQ(p, "Hi there");
    const void* n = hy_fdt_prop(t.data(), "/chosen", "nodevp,demo-tokens", &len);
    ASSERT_NE(n, nullptr);
    EXPECT_EQ(len, 4u);
    EXPECT_EQ(hy_fdt_u32(n), 40u);
    const void* deep = hy_fdt_prop(t.data(), "/soc/chosen", "nodevp,demo-tokens", &len);
    ASSERT_NE(deep, nullptr);
    EXPECT_EQ(hy_fdt_u32(deep), 7u);
    EXPECT_EQ(hy_fdt_prop(t.data(), "/chosen", "bootargs", &len), nullptr);
    EXPECT_EQ(hy_fdt_prop(t.data(), "/nothing", "nodevp,demo-tokens", &len), nullptr);
}

TEST(HybridRuntimeFdt, FindsTheIndexthCompatibleNodesProperty) {
    const std::vector<char> t = make_tree();
    std::uint32_t len = 0;
    for (unsigned i = 0; i < 2; ++i) {
        const void* v = hy_fdt_compatible_prop(t.data(), "nodevp,lpu", i, "clock-frequency", &len);
        ASSERT_NE(v, nullptr) << i;
        EXPECT_EQ(hy_fdt_u32(v), 900000000u + i);
    }
    EXPECT_EQ(hy_fdt_compatible_prop(t.data(), "nodevp,lpu", 2, "clock-frequency", &len), nullptr);
    EXPECT_EQ(hy_fdt_compatible_prop(t.data(), "nodevp,gpu", 0, "clock-frequency", &len), nullptr);
}

TEST(HybridRuntimeFdt, RejectsABadBlobAndATruncatedOne) {
    std::vector<char> t = make_tree();
    std::uint32_t len = 0;
    EXPECT_EQ(hy_fdt_prop(nullptr, "/chosen", "x", &len), nullptr);
    std::vector<char> bad = t;
    bad[0] ^= 1;  // magic
    EXPECT_EQ(hy_fdt_prop(bad.data(), "/chosen", "nodevp,demo-tokens", &len), nullptr);
    // A structure block that claims to be shorter than it is: nothing past its end is read.
    std::vector<char> cut = t;
    const std::uint32_t struct_size = 24;  // only the root's BEGIN_NODE and part of /chosen
    fdt_set_size_dt_struct(cut.data(), struct_size);
    EXPECT_EQ(hy_fdt_prop(cut.data(), "/chosen", "nodevp,demo-tokens", &len), nullptr);
}

}  // namespace
