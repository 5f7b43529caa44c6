/* The GPU half of the hybrid demo and the step loop (runtime.h). */
#include "sw/runtime/runtime.h"

#include <stdio.h>
#include <string.h>

#include "gen/node.h"
#include "sw/runtime/lpu_ffn.h"
#include "sw/runtime/weights.h"

#define ROW_F32 (HY_D_MODEL * 4u) /* bytes of one fp32 activation row */
#define ACT_F32 ((uint64_t)HY_MAX_SEQ * ROW_F32)
#define ACT_I8 ((uint64_t)HY_MAX_SEQ * HY_D_MODEL)
#define CACHE_BYTES ((uint64_t)HY_KV_HEADS * HY_MAX_SEQ * HY_HEAD_DIM * 4u)
#define CMDS_BYTES GPU_CMDBUF_MAX
#define ARGS_BYTES 0x18000u
#define SYNC_BYTES 64u   /* the semaphores */
#define ZERO_BYTES 1024u /* source of the LPUs' x padding */
#define RING_ENTRIES 16u

enum { SEM_ROWS = 0, SEM_FFN = 1, SEM_STEP = 2 };

static int fail(const char* what, int e) {
    printf("hybrid: %s: %s\n", what, nv_strerror(e));
    return e;
}

/* A GPU wait that failed: with NV_E_CHANNEL, the channel's error notifier says where and why. */
static int gpu_fail(struct hy_runtime* rt, const char* what, int e) {
    fail(what, e);
    if (e == NV_E_CHANNEL && rt->ch.notifier) {
        const volatile struct gpu_error_notifier* n = rt->ch.notifier;
        printf("hybrid: gpu channel %u: error %u, info %#llx, ring entry %u, command at byte %u\n",
               (unsigned)n->channel, (unsigned)n->code, (unsigned long long)n->info,
               (unsigned)n->ring_index, (unsigned)n->cmd_offset);
    }
    return e;
}

static uint64_t hbm(struct hy_runtime* rt, uint64_t bytes, int* e) {
    const uint64_t a = nv_gpu_alloc(rt->node, bytes, 256);
    if (!a && *e == NV_OK) *e = NV_E_NO_MEMORY;
    return a;
}

static uint64_t weight(const struct hy_runtime* rt, uint32_t floats) {
    return rt->weights + (uint64_t)floats * 4u;
}
static uint64_t layer_weight(const struct hy_runtime* rt, unsigned l, uint32_t floats) {
    return weight(rt, HY_W_LAYER(l) + floats);
}

/* ---- kernel arguments (host memory, read by the GPU at each launch) ------------------------ */

static void* args_alloc(struct hy_step* st, uint32_t bytes) {
    const uint32_t at = (st->args_used + 7u) & ~7u;
    if (at + bytes > ARGS_BYTES) return NULL;
    st->args_used = at + bytes;
    void* p = st->args + at;
    memset(p, 0, bytes);
    return p;
}

#define LAUNCH(st, b, kernel, type, blocks, ...)                               \
    do {                                                                       \
        struct type* a_ = (struct type*)args_alloc((st), sizeof(struct type)); \
        if (!a_) {                                                             \
            (b)->overflow = 1;                                                 \
            break;                                                             \
        }                                                                      \
        *a_ = (struct type){__VA_ARGS__};                                      \
        nv_cmd_launch((b), (kernel), a_, sizeof(struct type), (blocks));       \
    } while (0)

/* C = A B, row-major fp32: A [m][k], B [k][n], C [m][n]. */
static void gemm(struct hy_step* st, struct nv_cmdbuf* b, uint32_t m, uint32_t n, uint32_t k,
                 uint64_t a, uint64_t w, uint64_t c) {
    LAUNCH(st, b, GPU_KERNEL_GEMM, gpu_gemm_args, m, .a = a, .b = w, .c = c,
           .ab_type = GPU_DTYPE_F32, .c_type = GPU_DTYPE_F32, .m = m, .n = n, .k = k, .batch = 1,
           .lda = k, .ldb = n, .ldc = n, .alpha = 1.0f, .beta = 0.0f);
}

