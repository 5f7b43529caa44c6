/* GPU platform test (RV64 host, bare metal, default node): boots the GSP with firmware/gpu,
 * creates channels through the GSP mailbox, copies matrices to HBM, runs fp32 and int8 GEMMs
 * and checks them against straight loops here, releases a semaphore with an interrupt, makes
 * one channel wait for another's semaphore; then an unknown command, a launch with a bad
 * argument address and a copy out of bounds each stop only their channel with the right error
 * notifier, interrupt and GSP error-log record, while the other channel keeps running. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "gen/node.h"
#include "tests/firmware/check.h"
#include "tests/gpu/platform/gpu_host.h"

#define M 17u
#define N 13u
#define K 9u
#define HBM_A (NODE_HBM_BASE + 0x0000u)
#define HBM_B (NODE_HBM_BASE + 0x1000u)
#define HBM_C (NODE_HBM_BASE + 0x2000u)
#define HBM_A8 (NODE_HBM_BASE + 0x3000u)
#define HBM_B8 (NODE_HBM_BASE + 0x4000u)
#define HBM_C8 (NODE_HBM_BASE + 0x5000u)
#define HBM_SCRATCH (NODE_HBM_BASE + 0x100000u)

static struct gpu_ring_entry ring0[16] __attribute__((aligned(16)));
static struct gpu_ring_entry ring1[16] __attribute__((aligned(16)));
static volatile struct gpu_error_notifier note0 __attribute__((aligned(8)));
static volatile struct gpu_error_notifier note1 __attribute__((aligned(8)));
static uint8_t cmd_store[8][512] __attribute__((aligned(8)));
static unsigned cmd_next;
static volatile uint32_t sems[8];
static volatile uint64_t stamps[4];
static float a[M * K], b[K * N], c[M * N];
static int8_t a8[M * K], b8[K * N];
static int32_t c8[M * N];
static struct gpu_gemm_args gemm_f32, gemm_i8, gemm_bad;
static struct gpu_channel ch0, ch1;

static struct gpu_cmdbuf new_cmds(void) {
    struct gpu_cmdbuf buf;
    gpu_cmd_reset(&buf, cmd_store[cmd_next++ % 8], sizeof cmd_store[0]);
    return buf;
}

static struct gpu_gemm_args gemm(uint8_t ab, uint8_t ct, uint64_t pa, uint64_t pb, uint64_t pc) {
    struct gpu_gemm_args g;
    memset(&g, 0, sizeof g);
    g.a = pa, g.b = pb, g.c = pc;
    g.ab_type = ab, g.c_type = ct;
    g.m = M, g.n = N, g.k = K, g.batch = 1;
    g.lda = K, g.ldb = N, g.ldc = N;
    g.alpha = 1.0f;
    return g;
}

static void query_and_create(void) {
    CHECK_EQ(gpu_mbox(GPU_CMD_QUERY, 0, 0), GPU_ST_OK);
    CHECK_EQ(gpu_rsp(1), GPU_ID_VALUE);
    CHECK_EQ(gpu_rsp(2), gpu_read(GPU_HBM_SIZE));
    CHECK_EQ(gpu_rsp(3), gpu_read(GPU_HBM_SIZE + 4));
    CHECK(gpu_rsp(2) != 0 || gpu_rsp(3) != 0);
    CHECK_EQ(gpu_rsp(4), gpu_read(GPU_CHANNELS));
    CHECK(gpu_rsp(4) >= 2);
    CHECK_EQ(gpu_rsp(5), gpu_read(GPU_SMS));
    CHECK_EQ(gpu_rsp(6), GPU_FW_VERSION);

    struct gpu_channel bad;
    CHECK_EQ(gpu_channel_create(&bad, 99, ring0, 16, &note0), GPU_ST_BAD_CHANNEL);
    CHECK_EQ(gpu_channel_create(&bad, 0, (struct gpu_ring_entry*)((uint8_t*)ring0 + 8), 16, &note0),
             GPU_ST_BAD_ARGUMENT);
    CHECK_EQ(gpu_channel_create(&ch0, 0, ring0, 16, &note0), GPU_ST_OK);
    CHECK_EQ(gpu_channel_create(&ch1, 1, ring1, 16, &note1), GPU_ST_OK);
    CHECK_EQ(gpu_channel_create(&bad, 0, ring0, 16, &note0), GPU_ST_BUSY);
    CHECK_EQ(gpu_read(GPU_CH_STATUS(0)), GPU_CH_STATUS_ENABLED_MASK);
    CHECK_EQ(gpu_mbox(GPU_CMD_ERROR_LOG, 0, 0), GPU_ST_EMPTY);
    const uint32_t seven = 7;
    CHECK_EQ(gpu_mbox(seven, 0, 0), GPU_ST_BAD_COMMAND);
}

/* Copies, two GEMMs, a copy back and a release with interrupt on channel 0. */
static void copy_and_gemm(void) {
    for (unsigned i = 0; i < M * K; ++i) {
        a[i] = (float)((int)(i * 7 % 17) - 8); /* small integers: exact in any order */
        a8[i] = (int8_t)(i * 37 % 256 - 128);
    }
    for (unsigned i = 0; i < K * N; ++i) {
        b[i] = (float)((int)(i * 5 % 11) - 5);
        b8[i] = (int8_t)(i * 91 % 256 - 128);
    }
    gemm_f32 = gemm(GPU_DTYPE_F32, GPU_DTYPE_F32, HBM_A, HBM_B, HBM_C);
    gemm_i8 = gemm(GPU_DTYPE_I8, GPU_DTYPE_I32, HBM_A8, HBM_B8, HBM_C8);
    struct gpu_cmdbuf cmds = new_cmds();
    gpu_cmd_copy(&cmds, gpu_addr(a), HBM_A, sizeof a);
    gpu_cmd_copy(&cmds, gpu_addr(b), HBM_B, sizeof b);
    gpu_cmd_copy(&cmds, gpu_addr(a8), HBM_A8, sizeof a8);
    gpu_cmd_copy(&cmds, gpu_addr(b8), HBM_B8, sizeof b8);
    gpu_cmd_launch(&cmds, GPU_KERNEL_GEMM, &gemm_f32, sizeof gemm_f32, 4);
    gpu_cmd_launch(&cmds, GPU_KERNEL_GEMM, &gemm_i8, sizeof gemm_i8, 4);
    gpu_cmd_copy(&cmds, HBM_C, gpu_addr(c), sizeof c);
    gpu_cmd_copy(&cmds, HBM_C8, gpu_addr(c8), sizeof c8);
    gpu_cmd_release(&cmds, &sems[0], 1, GPU_CMD_F_INTERRUPT);
    gpu_channel_submit(&ch0, cmds.base, cmds.length);
    gpu_wait(GPU_INT_STATUS_SEMAPHORE_MASK);
    CHECK_EQ(gpu_read(GPU_CHAN_SEM), 1u);
    gpu_write(GPU_CHAN_SEM, 1u);
    CHECK_EQ(sems[0], 1);
    CHECK_EQ(gpu_read(GPU_CH_GET(0)), 1);
    for (unsigned i = 0; i < M; ++i)
        for (unsigned j = 0; j < N; ++j) {
            float sf = 0;
            int32_t si = 0;
            for (unsigned p = 0; p < K; ++p) {
                sf += a[i * K + p] * b[p * N + j];
                si += (int32_t)a8[i * K + p] * (int32_t)b8[p * N + j];
            }
            CHECK(c[i * N + j] == sf);
            CHECK_EQ(c8[i * N + j], si);
        }
    CHECK(gpu_read(GPU_KERNELS) >= 2);
    /* The host sees the same HBM through the aperture: first and last element of C. */
    CHECK(*(volatile float*)(uintptr_t)HBM_C == c[0]);
    CHECK_EQ(*(volatile int32_t*)(uintptr_t)(HBM_C8 + 4 * (M * N - 1)), c8[M * N - 1]);
}

