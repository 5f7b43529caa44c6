/* Demo program: every hart prints one line, in hartid order; hart 0 then exits 0.
 * Ordering uses a ticket (the next hartid allowed to print) advanced with an AMO. */
#include <stdio.h>

#include "firmware/lib/node_rt.h"

static volatile unsigned hello_turn;

static void hello_from(unsigned hartid) {
    while (__atomic_load_n(&hello_turn, __ATOMIC_ACQUIRE) != hartid) {
    }
    printf("hello from hart %u of %u\n", hartid, node_hart_count());
    __atomic_fetch_add(&hello_turn, 1, __ATOMIC_RELEASE);
}

void node_secondary_main(unsigned hartid) {
    if (hartid < node_hart_count()) hello_from(hartid);
    node_park();
}

int main(void) {
    unsigned harts = node_hart_count();
    hello_from(0);
    while (__atomic_load_n(&hello_turn, __ATOMIC_ACQUIRE) != harts) {
    }
    printf("all %u harts said hello\n", harts);
    return 0;
}
