/* A minimal host-side GPU driver for platform tests: BAR0 access, GSP firmware loading, interrupt
 * wait through the PLIC, the GSP mailbox, channels and command buffers (gpu_abi.h). */
#ifndef NODEVP_TESTS_GPU_HOST_H
#define NODEVP_TESTS_GPU_HOST_H

#include <stddef.h>
#include <stdint.h>

#include "sw/include/nodevp/gpu_abi.h"

uint32_t gpu_read(uint32_t offset);
void gpu_write(uint32_t offset, uint32_t value);
/* The GSP firmware embedded in the host program (gsp_image.S, firmware/gpu/gpu-gsp.bin). */
extern const uint8_t gpu_gsp_image[], gpu_gsp_image_end[];
size_t gpu_gsp_image_size(void);
/* Secure boot: copies `image` into IMEM, writes FW_SIZE = length and sets GSP_CONTROL.RUN;
 * returns BOOT_STATUS (GPU_BOOT_OK: the GSP was released; otherwise it stays in reset and
 * INT_STATUS.BOOT_ERROR is raised). */
uint32_t gpu_start_gsp(const uint8_t* image, size_t length);
/* Copies the embedded GSP firmware (gsp_image.S) into IMEM, enables the GPU's interrupts at the
 * device and in the PLIC (hart 0, M context; the hart sleeps in WFI with mstatus.MIE clear),
 * releases the GSP and checks its READY message (HBM initialised). A failed check ends the run. */
/* Grants DMA window `window`: [base, base + size), ctrl = GPU_DMA_WIN_CTRL_* (READ, WRITE; 0
 * revokes it). gpu_boot() grants window 0 over host DRAM. */
void gpu_grant_window(unsigned window, uint64_t base, uint64_t size, uint32_t ctrl);
void gpu_boot(void);
/* Sleeps until INT_STATUS & mask is non-zero; clears and returns those bits. Bits seen while
 * waiting for others are kept for later calls. */
uint32_t gpu_wait(uint32_t mask);
/* Sends a mailbox request (command, then n arguments), waits for the answer, returns its status. */
uint32_t gpu_mbox(uint32_t command, const uint32_t* args, unsigned n);
uint32_t gpu_rsp(unsigned word);
/* Source numbers the PLIC delivered to hart 0 since the last call. */
unsigned gpu_claims(void);

static inline uint64_t gpu_addr(const volatile void* p) {
    return (uint64_t)(uintptr_t)p;
}

/* A channel whose ring and notifier live in host memory. */
struct gpu_channel {
    unsigned index;
    struct gpu_ring_entry* ring;
    unsigned entries;
    unsigned put;
    volatile struct gpu_error_notifier* notifier;
};
/* CREATE_CHANNEL through the GSP; returns the mailbox status. */
uint32_t gpu_channel_create(struct gpu_channel* ch, unsigned index, struct gpu_ring_entry* ring,
                            unsigned entries, volatile struct gpu_error_notifier* notifier);
uint32_t gpu_channel_destroy(struct gpu_channel* ch);
/* Fills the next ring entry with the buffer and rings the doorbell (CH_PUT). */
void gpu_channel_submit(struct gpu_channel* ch, const void* cmds, uint32_t length);

/* A command buffer being written: commands are appended at `length`. */
struct gpu_cmdbuf {
    uint8_t* base;
    uint32_t length;
    uint32_t capacity;
};
void gpu_cmd_reset(struct gpu_cmdbuf* b, void* storage, uint32_t capacity);
void gpu_cmd_raw(struct gpu_cmdbuf* b, uint16_t opcode); /* an 8-byte command of any opcode */
void gpu_cmd_timestamp(struct gpu_cmdbuf* b, volatile uint64_t* where);
void gpu_cmd_acquire(struct gpu_cmdbuf* b, volatile uint32_t* sem, uint32_t value, uint16_t flags);
void gpu_cmd_release(struct gpu_cmdbuf* b, volatile uint32_t* sem, uint32_t value, uint16_t flags);
void gpu_cmd_copy(struct gpu_cmdbuf* b, uint64_t src, uint64_t dst, uint64_t len);
void gpu_cmd_memset(struct gpu_cmdbuf* b, uint64_t dst, uint64_t len, uint32_t pattern);
void gpu_cmd_launch(struct gpu_cmdbuf* b, uint32_t kernel, const void* args, uint32_t args_len,
                    uint32_t blocks);

#endif /* NODEVP_TESTS_GPU_HOST_H */
