/* iss-bench: integer benchmark for the ISS (SPEC section 9). Runs BENCH_ITERATIONS rounds of
 * four kernels (linked lists, matrix multiply, a tokenizer state machine, CRC-32), prints the
 * checksum and exits 0 only if it equals BENCH_EXPECTED, which was verified on QEMU
 * (qemu-system-riscv64 -M virt). Also checks CRC-32 against its published check value and the
 * table-driven CRC against the bitwise one. The output is the same on every platform
 * (scripts/bench compares nodevp's and QEMU's); instruction counts come from nodevp --stats. */
#include <stdio.h>

#include "sw/apps/iss-bench/bench.h"

#ifndef BENCH_ITERATIONS
#define BENCH_ITERATIONS 3200 /* about 400 million instructions */
#endif
#define BENCH_EXPECTED 0x47d27627u /* checksum for BENCH_ITERATIONS == 3200, from QEMU */
#define CRC32_CHECK 0xcbf43926u    /* CRC-32 of "123456789" (IEEE 802.3 check value) */

static int bench_self_check(void) {
    static const uint8_t digits[] = "123456789";
    if (crc32_update(0, digits, 9) != CRC32_CHECK) return 0;
    return crc32_bitwise(0, digits, 9) == CRC32_CHECK;
}

int main(void) {
    crc32_init();
    if (!bench_self_check()) {
        printf("iss-bench: CRC-32 self-check failed\n");
        return 2;
    }
    uint32_t sum = 0;
    for (uint32_t i = 0; i < BENCH_ITERATIONS; ++i) {
        uint32_t seed = 0x12345678u + i * 0x10001u;
        sum = bench_mix(sum, list_kernel(seed));
        sum = bench_mix(sum, matrix_kernel(seed ^ 0xa5a5a5a5u));
        sum = bench_mix(sum, fsm_kernel(seed ^ 0x5a5a5a5au));
        sum = bench_mix(sum, crc_kernel(seed ^ 0x3c3c3c3cu));
    }
    printf("iss-bench: iterations %u checksum 0x%08lx\n", (unsigned)BENCH_ITERATIONS,
           (unsigned long)sum);
    if (sum != BENCH_EXPECTED) {
        printf("iss-bench: FAIL, expected checksum 0x%08lx\n", (unsigned long)BENCH_EXPECTED);
        return 1;
    }
    printf("iss-bench: PASS\n");
    return 0;
}
