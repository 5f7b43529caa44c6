/* Atomics across harts: every hart adds 1 to one counter AMO_ROUNDS times with amoadd.w and to
 * another with an lr.w/sc.w loop; both end at harts * AMO_ROUNDS exactly. Needs >= 2 harts. */
#include <stdint.h>
#include <stdio.h>

#include "firmware/lib/node_rt.h"
#include "tests/firmware/check.h"

#define AMO_ROUNDS 20000

static volatile uint32_t amo_counter;
static volatile uint32_t lrsc_counter;
static volatile uint32_t amo_harts_done;
static volatile uint32_t amo_go;

static void amo_lrsc_increment(volatile uint32_t* p) {
    uint32_t old, fail;
    do {
        __asm__ volatile(
            "lr.w %0, (%2)\n"
            "addi %0, %0, 1\n"
            "sc.w %1, %0, (%2)\n"
            : "=&r"(old), "=&r"(fail)
            : "r"(p)
            : "memory");
    } while (fail);
}

static void amo_work(void) {
    while (!__atomic_load_n(&amo_go, __ATOMIC_ACQUIRE)) {
    }
    for (unsigned i = 0; i < AMO_ROUNDS; ++i) {
        __asm__ volatile("amoadd.w zero, %1, (%0)" ::"r"(&amo_counter), "r"(1) : "memory");
        amo_lrsc_increment(&lrsc_counter);
    }
    __atomic_fetch_add(&amo_harts_done, 1, __ATOMIC_RELEASE);
}

void node_secondary_main(unsigned hartid) {
    if (hartid < node_hart_count()) amo_work();
    node_park();
}

int main(void) {
    unsigned harts = node_hart_count();
    printf("amo: %u harts x %u rounds\n", harts, AMO_ROUNDS);
    CHECK(harts >= 2);
    __atomic_store_n(&amo_go, 1, __ATOMIC_RELEASE);
    amo_work();
    while (__atomic_load_n(&amo_harts_done, __ATOMIC_ACQUIRE) != harts) {
    }
    printf("amo: amoadd counter %lu, lr/sc counter %lu\n", (unsigned long)amo_counter,
           (unsigned long)lrsc_counter);
    CHECK_EQ(amo_counter, harts * AMO_ROUNDS);
    CHECK_EQ(lrsc_counter, harts * AMO_ROUNDS);
    return 0;
}
