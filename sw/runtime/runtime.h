/* sw/runtime: the hybrid demo's transformer (docs/demo/model.md) executed on the node through
 * the host driver (sw/driver): attention and every other fp32 step on the GPU, each layer's FFN
 * on an LPU, the activations crossing the fabric every token (docs/demo/running.md).
 *
 * Placement: fp32 weights, KV cache and activations in HBM (nv_gpu_alloc); the int8 FFN weights
 * in the LPU programs generated at build time (hybrid_lpu.h), resident in LPU SRAM. Layer l runs
 * on LPU l % lpus; with fewer LPUs than layers a program is reloaded when its LPU switches
 * layers (counted in hy_stats.lpu_loads / lpu_load_ns).
 *
 * One forward step (hy_submit, hy_complete) is one GPU command buffer: embedding, then per layer
 * the attention block, RMSNorm and quantise; SEM_RELEASE (interrupt) hands the int8 rows to the
 * host, SEM_ACQUIRE waits for the host's answer, then dequantise and add; at the end the final
 * norm, the LM head and argmax, whose token id stays in HBM (the next step's embedding reads it).
 * The host, woken by the release, runs the FFN once per row with nv_lpu_run_io (x from HBM into LPU
 * SRAM, run, y back into HBM) and releases the GPU. The next decode step is queued while the
 * GPU works on the current one (two command buffers), so the GPU never waits for the host to
 * build one.
 *
 * Errors: every function returns NV_OK or a negative NV_E_* code, or HY_E_GEOMETRY; it has
 * printed one line saying what failed. An LPU program error (NV_E_PROGRAM, e.g. an uncorrectable
 * ECC error) is recovered by RESET, reloading the program and retrying the same row (at most
 * HY_LPU_RETRIES times), with one line printed per retry. */
#ifndef NODEVP_RUNTIME_RUNTIME_H
#define NODEVP_RUNTIME_RUNTIME_H

#include <stdint.h>

#include "sw/driver/include/nodevp/driver.h"
#include "sw/runtime/model.h"

#ifdef __cplusplus
extern "C" {
#endif

#define HY_E_GEOMETRY (-100) /* no LPU program set was generated for this LPU's geometry */
#define HY_LPU_RETRIES 2u

/* One LPU's geometry as its registers report it. */
struct hy_geometry {
    uint32_t superlanes, mem_slices, mem_words, mxm_planes, vxm_alus;
};

struct hy_stats {                  /* simulated time, summed over completed steps */
    uint64_t steps, rows;          /* forward steps, positions processed */
    uint64_t gpu_busy_ns;          /* from the GPU's TIMESTAMP commands around its work */
    uint64_t lpu_runs, lpu_cycles; /* FFN runs and the chip cycles they took */
    uint64_t lpu_io_ns;            /* host time in nv_lpu_run_io (DMA in, run, DMA out, mailbox) */
    uint64_t setup_loads, setup_load_ns; /* program loads in hy_init */
    uint64_t lpu_loads, lpu_load_ns;     /* program loads while generating (layer switches,
                                          * recoveries) */
    uint64_t lpu_retries;                /* runs retried after a reset */
    uint64_t total_ns;                   /* each step from its start to its token read back */
};

#define HY_STEPS_QUEUED 2u              /* steps submitted ahead (double-buffered) */
#define HY_STAMPS (2u * HY_LAYERS + 2u) /* GPU timestamps per step: start/end of each segment */

/* A forward step submitted to the GPU: its command buffer, kernel arguments and timestamps in
 * host memory, its rows and first position, its semaphore values, the HBM word its arg max
 * writes. */
struct hy_step {
    uint8_t* cmds;
    uint8_t* args;
    uint32_t args_used;
    volatile uint64_t* stamps;
    uint32_t rows, pos0;
    uint32_t sem_rows; /* layer l's rows are ready at sem_rows + l; its FFN done likewise */
    uint32_t sem_done;
    uint64_t next;
    uint64_t submitted_ns;
};

struct hy_runtime {
    struct nv_node* node;
    unsigned set;           /* index into hybrid_lpu_sets */
    unsigned lpus;          /* LPUs used (layer l on LPU l % lpus) */
    int loaded[NV_LPU_MAX]; /* layer whose program each LPU holds, -1 none */
    struct nv_channel ch;
    /* HBM */
    uint64_t weights;                                /* HY_W_FLOATS fp32 (model.h) */
    uint64_t k_cache[HY_LAYERS], v_cache[HY_LAYERS]; /* [kv head][max_seq][head_dim] fp32 */
    uint64_t x, h, q, att, o, d;                     /* [max_seq][d_model] fp32 */
    uint64_t act; /* the LPUs' window: xq, yq [max_seq][d_model] int8, zeros */
    uint64_t xq, yq, zeros;
    uint64_t ids, last, logits;
    /* host memory the GPU reads and writes */
    uint8_t* arena;
    uint64_t arena_size;
    volatile uint32_t* sem; /* [0] rows quantised (GPU), [1] FFN done (host), [2] step done */
    /* the step queue */
    struct hy_step step[HY_STEPS_QUEUED];
    unsigned head, queued;       /* oldest queued step, steps queued */
    uint32_t seq_rows, seq_done; /* semaphore values handed out */
    uint32_t pos;                /* next position to submit */
    uint64_t steps;              /* steps submitted */
    uint64_t last_done_ns;
    struct hy_stats stats;
    uint64_t step_ns, step_gpu_ns; /* the last completed step's time (from its start: its
                                    * submission, or the end of the step queued before it) */
};

/* Reads LPU `lpu`'s geometry from its registers. */
void hy_lpu_geometry(const struct nv_node* node, unsigned lpu, struct hy_geometry* g);
/* The program set for geometry g (its index), or -1. */
int hy_lpu_find_set(const struct hy_geometry* g);
/* The configuration name the set was generated for ("default", "full"). */
const char* hy_lpu_set_name(unsigned set);
/* Bytes of the embedded LPU images (all sets). */
uint64_t hy_lpu_images_bytes(void);

/* Sets the model up on booted devices: checks every LPU's geometry (HY_E_GEOMETRY, naming it),
 * allocates HBM and host buffers, grants DMA windows, draws the weights and uploads them, opens
 * GPU channel 0 and loads each LPU's first program. lpus: LPUs to use (0: all). */
int hy_init(struct hy_runtime* rt, struct nv_node* node, unsigned lpus);
/* Queues a step of `rows` positions from rt->pos (at most HY_STEPS_QUEUED queued): builds its
 * command buffer and submits it. The tokens are `ids` (host bytes), or with ids NULL and rows 1
 * the token the previous step chooses (read by the GPU from HBM: a decode step can be queued
 * before the previous one completes, so the GPU goes on without waiting for the host); a step
 * with `ids` only when none is queued. */
int hy_submit(struct hy_runtime* rt, const uint8_t* ids, unsigned rows);
/* Completes the oldest queued step: its FFN hand-overs, then its token (*next). */
int hy_complete(struct hy_runtime* rt, int32_t* next);

#ifdef __cplusplus
}
#endif

#endif /* NODEVP_RUNTIME_RUNTIME_H */
