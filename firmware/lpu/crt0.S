/* DMC reset entry (the boot ROM jumps here, the start of IMEM): stack and gp in DMEM, .data
 * copied from its load image in IMEM, .bss cleared, then main(). A trap is not expected: the
 * handler records mcause/mepc in dmc_trap_cause/dmc_trap_pc and parks the hart. */
    .section .text.init, "ax", @progbits
    .globl _start
_start:
    csrw mie, zero
    .option push
    .option norelax
    la gp, __global_pointer$
    .option pop
    la sp, __stack_top
    la t0, dmc_trap
    csrw mtvec, t0
    la t0, __data_load
    la t1, __data_start
    la t2, __data_end
1:  bgeu t1, t2, 2f
    lw t3, 0(t0)
    sw t3, 0(t1)
    addi t0, t0, 4
    addi t1, t1, 4
    j 1b
2:  la t0, __bss_start
    la t1, __bss_end
3:  bgeu t0, t1, 4f
    sw zero, 0(t0)
    addi t0, t0, 4
    j 3b
4:  call main
dmc_park:
    wfi
    j dmc_park

    .balign 4
dmc_trap:
    csrr t0, mcause
    la t1, dmc_trap_cause
    sw t0, 0(t1)
    csrr t0, mepc
    la t1, dmc_trap_pc
    sw t0, 0(t1)
    csrw mie, zero
    j dmc_park

    .section .data
    .balign 4
    .globl dmc_trap_cause, dmc_trap_pc
dmc_trap_cause: .word 0
dmc_trap_pc: .word 0
