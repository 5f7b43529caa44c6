/* GPU timing probe (RV64 host): one compute-heavy GEMM (fp32 256 x 256 x 256) and one
 * bandwidth-heavy GEMM (fp32 1 x 4096 x 1024), each between two TIMESTAMP commands, on 65536
 * thread blocks (every SM). Prints the measured nanoseconds; tests/gpu/platform/timing_check.py
 * compares them with the roofline computed from the configuration it passes. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "gen/node.h"
#include "tests/firmware/check.h"
#include "tests/gpu/platform/gpu_test.h"

static uint8_t cmd_store[256] __attribute__((aligned(8)));
static volatile uint32_t done;
static volatile uint64_t stamps[4];
static struct gpu_gemm_args square, skinny;

static struct gpu_gemm_args gemm(uint32_t m, uint32_t n, uint32_t k, uint64_t offset) {
    struct gpu_gemm_args g;
    memset(&g, 0, sizeof g);
    g.a = NODE_HBM_BASE + offset;
    g.b = NODE_HBM_BASE + offset + 0x1000000u;
    g.c = NODE_HBM_BASE + offset + 0x2000000u;
    g.ab_type = GPU_DTYPE_F32, g.c_type = GPU_DTYPE_F32;
    g.m = m, g.n = n, g.k = k, g.batch = 1;
    g.lda = k, g.ldb = n, g.ldc = n;
    g.alpha = 1.0f;
    return g;
}

int main(void) {
    gpu_test_boot();
    struct nv_channel ch;
    CHECK_EQ(nv_gpu_channel_open(&gpu_node, &ch, 0, 4), NV_OK);
    square = gemm(256, 256, 256, 0);
    skinny = gemm(1, 4096, 1024, 0x4000000u);
    struct nv_cmdbuf cmds;
    nv_cmd_init(&cmds, cmd_store, sizeof cmd_store);
    nv_cmd_timestamp(&cmds, nv_addr(&stamps[0]));
    nv_cmd_launch(&cmds, GPU_KERNEL_GEMM, &square, sizeof square, 65536);
    nv_cmd_timestamp(&cmds, nv_addr(&stamps[1]));
    nv_cmd_launch(&cmds, GPU_KERNEL_GEMM, &skinny, sizeof skinny, 65536);
    nv_cmd_timestamp(&cmds, nv_addr(&stamps[2]));
    nv_cmd_release(&cmds, nv_addr(&done), 1, GPU_CMD_F_INTERRUPT);
    CHECK(!cmds.overflow);
    CHECK_EQ(nv_gpu_submit(&gpu_node, &ch, nv_addr(cmds.base), cmds.length), NV_OK);
    CHECK_EQ(nv_gpu_wait_sem(&gpu_node, &ch, &done, 1), NV_OK);
    CHECK_EQ(done, 1);
    CHECK_EQ(nv_gpu_channel_error(&ch, 0), 0);
    printf("gpu_gemm_square_ns: %llu\n", (unsigned long long)(stamps[1] - stamps[0]));
    printf("gpu_gemm_skinny_ns: %llu\n", (unsigned long long)(stamps[2] - stamps[1]));
    return 0;
}
