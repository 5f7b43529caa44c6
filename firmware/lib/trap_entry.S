/* M-mode trap vector (direct mode): saves x1..x31, mepc, mcause, mtval on the current stack as a
 * struct trap_frame, calls trap_dispatch(frame), restores (mepc from the frame, so a handler may
 * move it) and returns with mret. Nested traps are not supported (MIE stays 0 in the handler).
 * With NODE_RT_SMODE the same from sepc/scause/stval, returning with sret. */
#include "firmware/lib/asm.h"

#ifdef NODE_RT_SMODE /* the S-mode runtime: the same frame from sepc/scause/stval, sret */
#define XEPC sepc
#define XCAUSE scause
#define XTVAL stval
#define XRET sret
#else
#define XEPC mepc
#define XCAUSE mcause
#define XTVAL mtval
#define XRET mret
#endif

#define FRAME_WORDS 36 /* x0..x31, mepc, mcause, mtval, pad (keeps sp 16-byte aligned) */
#define FRAME_SIZE (FRAME_WORDS * REGBYTES)

    .text
    .balign 4
    .globl trap_entry
trap_entry:
    addi sp, sp, -FRAME_SIZE
    .irp n, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
    REG_S x\n, (\n * REGBYTES)(sp)
    .endr
    addi t0, sp, FRAME_SIZE
    REG_S t0, (2 * REGBYTES)(sp)
    csrr t0, XEPC
    REG_S t0, (32 * REGBYTES)(sp)
    csrr t0, XCAUSE
    REG_S t0, (33 * REGBYTES)(sp)
    csrr t0, XTVAL
    REG_S t0, (34 * REGBYTES)(sp)
    mv a0, sp
    call trap_dispatch
    REG_L t0, (32 * REGBYTES)(sp)
    csrw XEPC, t0
    .irp n, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
    REG_L x\n, (\n * REGBYTES)(sp)
    .endr
    addi sp, sp, FRAME_SIZE
    XRET