/* The host caches HBM (timed fidelity): it writes a GEMM's operands into HBM with plain stores,
 * which stay dirty in its caches, and holds the old result lines; the GPU recalls the host's copies
 * before its kernel touches HBM, so it computes with the new operands and the host then reads the
 * new result. */
static void host_writes_hbm_directly(void) {
    volatile int8_t* ha = (volatile int8_t*)(uintptr_t)HBM_A8;
    volatile int8_t* hb = (volatile int8_t*)(uintptr_t)HBM_B8;
    volatile int32_t* hc = (volatile int32_t*)(uintptr_t)HBM_C8;
    for (unsigned i = 0; i < M * K; ++i) ha[i] = (int8_t)(i * 13 % 256 - 128);
    for (unsigned i = 0; i < K * N; ++i) hb[i] = (int8_t)(i * 29 % 256 - 128);
    int32_t before = 0;
    for (unsigned i = 0; i < M * N; ++i) before ^= hc[i]; /* the old result, now cached */
    (void)before;
    struct gpu_cmdbuf cmds = new_cmds();
    gpu_cmd_launch(&cmds, GPU_KERNEL_GEMM, &gemm_i8, sizeof gemm_i8, 4);
    gpu_cmd_release(&cmds, &sems[7], 1, GPU_CMD_F_INTERRUPT);
    gpu_channel_submit(&ch0, cmds.base, cmds.length);
    gpu_wait(GPU_INT_STATUS_SEMAPHORE_MASK);
    gpu_write(GPU_CHAN_SEM, 1u);
    CHECK_EQ(sems[7], 1);
    for (unsigned i = 0; i < M; ++i)
        for (unsigned j = 0; j < N; ++j) {
            int32_t s = 0;
            for (unsigned p = 0; p < K; ++p)
                s += (int32_t)(int8_t)((i * K + p) * 13 % 256 - 128) *
                     (int32_t)(int8_t)((p * N + j) * 29 % 256 - 128);
            CHECK_EQ(hc[i * N + j], s);
        }
}

