/* Shared parts of the coherence litmus tests (litmus_*.c): a sense-reversing barrier over the
 * participating harts, a seeded per-hart delay that varies the interleaving from one iteration
 * to the next, and outcome histograms printed in a fixed order.
 *
 * Output convention (tests/e2e/fidelity_compare.py relies on it): a line that starts with "~ "
 * holds counts that depend on timing (how the harts happened to interleave), so they differ
 * between `--fidelity fast` and `--fidelity timed`; every other line must be identical in both.
 * Counts of forbidden outcomes are never on "~ " lines: they must be 0 in every fidelity.
 *
 * Memory-model references are to the RISC-V unprivileged ISA, chapter "RVWMO Memory
 * Consistency Model": the preserved-program-order (ppo) rules 1-13 and the load value,
 * atomicity and progress axioms. */
#ifndef NODEVP_TESTS_FIRMWARE_LITMUS_H
#define NODEVP_TESTS_FIRMWARE_LITMUS_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* Exit code of a run that saw a forbidden outcome (other failures exit with a CHECK's line). */
#define LITMUS_EXIT_FORBIDDEN 99
#define LITMUS_LINE_BYTES 64u
/* Locations rotate over this many cache lines: each iteration uses a line that the previous
 * 63 iterations did not touch, and the 64 lines fill exactly 4 KiB (one fault_symbol window). */
#define LITMUS_SLOTS 64u
#define LITMUS_SLOT_WORDS (LITMUS_LINE_BYTES / sizeof(uint32_t))

/* One 32-bit location per cache line, LITMUS_SLOTS lines (4 KiB). */
typedef uint32_t litmus_lines_t[LITMUS_SLOTS * LITMUS_SLOT_WORDS];

static inline uint32_t* litmus_slot(uint32_t* lines, uint32_t k) {
    return &lines[(k % LITMUS_SLOTS) * LITMUS_SLOT_WORDS];
}

/* Sense-reversing barrier. The arriving hart's amoadd.w.aqrl orders everything it did before
 * (ppo rule 6, release) and the waiters' acquire loads order everything after (rule 4: gcc
 * emits lw; fence r,rw), so accesses of one round never cross the barrier. */
struct litmus_barrier {
    uint32_t arrived;
    uint32_t sense;
} __attribute__((aligned(LITMUS_LINE_BYTES)));

static inline void litmus_barrier_wait(struct litmus_barrier* b, unsigned parties,
                                       uint32_t* local_sense) {
    uint32_t s = *local_sense ^ 1u;
    *local_sense = s;
    if (__atomic_fetch_add(&b->arrived, 1u, __ATOMIC_ACQ_REL) == parties - 1u) {
        __atomic_store_n(&b->arrived, 0u, __ATOMIC_RELAXED);
        __atomic_store_n(&b->sense, s, __ATOMIC_RELEASE);
    } else {
        while (__atomic_load_n(&b->sense, __ATOMIC_ACQUIRE) != s) {
        }
    }
}

/* Deterministic pseudo-random delay for hart `hart` in iteration `k`: 0..max_spins turns of a
 * loop, so the two sides of a test start at varying offsets. No wall clock, no shared state. */
static inline void litmus_delay(uint32_t k, unsigned hart, uint32_t max_spins) {
    uint32_t x = (k + 1u) * 2654435761u ^ (hart + 1u) * 0x9e3779b9u;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    for (uint32_t n = x % (max_spins + 1u); n != 0; --n) __asm__ volatile("nop");
}

/* One possible outcome of a test and how often it was seen. */
struct litmus_outcome {
    const char* name;
    int forbidden;
    uint32_t count;
};

/* Prints every outcome (seen or not, in table order) and returns how many forbidden outcomes
 * were seen. Allowed counts go on "~ " lines (timing dependent), forbidden ones do not. */
static inline uint32_t litmus_report(const char* test, const struct litmus_outcome* outcomes,
                                     unsigned n) {
    uint32_t forbidden = 0;
    for (unsigned i = 0; i < n; ++i) {
        const struct litmus_outcome* o = &outcomes[i];
        printf("%s%-22s %-12s %-9s %6lu\n", o->forbidden ? "" : "~ ", test, o->name,
               o->forbidden ? "forbidden" : "allowed", (unsigned long)o->count);
        if (o->forbidden) forbidden += o->count;
    }
    return forbidden;
}

/* Ends the run with LITMUS_EXIT_FORBIDDEN when any forbidden outcome was seen. */
static inline void litmus_require_none_forbidden(const char* test, uint32_t forbidden) {
    if (forbidden == 0) return;
    printf("FAIL %s: forbidden outcomes seen %lu times\n", test, (unsigned long)forbidden);
    exit(LITMUS_EXIT_FORBIDDEN);
}

#endif /* NODEVP_TESTS_FIRMWARE_LITMUS_H */
