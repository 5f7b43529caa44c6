/* Minimal bare-metal guest for the loader test: HTIF words in their own section, as the
 * riscv-tests environment places them. No libc: built with -nostdlib. */
volatile unsigned long long tohost __attribute__((section(".tohost"), aligned(64)));
volatile unsigned long long fromhost __attribute__((section(".tohost"), aligned(64)));

void _start(void) {
    tohost = 1;
    for (;;) {
    }
}