/* K or V of `rows` rows straight into the cache at row pos: batch = KV head, B = its columns. */
static void gemm_into_cache(struct hy_step* st, struct nv_cmdbuf* b, uint32_t rows, uint64_t a,
                            uint64_t w, uint64_t cache) {
    LAUNCH(st, b, GPU_KERNEL_GEMM, gpu_gemm_args, rows * HY_KV_HEADS, .a = a, .b = w,
           .c = cache + (uint64_t)st->pos0 * HY_HEAD_DIM * 4u, .ab_type = GPU_DTYPE_F32,
           .c_type = GPU_DTYPE_F32, .m = rows, .n = HY_HEAD_DIM, .k = HY_D_MODEL,
           .batch = HY_KV_HEADS, .lda = HY_D_MODEL, .ldb = HY_KV_DIM, .ldc = HY_HEAD_DIM,
           .stride_a = 0, .stride_b = HY_HEAD_DIM, .stride_c = (uint64_t)HY_MAX_SEQ * HY_HEAD_DIM,
           .alpha = 1.0f, .beta = 0.0f);
}

static void rmsnorm(struct hy_step* st, struct nv_cmdbuf* b, uint32_t rows, uint64_t x, uint64_t g,
                    uint64_t out) {
    LAUNCH(st, b, GPU_KERNEL_RMSNORM, gpu_rmsnorm_args, rows, .x = x, .weight = g, .out = out,
           .rows = rows, .cols = HY_D_MODEL, .eps = HY_NORM_EPS);
}

static void rotary(struct hy_step* st, struct nv_cmdbuf* b, uint32_t rows, uint32_t heads,
                   uint64_t x) {
    LAUNCH(st, b, GPU_KERNEL_ROTARY, gpu_rotary_args, rows, .x = x, .rows = rows, .heads = heads,
           .head_dim = HY_HEAD_DIM, .pos0 = st->pos0, .theta = HY_ROPE_THETA);
}

static void add(struct hy_step* st, struct nv_cmdbuf* b, uint32_t rows, uint64_t x, uint64_t y) {
    LAUNCH(st, b, GPU_KERNEL_ELEMENTWISE, gpu_elementwise_args, rows, .a = x, .b = y, .out = x,
           .n = (uint64_t)rows * HY_D_MODEL, .op = GPU_EW_ADD);
}

/* ---- one forward step's command buffer ------------------------------------------------------ */

static void stamp(struct hy_step* st, struct nv_cmdbuf* b, unsigned i) {
    nv_cmd_timestamp(b, nv_addr(&st->stamps[i]));
}

static void attention_block(struct hy_runtime* rt, struct hy_step* st, struct nv_cmdbuf* b,
                            unsigned l, uint32_t T) {
    const uint64_t kc = rt->k_cache[l], vc = rt->v_cache[l];
    rmsnorm(st, b, T, rt->x, layer_weight(rt, l, HY_WL_ATTN_NORM), rt->h);
    gemm(st, b, T, HY_D_MODEL, HY_D_MODEL, rt->h, layer_weight(rt, l, HY_WL_WQ), rt->q);
    gemm_into_cache(st, b, T, rt->h, layer_weight(rt, l, HY_WL_WK), kc);
    gemm_into_cache(st, b, T, rt->h, layer_weight(rt, l, HY_WL_WV), vc);
    rotary(st, b, T, HY_HEADS, rt->q);
    for (unsigned g = 0; g < HY_KV_HEADS; ++g)
        rotary(st, b, T, 1, kc + ((uint64_t)g * HY_MAX_SEQ + st->pos0) * HY_HEAD_DIM * 4u);
    for (uint32_t t = 0; t < T; ++t)
        LAUNCH(st, b, GPU_KERNEL_ATTENTION, gpu_attention_args, HY_HEADS, .q = rt->q + t * ROW_F32,
               .k_cache = kc, .v_cache = vc, .out = rt->att + t * ROW_F32, .heads = HY_HEADS,
               .kv_heads = HY_KV_HEADS, .head_dim = HY_HEAD_DIM, .q_len = 1, .q_pos0 = st->pos0 + t,
               .max_seq = HY_MAX_SEQ, .scale = 0.0f);
    gemm(st, b, T, HY_D_MODEL, HY_D_MODEL, rt->att, layer_weight(rt, l, HY_WL_WO), rt->o);
    add(st, b, T, rt->x, rt->o);
}

