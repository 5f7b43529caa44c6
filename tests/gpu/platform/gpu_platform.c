/* GPU platform test (RV64 host, bare metal, default node): boots the GSP with firmware/gpu,
 * creates channels through the GSP mailbox, copies matrices to HBM, runs fp32 and int8 GEMMs
 * and checks them against straight loops here, releases a semaphore with an interrupt, makes
 * one channel wait for another's semaphore; then an unknown command, a launch with a bad
 * argument address and a copy out of bounds each stop only their channel with the right error
 * notifier, interrupt and GSP error-log record, while the other channel keeps running.
 * Everything goes through the host driver (sw/driver). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "gen/node.h"
#include "tests/firmware/check.h"
#include "tests/gpu/platform/gpu_test.h"

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

static struct gpu_ring_entry raw_ring[17] __attribute__((aligned(16)));
static uint8_t cmd_store[8][512] __attribute__((aligned(8)));
static unsigned cmd_next;
static volatile uint32_t sems[8];
static volatile uint64_t stamps[4];
static float a[M * K], b[K * N], c[M * N];
static int8_t a8[M * K], b8[K * N];
static int32_t c8[M * N];
static struct gpu_gemm_args gemm_f32, gemm_i8, gemm_bad;
static struct nv_channel ch0, ch1;

static struct nv_cmdbuf new_cmds(void) {
    struct nv_cmdbuf buf;
    nv_cmd_init(&buf, cmd_store[cmd_next++ % 8], sizeof cmd_store[0]);
    return buf;
}

static void submit(struct nv_channel* ch, const struct nv_cmdbuf* cmds) {
    CHECK(!cmds->overflow);
    CHECK_EQ(nv_gpu_submit(&gpu_node, ch, nv_addr(cmds->base), cmds->length), NV_OK);
}

static void wait_sem(struct nv_channel* ch, unsigned sem) {
    CHECK_EQ(nv_gpu_wait_sem(&gpu_node, ch, &sems[sem], 1), NV_OK);
}

static uint32_t rsp[GPU_MBOX_RSP_COUNT];

/* A GSP request without arguments: its status (the answer's words in rsp). */
static uint32_t mbox(uint32_t command) {
    CHECK_EQ(nv_gpu_mailbox(&gpu_node, command, 0, 0, rsp, GPU_MBOX_RSP_COUNT), NV_OK);
    return rsp[0];
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
    CHECK_EQ(mbox(GPU_CMD_QUERY), GPU_ST_OK);
    CHECK_EQ(rsp[1], GPU_ID_VALUE);
    CHECK_EQ(rsp[2], gpu_read(GPU_HBM_SIZE));
    CHECK_EQ(rsp[3], gpu_read(GPU_HBM_SIZE + 4));
    CHECK(rsp[2] != 0 || rsp[3] != 0);
    CHECK_EQ(rsp[4], gpu_read(GPU_CHANNELS));
    CHECK(rsp[4] >= 2);
    CHECK_EQ(rsp[5], gpu_read(GPU_SMS));
    CHECK_EQ(rsp[6], GPU_FW_VERSION);

    struct nv_channel bad;
    CHECK_EQ(gpu_st(nv_gpu_channel_open(&gpu_node, &bad, 99, 16)), GPU_ST_BAD_CHANNEL);
    /* A ring base that is not 16-byte aligned, asked for without the driver's allocator. */
    const uint64_t misaligned = nv_addr(raw_ring) + 8;
    const uint64_t note = nv_addr(&raw_ring[16]);
    const uint32_t args[] = {0,  (uint32_t)misaligned, (uint32_t)(misaligned >> 32),
                             16, (uint32_t)note,       (uint32_t)(note >> 32)};
    CHECK_EQ(nv_gpu_mailbox(&gpu_node, GPU_CMD_CREATE_CHANNEL, args, 6, 0, 0), NV_OK);
    CHECK_EQ(gpu_node.gpu.last_status, GPU_ST_BAD_ARGUMENT);
    CHECK_EQ(gpu_st(nv_gpu_channel_open(&gpu_node, &ch0, 0, 16)), GPU_ST_OK);
    CHECK_EQ(gpu_st(nv_gpu_channel_open(&gpu_node, &ch1, 1, 16)), GPU_ST_OK);
    CHECK_EQ(gpu_st(nv_gpu_channel_open(&gpu_node, &bad, 0, 16)), GPU_ST_BUSY);
    CHECK_EQ(gpu_read(GPU_CH_STATUS(0)), GPU_CH_STATUS_ENABLED_MASK);
    CHECK_EQ(mbox(GPU_CMD_ERROR_LOG), GPU_ST_EMPTY);
    const uint32_t seven = 7;
    CHECK_EQ(mbox(seven), GPU_ST_BAD_COMMAND);
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
    struct nv_cmdbuf cmds = new_cmds();
    nv_cmd_copy(&cmds, nv_addr(a), HBM_A, sizeof a);
    nv_cmd_copy(&cmds, nv_addr(b), HBM_B, sizeof b);
    nv_cmd_copy(&cmds, nv_addr(a8), HBM_A8, sizeof a8);
    nv_cmd_copy(&cmds, nv_addr(b8), HBM_B8, sizeof b8);
    nv_cmd_launch(&cmds, GPU_KERNEL_GEMM, &gemm_f32, sizeof gemm_f32, 4);
    nv_cmd_launch(&cmds, GPU_KERNEL_GEMM, &gemm_i8, sizeof gemm_i8, 4);
    nv_cmd_copy(&cmds, HBM_C, nv_addr(c), sizeof c);
    nv_cmd_copy(&cmds, HBM_C8, nv_addr(c8), sizeof c8);
    nv_cmd_release(&cmds, nv_addr(&sems[0]), 1, GPU_CMD_F_INTERRUPT);
    submit(&ch0, &cmds);
    wait_sem(&ch0, 0);
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
    struct nv_cmdbuf cmds = new_cmds();
    nv_cmd_launch(&cmds, GPU_KERNEL_GEMM, &gemm_i8, sizeof gemm_i8, 4);
    nv_cmd_release(&cmds, nv_addr(&sems[7]), 1, GPU_CMD_F_INTERRUPT);
    submit(&ch0, &cmds);
    wait_sem(&ch0, 7);
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
    struct nv_cmdbuf w = new_cmds(), r = new_cmds();
    nv_cmd_acquire(&w, nv_addr(&sems[1]), 1, 0);
    nv_cmd_timestamp(&w, nv_addr(&stamps[1]));
    nv_cmd_release(&w, nv_addr(&sems[2]), 1, GPU_CMD_F_INTERRUPT);
    submit(&ch1, &w);
    nv_cmd_memset(&r, HBM_SCRATCH, 1u << 20, 0);
    nv_cmd_timestamp(&r, nv_addr(&stamps[0]));
    nv_cmd_release(&r, nv_addr(&sems[1]), 1, 0);
    submit(&ch0, &r);
    wait_sem(&ch1, 2);
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
static void channel_error(const struct nv_cmdbuf* bad, uint32_t code, uint64_t info, unsigned sem) {
    struct nv_cmdbuf good = new_cmds();
    nv_cmd_memset(&good, HBM_SCRATCH, 64u << 10, 0x5a);
    nv_cmd_release(&good, nv_addr(&sems[sem]), 1, GPU_CMD_F_INTERRUPT);
    submit(&ch1, bad);
    submit(&ch0, &good);
    CHECK_EQ(nv_gpu_channel_wait_idle(&gpu_node, &ch1), NV_E_CHANNEL);
    CHECK_EQ(gpu_read(GPU_CHAN_ERR), 2u);
    gpu_write(GPU_CHAN_ERR, 2u);
    struct gpu_error_notifier note1;
    CHECK_EQ(nv_gpu_channel_error(&ch1, &note1), code);
    CHECK_EQ(note1.code, code);
    CHECK_EQ(note1.channel, 1);
    CHECK_EQ(note1.info, info);
    CHECK_EQ(note1.ring_index, gpu_read(GPU_CH_GET(1)));
    CHECK_EQ(gpu_read(GPU_CH_ERR_CODE(1)), code);
    CHECK_EQ(gpu_read(GPU_CH_STATUS(1)), GPU_CH_STATUS_ENABLED_MASK | GPU_CH_STATUS_ERROR_MASK);
    wait_sem(&ch0, sem);
    CHECK_EQ(sems[sem], 1);
    gpu_write(GPU_CHAN_SEM, 1u);
    CHECK_EQ(gpu_read(GPU_CH_STATUS(0)), GPU_CH_STATUS_ENABLED_MASK);

    CHECK_EQ(mbox(GPU_CMD_ERROR_LOG), GPU_ST_OK);
    CHECK_EQ(rsp[1], 1);
    CHECK_EQ(rsp[2], code);
    CHECK_EQ(rsp[3], (uint32_t)info);
    CHECK_EQ(rsp[4], (uint32_t)(info >> 32));
    CHECK_EQ(rsp[5], 0);
    CHECK_EQ(gpu_st(nv_gpu_channel_close(&gpu_node, &ch1)), GPU_ST_OK);
    CHECK_EQ(gpu_read(GPU_CH_STATUS(1)), 0);
    CHECK_EQ(gpu_st(nv_gpu_channel_open(&gpu_node, &ch1, 1, 16)), GPU_ST_OK);
}

static void errors(void) {
    struct nv_cmdbuf bad = new_cmds();
    nv_cmd_raw(&bad, 0x55, 0);
    channel_error(&bad, GPU_ERR_BAD_COMMAND, 0x55, 3);

    gemm_bad = gemm(GPU_DTYPE_F32, GPU_DTYPE_F32, nv_addr(a), HBM_B, HBM_C); /* A in host DRAM */
    bad = new_cmds();
    nv_cmd_launch(&bad, GPU_KERNEL_GEMM, &gemm_bad, sizeof gemm_bad, 4);
    channel_error(&bad, GPU_ERR_BAD_ARGUMENT_ADDRESS, nv_addr(a), 4);

    const uint64_t hbm_end =
        NODE_HBM_BASE + ((uint64_t)gpu_read(GPU_HBM_SIZE + 4) << 32 | gpu_read(GPU_HBM_SIZE));
    bad = new_cmds();
    nv_cmd_copy(&bad, nv_addr(a), hbm_end - 8, sizeof a);
    channel_error(&bad, GPU_ERR_BAD_ADDRESS, hbm_end - 8, 5);

    /* A copy from memory outside the DMA windows the driver granted (an LPU's SRAM): the fabric
     * refuses the read and the channel stops with a bad address. */
    bad = new_cmds();
    nv_cmd_copy(&bad, NODE_LPU_SRAM_BASE(0), HBM_SCRATCH, 64);
    channel_error(&bad, GPU_ERR_BAD_ADDRESS, NODE_LPU_SRAM_BASE(0), 6);

    CHECK_EQ(mbox(GPU_CMD_STATUS), GPU_ST_OK);
    CHECK_EQ(rsp[3], 4);  /* channel errors seen by the GSP */
    CHECK_EQ(rsp[4], 3u); /* channels 0 and 1 enabled */
    CHECK_EQ(rsp[5], GPU_HBM_OK);
}

int main(void) {
    gpu_test_boot();
    query_and_create();
    copy_and_gemm();
    host_writes_hbm_directly();
    cross_channel_wait();
    errors();
    CHECK(gpu_claims() >= 5);
    printf("gpu platform test passed\n");
    return 0;
}
