/* The DMC firmware's flat IMEM image (firmware/lpu, lpu-dmc.bin), embedded in the host program:
 * the host copies it into the LPU's IMEM through the register window. */
    .section .rodata.lpu_dmc_image, "a", @progbits
    .balign 8
    .globl lpu_dmc_image, lpu_dmc_image_end
lpu_dmc_image:
    .incbin LPU_DMC_BIN
lpu_dmc_image_end:
