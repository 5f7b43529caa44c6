/* Litmus test SB (store buffering) on harts 0 and 1; needs >= 2 harts, others stay parked.
 *
 *   hart 0: x = k; [fence rw,rw]; r1 = y
 *   hart 1: y = k; [fence rw,rw]; r2 = x
 *
 * r1=1 means hart 0 saw this iteration's y (value k), r2=1 that hart 1 saw this iteration's x.
 *  - Without the fence, r1=0 r2=0 is allowed: a store followed by a load of another address is
 *    not in preserved program order (no ppo rule 1-13 applies), so both loads may precede both
 *    stores in the global memory order. The test reports how often each outcome occurs and
 *    requires none of them.
 *  - With fence rw,rw, r1=0 r2=0 is forbidden: ppo rule 4 puts each hart's store before its
 *    load; whichever load is later in the global memory order then follows both stores and,
 *    by the load value axiom, returns k.
 * SB_ITERS iterations per variant, fresh line per iteration (LITMUS_SLOTS rotate). */
#include <stdint.h>
#include <stdio.h>

#include "firmware/lib/node_rt.h"
#include "tests/firmware/check.h"
#include "tests/firmware/litmus.h"

#define SB_ITERS 6000u
#define SB_DELAY_SPINS 24u

enum sb_variant { SB_PLAIN, SB_FENCED, SB_VARIANTS };

static litmus_lines_t sb_x __attribute__((aligned(4096)));
static litmus_lines_t sb_y __attribute__((aligned(4096)));
/* What each hart's load returned in the current iteration; one line per hart. */
static uint32_t sb_result[2][LITMUS_SLOT_WORDS] __attribute__((aligned(LITMUS_LINE_BYTES)));
static struct litmus_barrier sb_barrier;
/* Outcome index: 2 * r1 + r2. */
static struct litmus_outcome sb_outcomes[SB_VARIANTS][4];

static uint32_t sb_store_load(uint32_t* store_to, const uint32_t* load_from, uint32_t k) {
    uint32_t r;
    __asm__ volatile(
        "sw %2, 0(%1)\n"
        "lw %0, 0(%3)\n"
        : "=&r"(r)
        : "r"(store_to), "r"(k), "r"(load_from)
        : "memory");
    return r;
}

static uint32_t sb_store_fence_load(uint32_t* store_to, const uint32_t* load_from, uint32_t k) {
    uint32_t r;
    __asm__ volatile(
        "sw %2, 0(%1)\n"
        "fence rw, rw\n"
        "lw %0, 0(%3)\n"
        : "=&r"(r)
        : "r"(store_to), "r"(k), "r"(load_from)
        : "memory");
    return r;
}

static void sb_run(unsigned hart) {
    uint32_t sense = 0;
    for (unsigned v = 0; v < SB_VARIANTS; ++v) {
        for (uint32_t i = 0; i < SB_ITERS; ++i) {
            uint32_t k = v * SB_ITERS + i + 1u;
            uint32_t* mine = litmus_slot(hart == 0 ? sb_x : sb_y, k);
            uint32_t* other = litmus_slot(hart == 0 ? sb_y : sb_x, k);
            litmus_barrier_wait(&sb_barrier, 2, &sense);
            litmus_delay(k, hart, SB_DELAY_SPINS);
            sb_result[hart][0] = v == SB_FENCED ? sb_store_fence_load(mine, other, k)
                                                : sb_store_load(mine, other, k);
            litmus_barrier_wait(&sb_barrier, 2, &sense);
            if (hart == 0) {
                uint32_t r1 = sb_result[0][0], r2 = sb_result[1][0];
                CHECK(r1 <= k && r2 <= k); /* no value from the future */
                sb_outcomes[v][2u * (r1 == k) + (r2 == k)].count++;
            }
        }
    }
}

void node_secondary_main(unsigned hartid) {
    if (hartid == 1) sb_run(hartid);
    node_park();
}

int main(void) {
    static const char* const names[4] = {"r1=0 r2=0", "r1=0 r2=1", "r1=1 r2=0", "r1=1 r2=1"};
    unsigned harts = node_hart_count();
    printf("litmus_sb: hart 0 x=k; [fence rw,rw]; r1=y | hart 1 y=k; [fence rw,rw]; r2=x\n");
    printf("litmus_sb: %u variants x %u iterations on harts 0 and 1\n", SB_VARIANTS, SB_ITERS);
    CHECK(harts >= 2);
    for (unsigned v = 0; v < SB_VARIANTS; ++v)
        for (unsigned o = 0; o < 4; ++o) {
            sb_outcomes[v][o].name = names[o];
            sb_outcomes[v][o].forbidden = v == SB_FENCED && o == 0;
        }
    sb_run(0);

    uint32_t forbidden = litmus_report("litmus_sb.plain", sb_outcomes[SB_PLAIN], 4);
    forbidden += litmus_report("litmus_sb.fenced", sb_outcomes[SB_FENCED], 4);
    litmus_require_none_forbidden("litmus_sb", forbidden);
    printf("litmus_sb: pass, r1=0 r2=0 never seen with fence rw,rw\n");
    return 0;
}
