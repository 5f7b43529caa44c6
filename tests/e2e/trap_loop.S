/* A trap handler whose first instruction is illegal: every hart points mtvec at a zero word
 * (an illegal instruction) and executes ecall. The hart would trap there forever without
 * retiring an instruction; nodevp must stop it as a guest fault (exit 66) naming the loop. */
    .text
    .globl _start
_start:
    la t0, bad_handler
    csrw mtvec, t0
    ecall
1:  j 1b

    .balign 4
bad_handler:
    .word 0
