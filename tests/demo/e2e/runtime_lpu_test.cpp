// The runtime's LPU side (sw/runtime/lpu_ffn.c) on the host against a mock driver that records
// every call: the program set chosen from the geometry registers, programs loaded once and kept,
// reloads when one LPU alternates layers, and recovery from a program error by reset, reload and
// retry of the same row, at most HY_LPU_RETRIES times; other errors are not retried.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <deque>
#include <string>
#include <vector>

#include "gen/node.h"
#include "sw/runtime/lpu_ffn.h"
#include "sw/runtime/runtime.h"

// The generated table (hybrid_lpu.h) names the embedded images (sets default and full, layers 0
// and 1); here they are stand-ins.
extern "C" const std::uint8_t hybrid_lpu_blobs[64] = {};
extern "C" const std::uint8_t hybrid_lpu_blobs_end[1] = {};
extern "C" const std::uint8_t hybrid_lpu_0_0[1] = {};
extern "C" const std::uint8_t hybrid_lpu_0_1[1] = {};
extern "C" const std::uint8_t hybrid_lpu_1_0[1] = {};
extern "C" const std::uint8_t hybrid_lpu_1_1[1] = {};

namespace {

std::vector<std::string> calls;  // "op lpu args" in call order
std::deque<int> run_results;     // what the next nv_lpu_run_io calls return (then NV_OK)
std::uint64_t clock_ns = 0;

}  // namespace

extern "C" {
const char* nv_strerror(int e) {
    return e == NV_OK ? "success" : "mock error";
}
uint64_t nv_now_ns(const struct nv_node*) {
    return clock_ns += 100;
}
int nv_lpu_load_program(struct nv_node*, unsigned lpu, uint64_t, uint32_t length) {
    calls.push_back("load " + std::to_string(lpu) + " " + std::to_string(length));
    return NV_OK;
}
int nv_lpu_write_sram(struct nv_node*, unsigned lpu, uint64_t, uint32_t offset, uint32_t length) {
    calls.push_back("write " + std::to_string(lpu) + " " + std::to_string(offset) + " " +
                    std::to_string(length));
    return NV_OK;
}
int nv_lpu_reset(struct nv_node*, unsigned lpu) {
    calls.push_back("reset " + std::to_string(lpu));
    return NV_OK;
}
int nv_lpu_run_io(struct nv_node* node, unsigned lpu, uint64_t in, uint32_t in_offset,
                  uint32_t in_len, uint64_t out, uint32_t out_offset, uint32_t out_len) {
    calls.push_back("run " + std::to_string(lpu) + " in+" + std::to_string(in) + " " +
                    std::to_string(in_offset) + " " + std::to_string(in_len) + " out+" +
                    std::to_string(out) + " " + std::to_string(out_offset) + " " +
                    std::to_string(out_len));
    int r = NV_OK;
    if (!run_results.empty()) {
        r = run_results.front();
        run_results.pop_front();
    }
    node->lpu[lpu].last_run.cycles = 476;
    node->lpu[lpu].last_run.err_code = r == NV_E_PROGRAM ? LPU_ERR_ECC_UNCORRECTABLE : 0;
    return r;
}
}

namespace {

// A node whose LPUs' register windows are host arrays holding a geometry.
struct Fixture {
    std::vector<std::uint32_t> regs[NV_LPU_MAX];
    struct nv_node node {};
    struct hy_runtime rt {};

