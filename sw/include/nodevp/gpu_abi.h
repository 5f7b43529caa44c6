/* The GPU's guest-visible ABI (docs/gpu/device.md): channel ring entries, command encoding,
 * kernel ids and their argument structs, the error notifier, error codes and the GSP mailbox
 * protocol. One header for guest C (drivers, firmware, tests) and for the model (C++), which
 * static-asserts the layouts. Register offsets are not here: they come from gen/node.h
 * (GPU_*), generated from platform/description/node.yaml.
 *
 * Everything is little-endian with natural alignment. Addresses are host physical addresses: an
 * address inside [NODE_HBM_BASE, NODE_HBM_BASE + HBM_SIZE) is HBM, anything else goes out through
 * the GPU's DMA port to the node (host DRAM). */
#ifndef NODEVP_GPU_ABI_H
#define NODEVP_GPU_ABI_H

#include <stdint.h>

#ifdef __cplusplus
#define GPU_ABI_ASSERT(cond, msg) static_assert(cond, msg)
#else
#define GPU_ABI_ASSERT(cond, msg) _Static_assert(cond, msg)
#endif

/* ---- Channel ring ----------------------------------------------------------------------------
 * A channel's ring is CH_RING_SIZE entries of struct gpu_ring_entry at CH_RING_BASE (16-byte
 * aligned, host or HBM memory). The driver fills entries and writes CH_PUT (the index after the
 * last filled entry, modulo the ring size); the channel executes entries from CH_GET up to PUT
 * in order and advances CH_GET after each entry has completed. */
struct gpu_ring_entry {
    uint64_t cmdbuf; /* address of the command buffer */
    uint32_t length; /* bytes of commands in it (multiple of 8, at most GPU_CMDBUF_MAX) */
    uint32_t flags;  /* reserved, 0 */
};
#define GPU_CMDBUF_MAX 0x10000u

/* ---- Commands ----------------------------------------------------------------------------------
 * A command buffer is a sequence of commands, each starting with struct gpu_cmd_header; `length`
 * is the whole command's size in bytes (the header included, a multiple of 8). The opcode's
 * command struct must fit in `length`. */
struct gpu_cmd_header {
    uint16_t opcode; /* GPU_OP_* */
    uint16_t flags;  /* GPU_CMD_F_* (per command) */
    uint32_t length;
};

enum gpu_opcode {
    GPU_OP_NOP = 0,
    GPU_OP_SEM_ACQUIRE = 1, /* wait until the word at addr meets the condition */
    GPU_OP_SEM_RELEASE = 2, /* write value to addr, optionally interrupt */
    GPU_OP_COPY = 3,        /* copy engine: len bytes from src to dst */
    GPU_OP_MEMSET = 4,      /* fill len bytes at dst with a 1- or 4-byte pattern */
    GPU_OP_LAUNCH = 5,      /* run a kernel */
    GPU_OP_TIMESTAMP = 6,   /* write the simulated time in ns (uint64) to addr */
};

/* Flags. SEM_*: the semaphore word is 64-bit (else 32-bit). ACQUIRE: condition GE (word >= value,
 * unsigned) or EQ. RELEASE: raise INT_STATUS.SEMAPHORE and CHAN_SEM bit c after the write.
 * MEMSET: the pattern is a 32-bit word (len a multiple of 4) instead of its low byte. */
#define GPU_CMD_F_SEM64 0x1u
#define GPU_CMD_F_COND_EQ 0x2u
#define GPU_CMD_F_INTERRUPT 0x4u
#define GPU_CMD_F_PATTERN32 0x8u

struct gpu_cmd_nop {
    struct gpu_cmd_header h;
};
struct gpu_cmd_sem {
    struct gpu_cmd_header h; /* SEM_ACQUIRE, SEM_RELEASE */
    uint64_t addr;           /* aligned to the word size */
    uint64_t value;
};
struct gpu_cmd_copy {
    struct gpu_cmd_header h;
    uint64_t src;
    uint64_t dst;
    uint64_t len;
};
struct gpu_cmd_memset {
    struct gpu_cmd_header h;
    uint64_t dst;
    uint64_t len;
    uint32_t pattern;
    uint32_t reserved;
};
struct gpu_cmd_launch {
    struct gpu_cmd_header h;
    uint32_t kernel;   /* GPU_KERNEL_* */
    uint32_t args_len; /* bytes of the argument struct at args (its exact size) */
    uint64_t args;     /* address of the kernel's argument struct (host or HBM) */
    uint32_t grid[3];  /* thread blocks in x, y, z: each >= 1; blocks = x*y*z bound the SMs */
    uint32_t reserved;
};
struct gpu_cmd_timestamp {
    struct gpu_cmd_header h;
    uint64_t addr; /* 8-byte aligned */
};

/* ---- Kernels -----------------------------------------------------------------------------------
 * Tensor addresses must lie wholly inside HBM (else GPU_ERR_BAD_ARGUMENT_ADDRESS). Types are
 * GPU_DTYPE_* (= nodevp::gpu::kernels::DType). Semantics: models/gpu/kernels/kernels.hpp and
 * docs/gpu/kernels.md. */
