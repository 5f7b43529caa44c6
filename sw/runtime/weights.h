/* The hybrid demo's fp32 weights, drawn from the seeded splitmix64 stream exactly as
 * docs/demo/model.md says (plain C, no driver: also compiled for the host and checked against the
 * independent reference, tests/demo/e2e/runtime_weights_test.cpp). */
#ifndef NODEVP_RUNTIME_WEIGHTS_H
#define NODEVP_RUNTIME_WEIGHTS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct hy_splitmix64 {
    uint64_t state;
};
uint64_t hy_splitmix64_next(struct hy_splitmix64* s);

/* sym() scaled by 2^exp2 as fp32 bits: (2 ((z >> 40) 2^-24) - 1) 2^exp2, exact, built with
 * integer operations only (the host harts may lack an FPU). */
uint32_t hy_sym_bits(uint64_t z, int exp2);

/* Fills w[0 .. HY_W_FLOATS) (model.h layout) from `seed`, skipping the int8 FFN weights' draws. */
void hy_draw_weights(uint64_t seed, float* w);

#ifdef __cplusplus
}
#endif

#endif /* NODEVP_RUNTIME_WEIGHTS_H */