    Fixture(unsigned lpus, std::uint32_t superlanes, std::uint32_t slices, std::uint32_t planes,
            std::uint32_t alus) {
        node.lpus = lpus;
        for (unsigned i = 0; i < lpus; ++i) {
            regs[i].assign(LPU_REGS_SIZE / 4, 0);
            regs[i][LPU_GEOMETRY / 4] = superlanes << LPU_GEOMETRY_SUPERLANES_SHIFT |
                                        planes << LPU_GEOMETRY_MXM_PLANES_SHIFT |
                                        alus << LPU_GEOMETRY_VXM_ALUS_SHIFT;
            regs[i][LPU_MEM_SLICES / 4] = slices;
            regs[i][LPU_MEM_WORDS / 4] = 8192;
            node.lpu[i].regs = reinterpret_cast<std::uintptr_t>(regs[i].data());
        }
        rt.node = &node;
        rt.lpus = lpus;
        for (int& l : rt.loaded) l = -1;
        rt.xq = 0x1000, rt.yq = 0x2000, rt.zeros = 0x3000;
        calls.clear();
        run_results.clear();
    }
    int set() {
        struct hy_geometry g;
        hy_lpu_geometry(&node, 0, &g);
        return hy_lpu_find_set(&g);
    }
};

bool starts_with(const std::string& s, const std::string& p) {
    return s.compare(0, p.size(), p) == 0;
}

TEST(HybridRuntimeLpu, PicksTheProgramSetOfEachNodesGeometryAndRefusesOthers) {
    Fixture def(2, 2, 4, 1, 4);
    EXPECT_STREQ(hy_lpu_set_name(static_cast<unsigned>(def.set())), "default");
    Fixture full(4, 20, 88, 4, 16);
    EXPECT_STREQ(hy_lpu_set_name(static_cast<unsigned>(full.set())), "full");
    Fixture other(2, 4, 4, 1, 4);
    EXPECT_EQ(other.set(), -1);
}

TEST(HybridRuntimeLpu, LoadsOnceThenRunsEveryRowOnTheLayersLpu) {
    Fixture f(2, 2, 4, 1, 4);
    f.rt.set = static_cast<unsigned>(f.set());
    ASSERT_EQ(hy_lpu_ffn_rows(&f.rt, 1, 3, 0), NV_OK);
    ASSERT_EQ(hy_lpu_ffn_rows(&f.rt, 1, 1, 3), NV_OK);
    ASSERT_EQ(calls.size(), 5u);
    EXPECT_TRUE(starts_with(calls[0], "load 1 ")) << calls[0];
    for (unsigned i = 0; i < 3; ++i)
        EXPECT_TRUE(starts_with(calls[1 + i], "run 1 in+" + std::to_string(0x1000 + 64 * i)))
            << calls[1 + i];
    EXPECT_EQ(f.rt.stats.lpu_runs, 4u);
    EXPECT_EQ(f.rt.stats.lpu_cycles, 4u * 476);
    EXPECT_EQ(f.rt.stats.lpu_loads, 1u);
}

TEST(HybridRuntimeLpu, OneLpuReloadsWhenTheLayersAlternate) {
    Fixture f(1, 2, 4, 1, 4);
    f.rt.set = static_cast<unsigned>(f.set());
    for (unsigned step = 0; step < 3; ++step)
        for (unsigned l = 0; l < HY_LAYERS; ++l)
            ASSERT_EQ(hy_lpu_ffn_rows(&f.rt, l, 1, step), NV_OK);
    unsigned loads = 0;
    for (const std::string& c : calls) loads += starts_with(c, "load 0 ");
    EXPECT_EQ(loads, 6u);
    EXPECT_EQ(f.rt.loaded[0], 1);
}

TEST(HybridRuntimeLpu, FullNodeZeroesThePaddedInputLanesAfterEveryLoad) {
    Fixture f(4, 20, 88, 4, 16);
    f.rt.set = static_cast<unsigned>(f.set());
    run_results = {NV_E_PROGRAM};
    ASSERT_EQ(hy_lpu_ffn_rows(&f.rt, 0, 1, 0), NV_OK);
    // load, pad, run (fails), reset, load, pad, run: lanes 64..319 of x zeroed each time.
    ASSERT_EQ(calls.size(), 7u);
    const std::uint32_t pad = hy_lpu_padded_d_model(&f.rt) - 64;
    EXPECT_EQ(pad, 256u);
    EXPECT_TRUE(starts_with(calls[1], "write 0 ")) << calls[1];
    EXPECT_NE(calls[1].find(" " + std::to_string(pad)), std::string::npos) << calls[1];
    EXPECT_EQ(calls[3], "reset 0");
    EXPECT_TRUE(starts_with(calls[5], "write 0 ")) << calls[5];
}

TEST(HybridRuntimeLpu, ProgramErrorIsRecoveredByResetReloadAndRetryOfTheSameRow) {
    Fixture f(2, 2, 4, 1, 4);
    f.rt.set = static_cast<unsigned>(f.set());
    run_results = {NV_OK, NV_E_PROGRAM, NV_E_PROGRAM};
    ASSERT_EQ(hy_lpu_ffn_rows(&f.rt, 0, 3, 10), NV_OK);
    // load, run r0, run r1 (error), reset, load, run r1 (error), reset, load, run r1, run r2
    ASSERT_EQ(calls.size(), 10u);
    EXPECT_EQ(calls[3], "reset 0");
    EXPECT_TRUE(starts_with(calls[4], "load 0 "));
    EXPECT_EQ(calls[2].substr(0, calls[2].find(" out")), calls[5].substr(0, calls[5].find(" out")));
    EXPECT_EQ(calls[8].substr(0, calls[8].find(" out")), calls[2].substr(0, calls[2].find(" out")));
    EXPECT_TRUE(starts_with(calls[9], "run 0 in+" + std::to_string(0x1000 + 128)));
    EXPECT_EQ(f.rt.stats.lpu_retries, 2u);
    EXPECT_EQ(f.rt.stats.lpu_runs, 3u);
}

TEST(HybridRuntimeLpu, GivesUpAfterTwoRetriesAndDoesNotRetryOtherErrors) {
    Fixture f(2, 2, 4, 1, 4);
    f.rt.set = static_cast<unsigned>(f.set());
    run_results = {NV_E_PROGRAM, NV_E_PROGRAM, NV_E_PROGRAM};
    EXPECT_EQ(hy_lpu_ffn_rows(&f.rt, 0, 2, 0), NV_E_PROGRAM);
    unsigned runs = 0, resets = 0;
    for (const std::string& c : calls) runs += starts_with(c, "run "), resets += c == "reset 0";
    EXPECT_EQ(runs, 1u + HY_LPU_RETRIES);
    EXPECT_EQ(resets, HY_LPU_RETRIES);

    Fixture g(2, 2, 4, 1, 4);
    g.rt.set = static_cast<unsigned>(g.set());
    run_results = {NV_E_TIMEOUT};
    EXPECT_EQ(hy_lpu_ffn_rows(&g.rt, 0, 2, 0), NV_E_TIMEOUT);
    EXPECT_EQ(calls.size(), 2u);  // load, run: no reset, no second row
    EXPECT_EQ(g.rt.stats.lpu_retries, 0u);
}

}  // namespace
