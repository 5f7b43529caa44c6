/* Atomics from every hart (run with 4; needs >= 2), phases separated by barriers:
 *  1. amoadd.w (+1) and amoadd.d (+0x100000001) on shared counters;
 *  2. lr.w/sc.w increment loops on a shared counter;
 *  3. a test-and-test-and-set spinlock (acquire: amoswap.w.aq; release: alternately
 *     amoswap.w.rl and fence rw,w + sw) guarding a plain, non-atomic two-word record;
 *  4. exchange: every hart amoswap.w's unique tokens into one slot and keeps what it got back.
 * Every final value is exact (computed here from the hart and round counts, not observed):
 *  - AMOs and paired LR/SC are atomic (atomicity axiom: no store from another hart to the
 *    address between the read and the write in the global memory order), so no increment is lost.
 *  - The lock: only one amoswap can read 0 after a release (atomicity); the aq annotation
 *    orders the critical section after the acquiring swap (ppo rule 5), the rl annotation
 *    (rule 6) or fence rw,w (rule 4) orders it before the releasing store. So critical
 *    sections are totally ordered: the record's words stay equal and count every round.
 *  - Exchange: the swaps of one slot form one total order in which each reads the value the
 *    previous one wrote, so the values returned plus the final slot value are the initial 0 and
 *    every token, each exactly once. */
#include <stdint.h>
#include <stdio.h>

#include "firmware/lib/node_rt.h"
#include "firmware/lib/rt_config.h"
#include "tests/firmware/check.h"
#include "tests/firmware/litmus.h"

#define ATOM_ROUNDS 2000u
#define ATOM_AMOD_STEP 0x100000001ull

static uint32_t atom_amow __attribute__((aligned(LITMUS_LINE_BYTES)));
static uint64_t atom_amod __attribute__((aligned(LITMUS_LINE_BYTES)));
static uint32_t atom_lrsc __attribute__((aligned(LITMUS_LINE_BYTES)));
static uint32_t atom_lock __attribute__((aligned(LITMUS_LINE_BYTES)));
/* Guarded by atom_lock; a and b are always equal outside the critical section. */
static struct { uint32_t a, b; } atom_record __attribute__((aligned(LITMUS_LINE_BYTES)));
static uint32_t atom_torn; /* critical sections that saw a != b; guarded by atom_lock */
static uint32_t atom_slot __attribute__((aligned(LITMUS_LINE_BYTES)));
static uint32_t atom_got[NODE_RT_HARTS_MAX][ATOM_ROUNDS];
static uint8_t atom_seen[NODE_RT_HARTS_MAX * ATOM_ROUNDS + 1];
static struct litmus_barrier atom_barrier;

static void atom_amo_phase(void) {
    for (unsigned i = 0; i < ATOM_ROUNDS; ++i) {
        __asm__ volatile("amoadd.w zero, %1, (%0)" ::"r"(&atom_amow), "r"(1) : "memory");
        __asm__ volatile("amoadd.d zero, %1, (%0)" ::"r"(&atom_amod), "r"(ATOM_AMOD_STEP)
                         : "memory");
    }
}

static void atom_lrsc_phase(void) {
    for (unsigned i = 0; i < ATOM_ROUNDS; ++i) {
        uint32_t v, fail;
        do {
            __asm__ volatile(
                "lr.w %0, (%2)\n"
                "addi %0, %0, 1\n"
                "sc.w %1, %0, (%2)\n"
                : "=&r"(v), "=&r"(fail)
                : "r"(&atom_lrsc)
                : "memory");
        } while (fail);
    }
}

static void atom_lock_acquire(void) {
    uint32_t old;
    for (;;) {
        while (__atomic_load_n(&atom_lock, __ATOMIC_RELAXED) != 0) {
        }
        __asm__ volatile("amoswap.w.aq %0, %1, (%2)"
                         : "=r"(old)
                         : "r"(1), "r"(&atom_lock)
                         : "memory");
        if (old == 0) return;
    }
}

static void atom_lock_release(unsigned round) {
    if (round % 2 == 0)
        __asm__ volatile("amoswap.w.rl zero, zero, (%0)" ::"r"(&atom_lock) : "memory");
    else
        __asm__ volatile(
            "fence rw, w\n"
            "sw zero, 0(%0)\n" ::"r"(&atom_lock)
            : "memory");
}

