/* A minimal host-side LPU driver for platform tests: register window access, DMC firmware
 * loading, interrupt wait through the PLIC and the mailbox protocol (firmware/lpu/lpu_mbox.h). */
#ifndef NODEVP_TESTS_LPU_HOST_H
#define NODEVP_TESTS_LPU_HOST_H

#include <stddef.h>
#include <stdint.h>

uint32_t lpu_read(unsigned lpu, uint32_t offset);
void lpu_write(unsigned lpu, uint32_t offset, uint32_t value);
/* Copies a flat DMC firmware image into IMEM through the window (length rounded up to 4). */
void lpu_load_dmc(unsigned lpu, const uint8_t* image, size_t length);
/* The DMC firmware embedded in the host program (dmc_image.S, firmware/lpu/lpu-dmc.bin). */
extern const uint8_t lpu_dmc_image[], lpu_dmc_image_end[];
size_t lpu_dmc_image_size(void);
/* Secure boot: loads `image` into IMEM, writes FW_SIZE = length and sets CONTROL.DMC_RUN; returns
 * BOOT_STATUS (LPU_BOOT_OK: the DMC was released; otherwise it stays in reset and
 * INT_STATUS.BOOT_ERROR is raised). */
uint32_t lpu_start_dmc(unsigned lpu, const uint8_t* image, size_t length);
/* Enables the LPU's interrupts at the device and in the PLIC for hart 0's M context; the hart
 * sleeps in WFI with mstatus.MIE clear, so no handler is needed. */
void lpu_irq_setup(unsigned lpu);
/* Sleeps until INT_STATUS & mask is non-zero; clears and returns those bits. */
uint32_t lpu_wait(unsigned lpu, uint32_t mask);
/* Sends a request (command, then n arguments) and waits for the response; returns its status. */
uint32_t lpu_mbox(unsigned lpu, uint32_t command, const uint32_t* args, unsigned n);
uint32_t lpu_rsp(unsigned lpu, unsigned word);
/* Copies the embedded DMC firmware (dmc_image.S) into IMEM, sets up interrupts, releases the
 * DMC (checking the boot ROM accepted the image) and checks its READY message (self-test passed, at
 * least one ECC correction) and PING. A failed check ends the run (tests/firmware/check.h). */
void lpu_boot(unsigned lpu);
/* Grants the device's DMA window `window`: [base, base + size) with ctrl = LPU_DMA_WIN_CTRL_*
 * (READ, WRITE; 0 revokes it). lpu_boot() grants window 0 over host DRAM. */
void lpu_grant_window(unsigned lpu, unsigned window, uint64_t base, uint64_t size, uint32_t ctrl);
/* Mailbox LOAD_PROGRAM: the DMC fetches `length` image bytes from host memory by DMA. */
uint32_t lpu_load_program(unsigned lpu, const void* image, size_t length);
/* Mailbox READ_SRAM / WRITE_SRAM (`command`): DMA between host memory and SRAM byte `offset`. */
uint32_t lpu_sram_dma(unsigned lpu, uint32_t command, void* host, uint32_t offset, uint32_t length);
/* INT_STATUS bits seen by lpu_wait() while it waited for something else, not yet consumed. */
uint32_t lpu_take_seen(unsigned lpu, uint32_t mask);
/* Interrupts the PLIC delivered to hart 0 since the last call, counting one still pending now. */
unsigned lpu_claims(void);

#endif /* NODEVP_TESTS_LPU_HOST_H */
