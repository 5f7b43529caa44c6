/* Integer matrix multiplication C = A * B (int32, wrapping), folded row by row. */
#include "sw/apps/iss-bench/bench.h"

#define MAT_N 16

static int32_t mat_a[MAT_N][MAT_N], mat_b[MAT_N][MAT_N], mat_c[MAT_N][MAT_N];

uint32_t matrix_kernel(uint32_t seed) {
    for (int i = 0; i < MAT_N; ++i)
        for (int j = 0; j < MAT_N; ++j) {
            mat_a[i][j] = (int32_t)(bench_rand(&seed) % 2001) - 1000;
            mat_b[i][j] = (int32_t)(bench_rand(&seed) % 2001) - 1000;
        }
    for (int i = 0; i < MAT_N; ++i)
        for (int j = 0; j < MAT_N; ++j) {
            int32_t acc = 0;
            for (int k = 0; k < MAT_N; ++k) acc += mat_a[i][k] * mat_b[k][j];
            mat_c[i][j] = acc;
        }
    uint32_t sum = 0;
    for (int i = 0; i < MAT_N; ++i)
        for (int j = 0; j < MAT_N; ++j) sum = bench_mix(sum, (uint32_t)mat_c[i][j]);
    return sum;
}
