/* Reset entry for every hart (a0 = hartid, a1 = DTB address from the boot ROM).
 * Each hart gets its own stack by mhartid; hart 0 clears .bss and runs rt_init_hart0(), the
 * others spin on rt_boot_released until it is done. Then every hart enters rt_start().
 *
 * S mode (NODE_RT_SMODE, an OpenSBI payload): SBI enters one hart (a0 = hartid, a1 = DTB), which
 * is the boot hart; rt_init_hart0() starts the others here through SBI HSM. The hartid is kept in
 * sscratch for node_hartid() (there is no mhartid in S mode). */
#include "firmware/lib/asm.h"
#include "firmware/lib/rt_config.h"

    .section .text.init, "ax", @progbits
    .globl _start
_start:
#ifdef NODE_RT_SMODE
    csrw sie, zero
#else
    csrw mie, zero
#endif
    .option push
    .option norelax
    la gp, __global_pointer$
    .option pop
    la t0, trap_entry
#ifdef NODE_RT_SMODE
    csrw stvec, t0
    mv s0, a0
    csrw sscratch, a0
#else
    csrw mtvec, t0
    csrr s0, mhartid
#endif
    mv s1, a1
    li t0, NODE_RT_HARTS_MAX
    bgeu s0, t0, rt_park

    /* sp = stacks + (hartid + 1) * NODE_RT_STACK_SIZE */
    la sp, rt_stacks
    addi t0, s0, 1
    li t1, NODE_RT_STACK_SIZE
    mul t0, t0, t1
    add sp, sp, t0

#ifdef NODE_RT_SMODE
    /* The first hart here boots: only it was entered by SBI (rt_boot_claimed is in .data). */
    la t0, rt_boot_claimed
    li t1, 1
    amoswap.w.aq t1, t1, (t0)
    bnez t1, rt_wait_release
#else
    bnez s0, rt_wait_release
#endif
    la t0, __bss_start
    la t1, __bss_end
1:  bgeu t0, t1, 2f
    REG_S zero, 0(t0)
    addi t0, t0, REGBYTES
    j 1b
2:  mv a0, s1
    mv a1, s0
    call rt_init_hart0
    la t0, rt_boot_released
    li t1, 1
    fence rw, rw
    amoswap.w.rl zero, t1, (t0)
    j rt_enter

rt_wait_release:
    la t0, rt_boot_released
3:  lw t1, 0(t0)
    beqz t1, 3b
    fence rw, rw

rt_enter:
    mv a0, s0
    mv a1, s1
    call rt_start
rt_park:
    wfi
    j rt_park

    /* In .data, not .bss: hart 0 clears .bss while the others already poll this flag. */
    .section .data
    .balign 4
rt_boot_released:
    .word 0
#ifdef NODE_RT_SMODE
rt_boot_claimed:
    .word 0
#endif

    .section .stacks, "aw", @nobits
    .balign 16
rt_stacks:
    .space NODE_RT_HARTS_MAX * NODE_RT_STACK_SIZE
