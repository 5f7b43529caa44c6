/* Width-neutral assembler helpers: one source serves RV32 and RV64. */
#ifndef NODEVP_FIRMWARE_ASM_H
#define NODEVP_FIRMWARE_ASM_H

#if __riscv_xlen == 64
#define REG_S sd
#define REG_L ld
#define REGBYTES 8
#else
#define REG_S sw
#define REG_L lw
#define REGBYTES 4
#endif

#endif /* NODEVP_FIRMWARE_ASM_H */
