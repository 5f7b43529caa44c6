/* The device firmware images built with this tree, embedded in the host program: the LPU DMC's
 * flat IMEM image (firmware/lpu, lpu-dmc.bin) and the GPU GSP's (firmware/gpu, gpu-gsp.bin).
 * The static library only pulls this object into programs that name the symbols. */
    .section .rodata.nv_lpu_firmware, "a", @progbits
    .balign 8
    .globl nv_lpu_firmware, nv_lpu_firmware_end
nv_lpu_firmware:
    .incbin NV_LPU_FIRMWARE_BIN
nv_lpu_firmware_end:

    .section .rodata.nv_gpu_firmware, "a", @progbits
    .balign 8
    .globl nv_gpu_firmware, nv_gpu_firmware_end
nv_gpu_firmware:
    .incbin NV_GPU_FIRMWARE_BIN
nv_gpu_firmware_end:
