/* The program tests/gdb/gdb_check.py debugs. Run alone it exits 0. A debugger changes the exit
 * code by writing a register (a0 at the entry of gdb_add: the sum changes) or memory
 * (gdb_table[0]: its low 7 bits XOR 0x11 are added), so the test sees that the writes took
 * effect. gdb_spin = 1 makes it loop until a debugger sets it to another value (for Ctrl-C);
 * it starts at 2, not 0, so that it lives in .data, which crt0 does not clear. */
#include <stdint.h>
#include <stdio.h>

volatile uint32_t gdb_table[4] = {0x11111111u, 0x22222222u, 0x33333333u, 0x44444444u};
volatile uint64_t gdb_counter;
volatile int gdb_spin = 2;
volatile int gdb_result;

__attribute__((noinline)) int gdb_add(int a, int b) { return a + b; }

__attribute__((noinline)) void gdb_bump(void) { gdb_counter += 5; }

int main(void) {
    int sum = gdb_add(2, 3);
    gdb_bump();
    while (gdb_spin == 1) {
    }
    uint32_t changed = (gdb_table[0] ^ 0x11111111u) & 0x7f;
    gdb_result = sum - 5 + (int)changed;
    printf("gdb_target: counter %u result %d\n", (unsigned)gdb_counter, gdb_result);
    return gdb_result;
}