enum gpu_kernel {
    GPU_KERNEL_GEMM = 1,
    GPU_KERNEL_ATTENTION = 2,
    GPU_KERNEL_SOFTMAX = 3,
    GPU_KERNEL_RMSNORM = 4,
    GPU_KERNEL_ROTARY = 5,
    GPU_KERNEL_ELEMENTWISE = 6,
    GPU_KERNEL_EMBEDDING = 7,
    GPU_KERNEL_ARGMAX = 8,
    GPU_KERNEL_QUANTIZE = 9,   /* fp32 -> int8 for the LPU (struct gpu_quantize_args) */
    GPU_KERNEL_DEQUANTIZE = 10 /* int8/int32 -> fp32 (struct gpu_dequantize_args) */
};
#define GPU_KERNEL_COUNT 10u

enum gpu_dtype {
    GPU_DTYPE_F32 = 0,
    GPU_DTYPE_F16 = 1,
    GPU_DTYPE_BF16 = 2,
    GPU_DTYPE_I8 = 3,
    GPU_DTYPE_I32 = 4
};
enum gpu_elementwise_op { GPU_EW_ADD = 0, GPU_EW_MUL = 1, GPU_EW_SILU = 2, GPU_EW_GELU = 3 };

struct gpu_gemm_args {
    uint64_t a, b, c;
    uint8_t ab_type, c_type, trans_a, trans_b;
    uint32_t m, n, k, batch;
    uint32_t reserved;
    uint64_t lda, ldb, ldc;
    uint64_t stride_a, stride_b, stride_c;
    float alpha, beta;
};
struct gpu_attention_args {
    uint64_t q, k_cache, v_cache, out;
    uint32_t heads, kv_heads, head_dim, q_len, q_pos0, max_seq;
    float scale;
    uint32_t reserved;
};
struct gpu_softmax_args {
    uint64_t in, out;
    uint32_t rows, cols;
};
struct gpu_rmsnorm_args {
    uint64_t x, weight, out;
    uint32_t rows, cols;
    float eps;
    uint32_t reserved;
};
struct gpu_rotary_args {
    uint64_t x;
    uint32_t rows, heads, head_dim, pos0;
    float theta;
    uint32_t reserved;
};
struct gpu_elementwise_args {
    uint64_t a, b, out; /* b unused (may be 0) for SILU and GELU */
    uint64_t n;
    uint32_t op;
    uint32_t reserved;
};
struct gpu_embedding_args {
    uint64_t table, ids, out;
    uint32_t rows, dim, vocab, reserved;
};
struct gpu_argmax_args {
    uint64_t in, out;
    uint32_t rows, cols;
};
struct gpu_quantize_args {
    uint64_t in, out; /* fp32 in, int8 out */
    uint64_t n;
    float scale;
    uint32_t reserved;
};
struct gpu_dequantize_args {
    uint64_t in, out; /* in: int8 or int32 (in_type), out: fp32 */
    uint64_t n;
    float scale;
    uint32_t in_type; /* GPU_DTYPE_I8 or GPU_DTYPE_I32 */
};

/* ---- Errors ------------------------------------------------------------------------------------
 * A channel that meets an error stops (CH_STATUS.ERROR, CH_ERR_CODE, CH_ERR_INFO), writes its
 * error notifier (if CH_NOTIFIER is not 0), sets CHAN_ERR bit c and INT_STATUS.ERROR for the host
 * and CHAN_ERR_GSP bit c and GSP_INT_STATUS.CHANNEL_ERROR for the GSP. CH_GET stays at the
 * failing entry. Other channels keep running. DESTROY_CHANNEL then CREATE_CHANNEL recovers. */
enum gpu_error {
    GPU_ERR_NONE = 0,
    GPU_ERR_BAD_COMMAND = 1,          /* unknown opcode; info = opcode */
    GPU_ERR_BAD_COMMAND_LENGTH = 2,   /* length too short / not a multiple of 8 / past the buffer */
    GPU_ERR_BAD_RING = 3,             /* ring entry unreadable or malformed, PUT >= ring size */
    GPU_ERR_FETCH = 4,                /* command buffer unreadable; info = its address */
    GPU_ERR_BAD_ADDRESS = 5,          /* copy/memset/semaphore/timestamp address faulted or out of
                                       * HBM bounds, or misaligned; info = the address */
    GPU_ERR_BAD_ARGUMENT_ADDRESS = 6, /* launch: argument struct unreadable, or a tensor not wholly
                                       * inside HBM; info = the address */
    GPU_ERR_BAD_KERNEL = 7,           /* unknown kernel id or wrong args_len; info = the id */
    GPU_ERR_KERNEL = 8,               /* the kernel rejected its arguments (shape, types, ids) */
    GPU_ERR_BAD_GRID = 9,             /* a grid dimension is 0 */
};