/* Channel 1 waits for a semaphore that channel 0 releases after a 1 MiB memset (~33 us). */
static void cross_channel_wait(void) {
    struct gpu_cmdbuf w = new_cmds(), r = new_cmds();
    gpu_cmd_acquire(&w, &sems[1], 1, 0);
    gpu_cmd_timestamp(&w, &stamps[1]);
    gpu_cmd_release(&w, &sems[2], 1, GPU_CMD_F_INTERRUPT);
    gpu_channel_submit(&ch1, w.base, w.length);
    gpu_cmd_memset(&r, HBM_SCRATCH, 1u << 20, 0);
    gpu_cmd_timestamp(&r, &stamps[0]);
    gpu_cmd_release(&r, &sems[1], 1, 0);
    gpu_channel_submit(&ch0, r.base, r.length);
    gpu_wait(GPU_INT_STATUS_SEMAPHORE_MASK);
    CHECK_EQ(gpu_read(GPU_CHAN_SEM), 2u);
    gpu_write(GPU_CHAN_SEM, 2u);
    CHECK_EQ(sems[2], 1);
    CHECK(stamps[0] != 0);
    CHECK(stamps[1] >= stamps[0]);
    /* "~ ": simulated times differ between fabric fidelities (tests/e2e/fidelity_compare.py). */
    printf("~ channel 1 acquired at %llu ns, channel 0 released at %llu ns\n",
           (unsigned long long)stamps[1], (unsigned long long)stamps[0]);
}

/* Submits `bad` on channel 1 and, at the same time, a memset and a release on channel 0; checks
 * that channel 1 stops with `code` / `info` and that channel 0 completes; then the GSP's error
 * log, and recovery by DESTROY + CREATE. */