/* Plain loads and stores only; the compiler may not keep the record in registers across the
 * asm barriers of acquire/release ("memory" clobbers). */
static void atom_lock_phase(unsigned hart) {
    for (unsigned i = 0; i < ATOM_ROUNDS; ++i) {
        atom_lock_acquire();
        uint32_t a = atom_record.a;
        litmus_delay(i, hart, 8); /* widen the window a broken lock would show */
        uint32_t b = atom_record.b;
        if (a != b) ++atom_torn;
        atom_record.a = a + 1;
        atom_record.b = b + 1;
        atom_lock_release(i);
    }
}

static void atom_xchg_phase(unsigned hart) {
    for (unsigned i = 0; i < ATOM_ROUNDS; ++i) {
        uint32_t token = hart * ATOM_ROUNDS + i + 1u, old;
        __asm__ volatile("amoswap.w %0, %1, (%2)"
                         : "=r"(old)
                         : "r"(token), "r"(&atom_slot)
                         : "memory");
        atom_got[hart][i] = old;
    }
}

static void atom_run(unsigned hart) {
    uint32_t sense = 0;
    unsigned parties = node_hart_count();
    litmus_barrier_wait(&atom_barrier, parties, &sense);
    atom_amo_phase();
    litmus_barrier_wait(&atom_barrier, parties, &sense);
    atom_lrsc_phase();
    litmus_barrier_wait(&atom_barrier, parties, &sense);
    atom_lock_phase(hart);
    litmus_barrier_wait(&atom_barrier, parties, &sense);
    atom_xchg_phase(hart);
    litmus_barrier_wait(&atom_barrier, parties, &sense);
}

static void atom_check_exchange(unsigned harts) {
    uint32_t tokens = harts * ATOM_ROUNDS;
    uint32_t out_of_range = 0, repeated = 0, missing = 0;
    for (unsigned h = 0; h < harts; ++h)
        for (unsigned i = 0; i < ATOM_ROUNDS; ++i) {
            uint32_t v = atom_got[h][i];
            if (v > tokens)
                ++out_of_range;
            else if (atom_seen[v]++ != 0)
                ++repeated;
        }
    if (atom_slot > tokens)
        ++out_of_range;
    else if (atom_seen[atom_slot]++ != 0)
        ++repeated;
    for (uint32_t v = 0; v <= tokens; ++v)
        if (atom_seen[v] == 0) ++missing;
    printf("litmus_atomics: exchange: %lu values, %lu out of range, %lu repeated, %lu missing\n",
           (unsigned long)(tokens + 1u), (unsigned long)out_of_range, (unsigned long)repeated,
           (unsigned long)missing);
    CHECK_EQ(out_of_range, 0);
    CHECK_EQ(repeated, 0);
    CHECK_EQ(missing, 0);
}

void node_secondary_main(unsigned hartid) {
    if (hartid < node_hart_count()) atom_run(hartid);
    node_park();
}

int main(void) {
    unsigned harts = node_hart_count();
    printf("litmus_atomics: %u harts x %u rounds per phase\n", harts, ATOM_ROUNDS);
    CHECK(harts >= 2);
    atom_run(0);

    uint32_t n = harts * ATOM_ROUNDS;
    printf("litmus_atomics: amoadd.w %lu, amoadd.d 0x%llx, lr/sc %lu\n", (unsigned long)atom_amow,
           (unsigned long long)atom_amod, (unsigned long)atom_lrsc);
    CHECK_EQ(atom_amow, n);
    CHECK_EQ(atom_amod, n * ATOM_AMOD_STEP);
    CHECK_EQ(atom_lrsc, n);
    printf("litmus_atomics: lock: record %lu/%lu, torn %lu, lock %lu\n",
           (unsigned long)atom_record.a, (unsigned long)atom_record.b, (unsigned long)atom_torn,
           (unsigned long)atom_lock);
    CHECK_EQ(atom_record.a, n);
    CHECK_EQ(atom_record.b, n);
    CHECK_EQ(atom_torn, 0);
    CHECK_EQ(atom_lock, 0);
    atom_check_exchange(harts);
    printf("litmus_atomics: pass\n");
    return 0;
}
