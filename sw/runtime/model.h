/* The hybrid demo's transformer as the runtime lays it out on the node (docs/demo/model.md is
 * the contract: shape, weights, arithmetic). Shape constants, the hand-over constants, and the
 * fp32 weights' layout in one HBM block, in the order the seeded stream draws them (the int8 FFN
 * weights are not in it: they live in the LPU programs, sw/apps/hybrid-infer/gen). */
#ifndef NODEVP_RUNTIME_MODEL_H
#define NODEVP_RUNTIME_MODEL_H

#include <stdint.h>

#define HY_VOCAB 256u
#define HY_D_MODEL 64u
#define HY_LAYERS 2u
#define HY_HEADS 4u
#define HY_KV_HEADS 2u
#define HY_HEAD_DIM 16u
#define HY_KV_DIM (HY_KV_HEADS * HY_HEAD_DIM) /* 32 */
#define HY_D_FF 256u
#define HY_MAX_SEQ 256u
#define HY_NORM_EPS 1e-5f
#define HY_ROPE_THETA 10000.0f
#define HY_SEED 0x6e6f646576702d37ull /* "nodevp-7" */

/* Hand-over constants, both layers (the LPU's REQ scales are baked into its programs). */
#define HY_IN_SCALE 32.0f
#define HY_OUT_SCALE 0.03125f

/* fp32 weight block: offsets in floats. Per layer: attn_norm, wq, wk, wv, wo, ffn_norm. */
#define HY_W_EMBED 0u
#define HY_W_LAYER0 (HY_VOCAB * HY_D_MODEL) /* 16384 */
#define HY_WL_ATTN_NORM 0u
#define HY_WL_WQ (HY_WL_ATTN_NORM + HY_D_MODEL)
#define HY_WL_WK (HY_WL_WQ + HY_D_MODEL * HY_D_MODEL)
#define HY_WL_WV (HY_WL_WK + HY_D_MODEL * HY_KV_DIM)
#define HY_WL_WO (HY_WL_WV + HY_D_MODEL * HY_KV_DIM)
#define HY_WL_FFN_NORM (HY_WL_WO + HY_D_MODEL * HY_D_MODEL)
#define HY_WL_FLOATS (HY_WL_FFN_NORM + HY_D_MODEL) /* 12416 */
#define HY_W_LAYER(l) (HY_W_LAYER0 + (l)*HY_WL_FLOATS)
#define HY_W_FINAL_NORM HY_W_LAYER(HY_LAYERS)
#define HY_W_LM (HY_W_FINAL_NORM + HY_D_MODEL)
#define HY_W_FLOATS (HY_W_LM + HY_D_MODEL * HY_VOCAB) /* 57664 */

/* Draws of the int8 FFN weights per layer (w_up then w_down), skipped by the fp32 block. */
#define HY_FFN_DRAWS (2u * HY_D_FF * HY_D_MODEL)

#endif /* NODEVP_RUNTIME_MODEL_H */