static void channel_error(const struct gpu_cmdbuf* bad, uint32_t code, uint64_t info,
                          unsigned sem) {
    struct gpu_cmdbuf good = new_cmds();
    gpu_cmd_memset(&good, HBM_SCRATCH, 64u << 10, 0x5a);
    gpu_cmd_release(&good, &sems[sem], 1, GPU_CMD_F_INTERRUPT);
    gpu_channel_submit(&ch1, bad->base, bad->length);
    gpu_channel_submit(&ch0, good.base, good.length);
    gpu_wait(GPU_INT_STATUS_ERROR_MASK);
    CHECK_EQ(gpu_read(GPU_CHAN_ERR), 2u);
    gpu_write(GPU_CHAN_ERR, 2u);
    CHECK_EQ(note1.code, code);
    CHECK_EQ(note1.channel, 1);
    CHECK_EQ(note1.info, info);
    CHECK_EQ(note1.ring_index, gpu_read(GPU_CH_GET(1)));
    CHECK_EQ(gpu_read(GPU_CH_ERR_CODE(1)), code);
    CHECK_EQ(gpu_read(GPU_CH_STATUS(1)), GPU_CH_STATUS_ENABLED_MASK | GPU_CH_STATUS_ERROR_MASK);
    gpu_wait(GPU_INT_STATUS_SEMAPHORE_MASK);
    CHECK_EQ(sems[sem], 1);
    gpu_write(GPU_CHAN_SEM, 1u);
    CHECK_EQ(gpu_read(GPU_CH_STATUS(0)), GPU_CH_STATUS_ENABLED_MASK);

    CHECK_EQ(gpu_mbox(GPU_CMD_ERROR_LOG, 0, 0), GPU_ST_OK);
    CHECK_EQ(gpu_rsp(1), 1);
    CHECK_EQ(gpu_rsp(2), code);
    CHECK_EQ(gpu_rsp(3), (uint32_t)info);
    CHECK_EQ(gpu_rsp(4), (uint32_t)(info >> 32));
    CHECK_EQ(gpu_rsp(5), 0);
    CHECK_EQ(gpu_channel_destroy(&ch1), GPU_ST_OK);
    CHECK_EQ(gpu_read(GPU_CH_STATUS(1)), 0);
    CHECK_EQ(gpu_channel_create(&ch1, 1, ring1, 16, &note1), GPU_ST_OK);
}

static void errors(void) {
    struct gpu_cmdbuf bad = new_cmds();
    gpu_cmd_raw(&bad, 0x55);
    channel_error(&bad, GPU_ERR_BAD_COMMAND, 0x55, 3);

    gemm_bad = gemm(GPU_DTYPE_F32, GPU_DTYPE_F32, gpu_addr(a), HBM_B, HBM_C); /* A in host DRAM */
    bad = new_cmds();
    gpu_cmd_launch(&bad, GPU_KERNEL_GEMM, &gemm_bad, sizeof gemm_bad, 4);
    channel_error(&bad, GPU_ERR_BAD_ARGUMENT_ADDRESS, gpu_addr(a), 4);

    const uint64_t hbm_end =
        NODE_HBM_BASE + ((uint64_t)gpu_read(GPU_HBM_SIZE + 4) << 32 | gpu_read(GPU_HBM_SIZE));
    bad = new_cmds();
    gpu_cmd_copy(&bad, gpu_addr(a), hbm_end - 8, sizeof a);
    channel_error(&bad, GPU_ERR_BAD_ADDRESS, hbm_end - 8, 5);

    /* A copy from memory outside the DMA windows the driver granted (an LPU's SRAM): the fabric
     * refuses the read and the channel stops with a bad address. */
    bad = new_cmds();
    gpu_cmd_copy(&bad, NODE_LPU_SRAM_BASE(0), HBM_SCRATCH, 64);
    channel_error(&bad, GPU_ERR_BAD_ADDRESS, NODE_LPU_SRAM_BASE(0), 6);

    CHECK_EQ(gpu_mbox(GPU_CMD_STATUS, 0, 0), GPU_ST_OK);
    CHECK_EQ(gpu_rsp(3), 4);  /* channel errors seen by the GSP */
    CHECK_EQ(gpu_rsp(4), 3u); /* channels 0 and 1 enabled */
    CHECK_EQ(gpu_rsp(5), GPU_HBM_OK);
}

int main(void) {
    gpu_boot();
    query_and_create();
    copy_and_gemm();
    host_writes_hbm_directly();
    cross_channel_wait();
    errors();
    CHECK(gpu_claims() >= 5);
    printf("gpu platform test passed\n");
    return 0;
}
