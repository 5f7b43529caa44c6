/* Internal to sw/runtime: the LPU side of a forward step (lpu_ffn.c). */
#ifndef NODEVP_RUNTIME_LPU_FFN_H
#define NODEVP_RUNTIME_LPU_FFN_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct hy_runtime;

/* Address and size of the embedded program images (the LPUs' read window). */
uint64_t hy_lpu_images_base(void);
/* d_model padded to the vector length of the runtime's set. */
uint32_t hy_lpu_padded_d_model(const struct hy_runtime* rt);
/* Loads `layer`'s program on `lpu` unless it holds it already. */
int hy_lpu_ensure_loaded(struct hy_runtime* rt, unsigned lpu, unsigned layer);
/* The FFN of `layer` for xq rows 0..rows-1 (positions pos0..) into yq, on LPU layer % lpus,
 * with recovery. */
int hy_lpu_ffn_rows(struct hy_runtime* rt, unsigned layer, unsigned rows, unsigned pos0);

#ifdef __cplusplus
}
#endif

#endif /* NODEVP_RUNTIME_LPU_FFN_H */
