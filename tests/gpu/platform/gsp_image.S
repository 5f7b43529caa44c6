/* The GSP firmware's flat IMEM image (firmware/gpu, gpu-gsp.bin), embedded in the host program:
 * the host copies it into the GSP's IMEM through BAR0. */
    .section .rodata.gpu_gsp_image, "a", @progbits
    .balign 8
    .globl gpu_gsp_image, gpu_gsp_image_end
gpu_gsp_image:
    .incbin GPU_GSP_BIN
gpu_gsp_image_end:
