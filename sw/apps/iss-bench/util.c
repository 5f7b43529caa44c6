#include "sw/apps/iss-bench/bench.h"

uint32_t bench_rand(uint32_t* state) {
    uint32_t x = *state; /* xorshift32 */
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *state = x;
    return x;
}

uint32_t bench_mix(uint32_t sum, uint32_t value) {
    sum ^= value + 0x9e3779b9u + (sum << 6) + (sum >> 2);
    return sum;
}