/* Builds the step: the GPU runs until each layer's quantised rows are ready, hands them over
 * (SEM_ROWS, interrupt) and waits for the FFN's results (SEM_FFN). */
static void build_step(struct hy_runtime* rt, struct hy_step* st, struct nv_cmdbuf* b,
                       uint64_t ids) {
    const uint32_t T = st->rows;
    unsigned s = 0;
    stamp(st, b, s++);
    LAUNCH(st, b, GPU_KERNEL_EMBEDDING, gpu_embedding_args, T, .table = weight(rt, HY_W_EMBED),
           .ids = ids, .out = rt->x, .rows = T, .dim = HY_D_MODEL, .vocab = HY_VOCAB);
    for (unsigned l = 0; l < HY_LAYERS; ++l) {
        attention_block(rt, st, b, l, T);
        rmsnorm(st, b, T, rt->x, layer_weight(rt, l, HY_WL_FFN_NORM), rt->h);
        LAUNCH(st, b, GPU_KERNEL_QUANTIZE, gpu_quantize_args, T, .in = rt->h, .out = rt->xq,
               .n = (uint64_t)T * HY_D_MODEL, .scale = HY_IN_SCALE);
        stamp(st, b, s++);
        nv_cmd_release(b, nv_addr(&rt->sem[SEM_ROWS]), st->sem_rows + l, GPU_CMD_F_INTERRUPT);
        nv_cmd_acquire(b, nv_addr(&rt->sem[SEM_FFN]), st->sem_rows + l, 0);
        stamp(st, b, s++);
        LAUNCH(st, b, GPU_KERNEL_DEQUANTIZE, gpu_dequantize_args, T, .in = rt->yq, .out = rt->d,
               .n = (uint64_t)T * HY_D_MODEL, .scale = HY_OUT_SCALE, .in_type = GPU_DTYPE_I8);
        add(st, b, T, rt->x, rt->d);
    }
    rmsnorm(st, b, 1, rt->x + (uint64_t)(T - 1) * ROW_F32, weight(rt, HY_W_FINAL_NORM), rt->last);
    gemm(st, b, 1, HY_VOCAB, HY_D_MODEL, rt->last, weight(rt, HY_W_LM), rt->logits);
    LAUNCH(st, b, GPU_KERNEL_ARGMAX, gpu_argmax_args, 1, .in = rt->logits, .out = st->next,
           .rows = 1, .cols = HY_VOCAB);
    stamp(st, b, s++);
    nv_cmd_release(b, nv_addr(&rt->sem[SEM_STEP]), st->sem_done, GPU_CMD_F_INTERRUPT);
}

/* ---- the step queue -------------------------------------------------------------------------- */