/* Written to CH_NOTIFIER (host or HBM, 8-byte aligned) when the channel stops on an error. */
struct gpu_error_notifier {
    uint64_t timestamp_ns; /* simulated time of the error */
    uint32_t code;         /* GPU_ERR_* */
    uint32_t channel;
    uint64_t info;       /* the faulting address, opcode or kernel id */
    uint32_t ring_index; /* the ring entry that failed (= CH_GET) */
    uint32_t cmd_offset; /* byte offset of the failing command in its buffer */
};

/* ---- GSP mailbox ------------------------------------------------------------------------------
 * The host writes a request into MBOX_REQ[0..15] (word 0: command), then MBOX_H2D; the GSP
 * answers in MBOX_RSP[0..15] (word 0: status) and writes MBOX_D2H (INT_STATUS.MAILBOX). One
 * request at a time. After boot the GSP posts GPU_MBOX_READY unasked. 64-bit values are (lo, hi).
 */
#define GPU_MBOX_READY 0x52454459u /* "REDY"; [1] fw version, [2] HBM init result, [3] channels */
#define GPU_FW_VERSION 0x00010000u

enum gpu_mbox_cmd {
    GPU_CMD_QUERY = 1, /* -> [1] ID, [2,3] HBM size, [4] channels, [5] SMs, [6] fw version */
    GPU_CMD_CREATE_CHANNEL = 2, /* [1] channel, [2,3] ring base, [4] ring entries, [5,6] notifier */
    GPU_CMD_DESTROY_CHANNEL = 3, /* [1] channel: stop it, GET = PUT = 0, error cleared */
    GPU_CMD_ERROR_LOG = 4,       /* -> oldest unread record: [1] channel, [2] code, [3,4] info,
                                  * [5] records still unread; GPU_ST_EMPTY if none */
    GPU_CMD_STATUS = 5,          /* -> [1] requests, [2] failed requests, [3] channel errors seen,
                                  * [4] channels enabled (bit mask), [5] HBM init result */
};

enum gpu_mbox_status {
    GPU_ST_OK = 0,
    GPU_ST_BAD_COMMAND = 1,  /* unknown request */
    GPU_ST_BAD_CHANNEL = 2,  /* channel number >= CHANNELS */
    GPU_ST_BUSY = 3,         /* CREATE_CHANNEL on an enabled channel */
    GPU_ST_BAD_ARGUMENT = 4, /* ring base not 16-byte aligned, ring size 0 or > GPU_RING_MAX,
                              * notifier not 8-byte aligned */
    GPU_ST_EMPTY = 5,        /* ERROR_LOG: no record */
};
#define GPU_RING_MAX 0x10000u

/* HBM initialisation result (READY [2], STATUS [5]): 0 pass, else the failed step. */
enum gpu_hbm_init_result {
    GPU_HBM_OK = 0,
    GPU_HBM_NOT_READY = 1, /* HBM_CTRL.INIT did not set STATUS.HBM_READY */
    GPU_HBM_PATTERN = 2,   /* the pattern test through the GSP's HBM window failed */
};

GPU_ABI_ASSERT(sizeof(struct gpu_ring_entry) == 16, "ring entry layout");
GPU_ABI_ASSERT(sizeof(struct gpu_cmd_header) == 8, "command header layout");
GPU_ABI_ASSERT(sizeof(struct gpu_cmd_sem) == 24, "semaphore command layout");
GPU_ABI_ASSERT(sizeof(struct gpu_cmd_copy) == 32, "copy command layout");
GPU_ABI_ASSERT(sizeof(struct gpu_cmd_memset) == 32, "memset command layout");
GPU_ABI_ASSERT(sizeof(struct gpu_cmd_launch) == 40, "launch command layout");
GPU_ABI_ASSERT(sizeof(struct gpu_cmd_timestamp) == 16, "timestamp command layout");
GPU_ABI_ASSERT(sizeof(struct gpu_gemm_args) == 104, "GEMM argument layout");
GPU_ABI_ASSERT(sizeof(struct gpu_attention_args) == 64, "attention argument layout");
GPU_ABI_ASSERT(sizeof(struct gpu_softmax_args) == 24, "softmax argument layout");
GPU_ABI_ASSERT(sizeof(struct gpu_rmsnorm_args) == 40, "RMSNorm argument layout");
GPU_ABI_ASSERT(sizeof(struct gpu_rotary_args) == 32, "rotary argument layout");
GPU_ABI_ASSERT(sizeof(struct gpu_elementwise_args) == 40, "elementwise argument layout");
GPU_ABI_ASSERT(sizeof(struct gpu_embedding_args) == 40, "embedding argument layout");
GPU_ABI_ASSERT(sizeof(struct gpu_argmax_args) == 24, "argmax argument layout");
GPU_ABI_ASSERT(sizeof(struct gpu_quantize_args) == 32, "quantise argument layout");
GPU_ABI_ASSERT(sizeof(struct gpu_dequantize_args) == 32, "dequantise argument layout");
GPU_ABI_ASSERT(sizeof(struct gpu_error_notifier) == 32, "error notifier layout");

#endif /* NODEVP_GPU_ABI_H */
