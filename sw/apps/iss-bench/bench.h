/* iss-bench kernels. Each folds its results into a running 32-bit checksum and is deterministic
 * for a given seed, so the final checksum is a property of the program alone. */
#ifndef NODEVP_SW_ISS_BENCH_BENCH_H
#define NODEVP_SW_ISS_BENCH_BENCH_H

#include <stddef.h>
#include <stdint.h>

uint32_t bench_rand(uint32_t* state);
uint32_t bench_mix(uint32_t sum, uint32_t value);

uint32_t crc32_update(uint32_t crc, const uint8_t* data, size_t len);
/* Bit-at-a-time reference for crc32_update's table-driven implementation. */
uint32_t crc32_bitwise(uint32_t crc, const uint8_t* data, size_t len);
void crc32_init(void);

uint32_t list_kernel(uint32_t seed);
uint32_t matrix_kernel(uint32_t seed);
uint32_t fsm_kernel(uint32_t seed);
uint32_t crc_kernel(uint32_t seed);

#endif /* NODEVP_SW_ISS_BENCH_BENCH_H */
