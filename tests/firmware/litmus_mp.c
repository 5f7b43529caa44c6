/* Litmus test MP (message passing) on harts 0 and 1; needs >= 2 harts, others stay parked.
 *
 *   writer (hart 1): data = k; fence w,w; flag = k
 *   reader (hart 0): r1 = flag; fence r,r; r2 = data
 *
 * r1=1 means the reader saw this iteration's flag (value k), r2=1 this iteration's data.
 * RVWMO forbids r1=1 r2=0: ppo rule 4 (a FENCE orders its predecessor set before its successor
 * set) puts data=k before flag=k and r1 before r2 in the global memory order; r1 reading flag=k
 * puts flag=k before r1, so data=k precedes r2, and by the load value axiom r2 returns k (or a
 * later store to data; there is none). The other three outcomes are allowed.
 *
 * Variants, MP_ITERS iterations each, fresh line per iteration (LITMUS_SLOTS rotate):
 *  - plain: as above.
 *  - shared: the reader loads `data` before the iteration's start barrier, so it holds the line
 *    shared when the writer stores to it; the store must invalidate that copy.
 *  - shared_spin: as shared, but the reader spins until flag == k, so r1 is always 1 and a stale
 *    copy of `data` always shows up as the forbidden r2=0.
 * A dropped invalidation (test-only fault `fabric.fault=drop_invalidation` with
 * `fabric.fault_symbol=litmus_mp_data`, timed fidelity) must make this test fail. `data` is
 * litmus_mp_data, exactly 4 KiB and 4 KiB aligned, so the fault window holds nothing else. */
#include <stdint.h>
#include <stdio.h>

#include "firmware/lib/node_rt.h"
#include "tests/firmware/check.h"
#include "tests/firmware/litmus.h"

#define MP_ITERS 6000u
#define MP_DELAY_SPINS 24u
#define MP_SPIN_LIMIT 1000000u
#define MP_READER 0u
#define MP_WRITER 1u

enum mp_variant { MP_PLAIN, MP_SHARED, MP_SHARED_SPIN, MP_VARIANTS };

/* Global (not static) so that the ELF symbol table names them for fabric.fault_symbol. */
extern litmus_lines_t litmus_mp_data, litmus_mp_flag;
litmus_lines_t litmus_mp_data __attribute__((aligned(4096)));
litmus_lines_t litmus_mp_flag __attribute__((aligned(4096)));

static struct litmus_barrier mp_barrier;

/* Outcome index: 2 * r1 + r2. */
static struct litmus_outcome mp_outcomes[MP_VARIANTS][4];
static const char* const mp_variant_names[MP_VARIANTS] = {"plain", "shared", "shared_spin"};

static void mp_write(uint32_t* data, uint32_t* flag, uint32_t k) {
    __asm__ volatile(
        "sw %2, 0(%0)\n"
        "fence w, w\n"
        "sw %2, 0(%1)\n" ::"r"(data),
        "r"(flag), "r"(k)
        : "memory");
}

static void mp_read(const uint32_t* data, const uint32_t* flag, uint32_t* r1, uint32_t* r2) {
    uint32_t a, b;
    __asm__ volatile(
        "lw %0, 0(%2)\n"
        "fence r, r\n"
        "lw %1, 0(%3)\n"
        : "=&r"(a), "=&r"(b)
        : "r"(flag), "r"(data)
        : "memory");
    *r1 = a;
    *r2 = b;
}

/* Spins (at most MP_SPIN_LIMIT loads) until flag == k, then fence r,r and loads data. */
static void mp_read_spin(const uint32_t* data, const uint32_t* flag, uint32_t k, uint32_t* r1,
                         uint32_t* r2) {
    uint32_t a, b, left = MP_SPIN_LIMIT;
    __asm__ volatile(
        "1: lw %0, 0(%3)\n"
        "beq %0, %5, 2f\n"
        "addi %2, %2, -1\n"
        "bnez %2, 1b\n"
        "2: fence r, r\n"
        "lw %1, 0(%4)\n"
        : "=&r"(a), "=&r"(b), "+r"(left)
        : "r"(flag), "r"(data), "r"(k)
        : "memory");
    *r1 = a;
    *r2 = b;
}

static void mp_reader_iteration(enum mp_variant v, uint32_t k) {
    uint32_t* data = litmus_slot(litmus_mp_data, k);
    uint32_t* flag = litmus_slot(litmus_mp_flag, k);
    uint32_t r1, r2;
    if (v == MP_SHARED_SPIN) {
        mp_read_spin(data, flag, k, &r1, &r2);
        CHECK_EQ(r1, k); /* the flag must become visible (progress axiom) */
    } else {
        mp_read(data, flag, &r1, &r2);
    }
    CHECK(r1 <= k && r2 <= k); /* no value from the future */
    mp_outcomes[v][2u * (r1 == k) + (r2 == k)].count++;
}

static void mp_run(unsigned hart) {
    uint32_t sense = 0;
    for (unsigned v = 0; v < MP_VARIANTS; ++v) {
        for (uint32_t i = 0; i < MP_ITERS; ++i) {
            uint32_t k = v * MP_ITERS + i + 1u;
            if (hart == MP_READER && v != MP_PLAIN)
                (void)*(volatile uint32_t*)litmus_slot(litmus_mp_data, k); /* hold it shared */
            litmus_barrier_wait(&mp_barrier, 2, &sense);
            litmus_delay(k, hart, MP_DELAY_SPINS);
            if (hart == MP_WRITER)
                mp_write(litmus_slot(litmus_mp_data, k), litmus_slot(litmus_mp_flag, k), k);
            else
                mp_reader_iteration((enum mp_variant)v, k);
            litmus_barrier_wait(&mp_barrier, 2, &sense);
        }
    }
}

void node_secondary_main(unsigned hartid) {
    if (hartid == MP_WRITER) mp_run(hartid);
    node_park();
}

int main(void) {
    static const char* const names[4] = {"r1=0 r2=0", "r1=0 r2=1", "r1=1 r2=0", "r1=1 r2=1"};
    unsigned harts = node_hart_count();
    printf("litmus_mp: writer data=k; fence w,w; flag=k | reader r1=flag; fence r,r; r2=data\n");
    printf("litmus_mp: %u variants x %u iterations on harts %u (reader) and %u (writer)\n",
           MP_VARIANTS, MP_ITERS, MP_READER, MP_WRITER);
    CHECK(harts >= 2);
    for (unsigned v = 0; v < MP_VARIANTS; ++v)
        for (unsigned o = 0; o < 4; ++o) {
            mp_outcomes[v][o].name = names[o];
            mp_outcomes[v][o].forbidden = o == 2;
        }
    mp_run(MP_READER);

    uint32_t forbidden = 0;
    for (unsigned v = 0; v < MP_VARIANTS; ++v) {
        char test[32];
        snprintf(test, sizeof test, "litmus_mp.%s", mp_variant_names[v]);
        /* shared_spin reads until r1=1: only its last two outcomes can occur. */
        unsigned first = v == MP_SHARED_SPIN ? 2 : 0;
        forbidden += litmus_report(test, &mp_outcomes[v][first], 4 - first);
    }
    litmus_require_none_forbidden("litmus_mp", forbidden);
    printf("litmus_mp: pass, forbidden outcome never seen\n");
    return 0;
}
