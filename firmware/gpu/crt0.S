/* GSP reset entry (the boot ROM jumps here, the start of IMEM): gp and the stack in DMEM, .data
 * copied from its load image in IMEM, .bss cleared, then main(). No trap is expected: the handler
 * stores mcause and mepc in gsp_trap_cause / gsp_trap_pc (readable through BAR0's DMEM window)
 * and parks the hart. */
    .section .text.init, "ax", @progbits
    .globl _start
_start:
    csrw mie, zero
    .option push
    .option norelax
    la gp, __global_pointer$
    .option pop
    la sp, __stack_top
    la t0, gsp_trap
    csrw mtvec, t0
    la t0, __data_load
    la t1, __data_start
    la t2, __data_end
copy_data:
    bgeu t1, t2, clear_bss
    lw t3, 0(t0)
    sw t3, 0(t1)
    addi t0, t0, 4
    addi t1, t1, 4
    j copy_data
clear_bss:
    la t0, __bss_start
    la t1, __bss_end
clear_next:
    bgeu t0, t1, enter_main
    sw zero, 0(t0)
    addi t0, t0, 4
    j clear_next
enter_main:
    call main
gsp_park:
    wfi
    j gsp_park

    .balign 4
gsp_trap:
    csrr t0, mcause
    la t1, gsp_trap_cause
    sw t0, 0(t1)
    csrr t0, mepc
    la t1, gsp_trap_pc
    sw t0, 0(t1)
    csrw mie, zero
    j gsp_park

    .section .data
    .balign 4
    .globl gsp_trap_cause, gsp_trap_pc
gsp_trap_cause: .word 0
gsp_trap_pc: .word 0
