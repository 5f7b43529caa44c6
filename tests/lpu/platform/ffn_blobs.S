/* The FFN program image, its input and the reference output, made at build time by
 * lpu-ffn-gen (tests/lpu/platform/ffn_gen.cpp) and embedded in the host program. */
    .section .rodata.lpu_ffn, "a", @progbits
    .balign 64
    .globl ffn_image, ffn_image_end, ffn_x, ffn_y
ffn_image:
    .incbin FFN_IMAGE
ffn_image_end:
    .balign 64
ffn_x:
    .incbin FFN_X
    .balign 64
ffn_y:
    .incbin FFN_Y