int hy_submit(struct hy_runtime* rt, const uint8_t* ids, unsigned rows) {
    if (rt->queued == HY_STEPS_QUEUED) {
        printf("hybrid: %u steps are queued already\n", rt->queued);
        return NV_E_INVALID;
    }
    if (rows == 0 || rt->pos + rows > HY_MAX_SEQ || (!ids && (rows != 1 || rt->steps == 0))) {
        printf("hybrid: a step of %u rows at position %u does not fit the model's %u positions\n",
               rows, (unsigned)rt->pos, HY_MAX_SEQ);
        return NV_E_INVALID;
    }
    if (ids && rt->queued) { /* the token ids' HBM buffer may still be read */
        printf("hybrid: a step with host tokens must not be queued behind another\n");
        return NV_E_INVALID;
    }
    const unsigned slot = (rt->head + rt->queued) % HY_STEPS_QUEUED;
    struct hy_step* st = &rt->step[slot];
    const struct hy_step* prev = &rt->step[(slot + HY_STEPS_QUEUED - 1) % HY_STEPS_QUEUED];
    st->submitted_ns = nv_now_ns(rt->node);
    st->rows = rows;
    st->pos0 = rt->pos;
    st->sem_rows = rt->seq_rows + 1; /* layer l: sem_rows + l */
    st->sem_done = rt->seq_done + 1;
    st->args_used = 0;
    for (unsigned i = 0; i < HY_STAMPS; ++i) st->stamps[i] = 0;
    uint64_t id_addr = prev->next; /* decode: the previous step's arg max, still in HBM */
    if (ids) {
        volatile int32_t* host_view = (volatile int32_t*)(uintptr_t)rt->ids;
        for (unsigned t = 0; t < rows; ++t) host_view[t] = ids[t];
        id_addr = rt->ids;
    }
    struct nv_cmdbuf b;
    nv_cmd_init(&b, st->cmds, CMDS_BYTES);
    build_step(rt, st, &b, id_addr);
    if (b.overflow) {
        printf("hybrid: a step of %u rows does not fit its %u-byte command buffer\n", rows,
               CMDS_BYTES);
        return NV_E_NO_MEMORY;
    }
    const int e = nv_gpu_submit(rt->node, &rt->ch, nv_addr(b.base), b.length);
    if (e != NV_OK) return fail("GPU submit", e);
    rt->seq_rows += HY_LAYERS;
    rt->seq_done += 1;
    rt->pos += rows;
    rt->steps++;
    rt->queued++;
    return NV_OK;
}

int hy_complete(struct hy_runtime* rt, int32_t* next) {
    if (rt->queued == 0) return NV_E_INVALID;
    struct nv_node* node = rt->node;
    struct hy_step* st = &rt->step[rt->head];
    int e = NV_OK;
    for (unsigned l = 0; l < HY_LAYERS; ++l) {
        e = nv_gpu_wait_sem(node, &rt->ch, &rt->sem[SEM_ROWS], st->sem_rows + l);
        if (e != NV_OK) return gpu_fail(rt, "waiting for the GPU's quantised FFN input", e);
        e = hy_lpu_ffn_rows(rt, l, st->rows, st->pos0);
        if (e != NV_OK) return e;
        __asm__ volatile("fence rw, rw" ::: "memory");
        rt->sem[SEM_FFN] = st->sem_rows + l; /* the GPU's SEM_ACQUIRE polls it */
    }
    e = nv_gpu_wait_sem(node, &rt->ch, &rt->sem[SEM_STEP], st->sem_done);
    if (e != NV_OK) return gpu_fail(rt, "waiting for the GPU's step", e);
    *next = *(volatile int32_t*)(uintptr_t)st->next;
    rt->head = (rt->head + 1) % HY_STEPS_QUEUED;
    rt->queued--;

    const uint64_t now = nv_now_ns(node);
    uint64_t gpu = 0;
    for (unsigned i = 0; i + 1 < HY_STAMPS; i += 2) gpu += st->stamps[i + 1] - st->stamps[i];
    /* A step queued behind another starts when that one ends. */
    const uint64_t start =
        st->submitted_ns > rt->last_done_ns ? st->submitted_ns : rt->last_done_ns;
    rt->last_done_ns = now;
    rt->step_ns = now - start;
    rt->step_gpu_ns = gpu;
    rt->stats.steps++;
    rt->stats.rows += st->rows;
    rt->stats.total_ns += rt->step_ns;
    rt->stats.gpu_busy_ns += gpu;
    return NV_OK;
}
/* ---- set-up -----------------------------------------------------------------------------------
 */

static int check_geometries(struct hy_runtime* rt) {
    struct hy_geometry g0;
    for (unsigned i = 0; i < rt->lpus; ++i) {
        struct hy_geometry g;
        hy_lpu_geometry(rt->node, i, &g);
        const int set = hy_lpu_find_set(&g);
        if (set < 0) {
            printf(
                "hybrid: lpu%u: no FFN program was generated for its geometry (superlanes %u, "
                "mem_slices %u, mem_words %u, mxm_planes %u, vxm_alus %u)\n",
                i, (unsigned)g.superlanes, (unsigned)g.mem_slices, (unsigned)g.mem_words,
                (unsigned)g.mxm_planes, (unsigned)g.vxm_alus);
            return HY_E_GEOMETRY;
        }
        if (i == 0) {
            rt->set = (unsigned)set, g0 = g;
        } else if ((unsigned)set != rt->set) {
            printf("hybrid: lpu%u's geometry differs from lpu0's (superlanes %u vs %u)\n", i,
                   (unsigned)g.superlanes, (unsigned)g0.superlanes);
            return HY_E_GEOMETRY;
        }
    }
    return NV_OK;
}

static int alloc_hbm(struct hy_runtime* rt) {
    int e = NV_OK;
    rt->weights = hbm(rt, (uint64_t)HY_W_FLOATS * 4u, &e);
    for (unsigned l = 0; l < HY_LAYERS; ++l) {
        rt->k_cache[l] = hbm(rt, CACHE_BYTES, &e);
        rt->v_cache[l] = hbm(rt, CACHE_BYTES, &e);
    }
    uint64_t* f32[] = {&rt->x, &rt->h, &rt->q, &rt->att, &rt->o, &rt->d};
    for (unsigned i = 0; i < sizeof f32 / sizeof f32[0]; ++i) *f32[i] = hbm(rt, ACT_F32, &e);
    rt->act = hbm(rt, 2 * ACT_I8 + ZERO_BYTES, &e);
    rt->xq = rt->act, rt->yq = rt->act + ACT_I8, rt->zeros = rt->act + 2 * ACT_I8;
    rt->ids = hbm(rt, HY_MAX_SEQ * 4u, &e);
    for (unsigned i = 0; i < HY_STEPS_QUEUED; ++i) rt->step[i].next = hbm(rt, 64, &e);
    rt->last = hbm(rt, ROW_F32, &e);
    rt->logits = hbm(rt, HY_VOCAB * 4u, &e);
    if (e != NV_OK) return fail("allocating HBM", e);
    return NV_OK;
}

static int alloc_host(struct hy_runtime* rt) {
    const uint64_t per_step = CMDS_BYTES + ARGS_BYTES + HY_STAMPS * 8u;
    rt->arena_size = HY_STEPS_QUEUED * per_step + SYNC_BYTES;
    rt->arena = (uint8_t*)nv_host_alloc(rt->node, rt->arena_size, 4096);
    if (!rt->arena) return fail("allocating host memory", NV_E_NO_MEMORY);
    memset(rt->arena, 0, rt->arena_size);
    for (unsigned i = 0; i < HY_STEPS_QUEUED; ++i) {
        uint8_t* base = rt->arena + i * per_step;
        rt->step[i].cmds = base;
        rt->step[i].args = base + CMDS_BYTES;
        rt->step[i].stamps = (volatile uint64_t*)(base + CMDS_BYTES + ARGS_BYTES);
    }
    rt->sem = (volatile uint32_t*)(rt->arena + HY_STEPS_QUEUED * per_step);
    return NV_OK;
}

/* The weights: drawn into host memory, copied to HBM by the GPU's copy engine; the LPUs'
 * activation block and the KV cache zeroed. */
static int upload(struct hy_runtime* rt) {
    const uint64_t bytes = (uint64_t)HY_W_FLOATS * 4u;
    float* staging = (float*)nv_host_alloc(rt->node, bytes, 4096);
    if (!staging) return fail("allocating the weights' staging buffer", NV_E_NO_MEMORY);
    hy_draw_weights(HY_SEED, staging);
    struct nv_cmdbuf b;
    nv_cmd_init(&b, rt->step[0].cmds, CMDS_BYTES);
    nv_cmd_copy(&b, nv_addr(staging), rt->weights, bytes);
    nv_cmd_memset(&b, rt->act, 2 * ACT_I8 + ZERO_BYTES, 0);
    for (unsigned l = 0; l < HY_LAYERS; ++l) {
        nv_cmd_memset(&b, rt->k_cache[l], CACHE_BYTES, 0);
        nv_cmd_memset(&b, rt->v_cache[l], CACHE_BYTES, 0);
    }
    int e = nv_gpu_submit(rt->node, &rt->ch, nv_addr(b.base), b.length);
    if (e == NV_OK) e = nv_gpu_channel_wait_idle(rt->node, &rt->ch);
    nv_host_free(rt->node, staging);
    return e == NV_OK ? NV_OK : gpu_fail(rt, "uploading the weights", e);
}

int hy_init(struct hy_runtime* rt, struct nv_node* node, unsigned lpus) {
    memset(rt, 0, sizeof *rt);
    rt->node = node;
    if (!node->has_gpu || node->lpus == 0) {
        printf("hybrid: the demo needs a GPU and at least one LPU (found %s, %u LPUs)\n",
               node->has_gpu ? "a GPU" : "no GPU", node->lpus);
        return NV_E_NO_DEVICE;
    }
    rt->lpus = lpus == 0 || lpus > node->lpus ? node->lpus : lpus;
    for (unsigned i = 0; i < NV_LPU_MAX; ++i) rt->loaded[i] = -1;
    int e = check_geometries(rt);
    if (e == NV_OK) e = alloc_hbm(rt);
    if (e == NV_OK) e = alloc_host(rt);
    if (e != NV_OK) return e;
    /* The GPU reaches the driver's host heap (rings, notifiers, our command buffers, arguments,
     * semaphores, timestamps, the weights' staging buffer), not the program image. */
    e = nv_gpu_grant(node, 0, node->host.base, node->host.size,
                     GPU_DMA_WIN_CTRL_READ_MASK | GPU_DMA_WIN_CTRL_WRITE_MASK);
    if (e != NV_OK) return fail("granting the GPU its DMA window", e);
    e = nv_gpu_channel_open(node, &rt->ch, 0, RING_ENTRIES);
    if (e != NV_OK) return fail("opening GPU channel 0", e);
    e = upload(rt);
    if (e != NV_OK) return e;
    /* Each LPU reads and writes the activation rows in HBM and reads its program images. */
    for (unsigned i = 0; i < rt->lpus; ++i) {
        e = nv_lpu_grant(node, i, 0, rt->act, 2 * ACT_I8 + ZERO_BYTES,
                         LPU_DMA_WIN_CTRL_READ_MASK | LPU_DMA_WIN_CTRL_WRITE_MASK);
        if (e == NV_OK)
            e = nv_lpu_grant(node, i, 1, hy_lpu_images_base(), hy_lpu_images_bytes(),
                             LPU_DMA_WIN_CTRL_READ_MASK);
        if (e != NV_OK) return fail("granting an LPU its DMA windows", e);
    }
    for (unsigned l = 0; l < HY_LAYERS && l < rt->lpus; ++l) {
        e = hy_lpu_ensure_loaded(rt, l % rt->lpus, l);
        if (e != NV_OK) return e;
    }
    rt->stats.setup_loads = rt->stats.lpu_loads;
    rt->stats.setup_load_ns = rt->stats.lpu_load_ns;
    rt->stats.lpu_loads = rt->stats.lpu_load_ns = 0;
    return NV_OK;
}
