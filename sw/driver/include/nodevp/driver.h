/* nodevp host driver (sw/driver): the C library the host harts use to bring up and drive the
 * node's accelerators. Bare metal, RV64, single-threaded (one hart drives the devices).
 *
 * - Discovery: from the DTB the boot ROM hands over (nodevp,gpu and nodevp,lpu nodes: register
 *   window, memory range, PLIC source; the PLIC itself).
 * - Firmware: copies each device controller's image into its IMEM, writes FW_SIZE and releases
 *   it; the device's boot ROM checks the image's SHA-256 (secure boot) and the driver reports a
 *   refusal with the device's BOOT_STATUS; then it waits for the firmware's READY message.
 * - Mailboxes: one request at a time per device, completion by interrupt (PLIC, WFI).
 * - Memory: a host-memory allocator over the DRAM the program does not use, and one allocator
 *   per GPU over its HBM. Addresses are host physical addresses (uint64_t).
 * - DMA windows: the driver grants each device the host ranges it may reach (IOMMU-style).
 * - GPU channels: rings and error notifiers in coherent host memory, command buffers built with
 *   nv_cmd_*.
 * - Errors: every call returns NV_OK or a negative NV_E_* code (nv_strerror); the device's own
 *   status words stay readable (lpu[i].last_run / last_status, gpu.last_status,
 *   nv_gpu_channel_error). Recovery: nv_lpu_reset, nv_gpu_channel_reset.
 * - Waits: every wait sleeps in WFI (interrupts, or the CLINT timer at its deadline) and gives up
 *   after node.wait_budget_ns of simulated time with NV_E_TIMEOUT and a message.
 * - Interrupts never trap: nv_init clears mstatus.MIE; the waits claim them at the PLIC.
 *
 * docs/driver.md is the user's guide (boot flow, mailbox protocol, debugging). */
#ifndef NODEVP_DRIVER_H
#define NODEVP_DRIVER_H

#include <stddef.h>
#include <stdint.h>

#include "sw/include/nodevp/gpu_abi.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Errors ----------------------------------------------------------------------------- */
enum nv_error {
    NV_OK = 0,
    NV_E_NO_DEVICE = -1,    /* no such device in the DTB, or the DTB is missing/invalid */
    NV_E_TAMPERED = -2,     /* secure boot refused the firmware image (digest mismatch) */
    NV_E_BAD_IMAGE = -3,    /* firmware image too large for IMEM, or refused for its size */
    NV_E_FW_NOT_READY = -4, /* the firmware did not report READY, or its self-test failed */
    NV_E_MAILBOX = -5,      /* the firmware answered a request with an error status */
    NV_E_PROGRAM = -6,      /* an LPU program stopped with an error (see nv_lpu_last_run) */
    NV_E_NO_MEMORY = -7,    /* an allocator is exhausted */
    NV_E_CHANNEL = -8,      /* a GPU channel stopped with an error (see nv_gpu_channel_error) */
    NV_E_INVALID = -9,      /* bad argument (window index, size, alignment, state) */
    NV_E_TIMEOUT = -10,     /* a wait exceeded its budget of simulated time */
    NV_E_DMA = -11,         /* a device DMA transfer failed (outside its windows, bad range) */
};
const char* nv_strerror(int error);
/* A device's BOOT_STATUS (LPU_BOOT_* = GPU_BOOT_*) in words: "tampered image: digest does not
 * match the provisioned digest", ... */
const char* nv_boot_status_str(uint32_t boot_status);

/* ---- Memory --------------------------------------------------------------------------------
 * A first-fit allocator with free; blocks are aligned to at least 64 bytes (a cache line). */
struct nv_heap {
    uint64_t base, size;
    uint64_t used, peak; /* bytes */
    /* implementation state */
    void* blocks;
    unsigned nblocks, capacity;
};
int nv_heap_init(struct nv_heap* heap, uint64_t base, uint64_t size);
/* Returns the block's address, 0 if the heap is exhausted. align: a power of two (0 = 64). */
uint64_t nv_heap_alloc(struct nv_heap* heap, uint64_t size, uint64_t align);
void nv_heap_free(struct nv_heap* heap, uint64_t addr);

/* ---- Devices ------------------------------------------------------------------------------ */
#define NV_LPU_MAX 8
#define NV_GPU_CHANNELS_MAX 16

struct nv_lpu_run {  /* the last RUN's answer (docs/lpu/device.md, firmware/lpu/lpu_mbox.h) */
    uint32_t status; /* LPU_ST_* */
    uint64_t cycles; /* chip cycles the program ran */
    uint32_t err_code, err_queue, err_pc, err_opcode;
    uint64_t err_cycle;
};

struct nv_lpu {
    unsigned index;
    uint64_t regs, regs_size;              /* register window */
    uint64_t sram, sram_size;              /* SRAM range in host physical space */
    unsigned irq;                          /* PLIC source */
    unsigned superlanes;                   /* vector length = 16 x superlanes bytes */
    uint32_t boot_status;                  /* BOOT_STATUS after the last nv_lpu_boot */
    uint32_t fw_version;                   /* from READY */
    uint32_t pending;                      /* INT_STATUS bits seen and not yet consumed */
    uint32_t selftest, selftest_corrected; /* from READY: result (0 pass), ECC corrections */
    uint32_t last_status;                  /* LPU_ST_* of the last mailbox answer */
    struct nv_lpu_run last_run;
    uint64_t runs, resets, retries; /* counters for reports */
    uint64_t irqs;                  /* PLIC claims of this device's source */
};

struct nv_gpu {
    uint64_t regs, regs_size; /* BAR0 */
    uint64_t hbm, hbm_size;   /* HBM range in host physical space */
    unsigned irq;
    unsigned channels; /* channel count the GSP reports */
    uint32_t boot_status, fw_version;
    uint32_t pending;
    uint32_t hbm_init;    /* READY's HBM initialisation result (GPU_HBM_*) */
    uint32_t last_status; /* GPU_ST_* of the last mailbox answer */
    uint64_t irqs;        /* PLIC claims of this device's source */
    struct nv_heap heap;  /* HBM allocator (nv_gpu_alloc) */
};

struct nv_node {
    const void* dtb;
    unsigned hart; /* the hart that drives the devices (its M-mode PLIC context) */
    unsigned lpus;
    struct nv_lpu lpu[NV_LPU_MAX];
    int has_gpu;
    struct nv_gpu gpu;
    struct nv_heap host;           /* host DRAM after the program's image (nv_host_alloc) */
    uint64_t dram_base, dram_size; /* the DTB's /memory */
    uint64_t timebase_hz;          /* the DTB's /cpus timebase-frequency */
    uint64_t plic, clint;          /* interrupt controller and timer register bases */
    uint64_t wait_budget_ns;       /* bound of every wait (default 1 s of simulated time) */
    uint64_t irqs;                 /* PLIC claims in the driver's waits, all sources */
};

/* Discovers the devices in the DTB, sets up the allocators and the PLIC (the calling hart's
 * M-mode context, mstatus.MIE clear: interrupts wake WFI and are claimed by the waits).
 * NV_E_NO_DEVICE if the DTB is invalid. */
int nv_init(struct nv_node* node, const void* dtb);

/* Host-memory buffers (coherent with the devices over the fabric). */
void* nv_host_alloc(struct nv_node* node, uint64_t size, uint64_t align);
void nv_host_free(struct nv_node* node, void* p);
static inline uint64_t nv_addr(const volatile void* p) {
    return (uint64_t)(uintptr_t)p;
}

/* ---- LPU ------------------------------------------------------------------------------------ */
/* Loads the DMC firmware `image` (e.g. nv_lpu_firmware) into IMEM, releases the DMC and waits
 * for READY (self-test passed) and a PING. On a refusal returns NV_E_TAMPERED / NV_E_BAD_IMAGE
 * with lpu->boot_status = LPU_BOOT_* (nv_boot_status_str); the device stays in reset and another
 * image may be tried. Enables the device's interrupts and grants DMA window 0 over the whole
 * host DRAM (READ | WRITE; change it with nv_lpu_grant). */
int nv_lpu_boot(struct nv_node* node, unsigned lpu, const uint8_t* image, size_t length);
/* DMA window `window` (0..3): the device may reach [base, base + size); rw = LPU_DMA_WIN_CTRL_*
 * bits (READ | WRITE), 0 revokes it. */
int nv_lpu_grant(struct nv_node* node, unsigned lpu, unsigned window, uint64_t base, uint64_t size,
                 uint32_t rw);
/* Mailbox LOAD_PROGRAM: the DMC fetches the image (host physical address) by DMA. */
int nv_lpu_load_program(struct nv_node* node, unsigned lpu, uint64_t image, uint32_t length);
/* Mailbox WRITE_SRAM / READ_SRAM: DMA between a host physical address (DRAM, HBM, another
 * device's SRAM, all through the fabric) and an SRAM byte offset. */
int nv_lpu_write_sram(struct nv_node* node, unsigned lpu, uint64_t src, uint32_t sram_offset,
                      uint32_t length);
int nv_lpu_read_sram(struct nv_node* node, unsigned lpu, uint64_t dst, uint32_t sram_offset,
                     uint32_t length);
/* Mailbox RUN_IO: in one request, DMA `in_len` bytes from `in` to SRAM `in_offset`, run the
 * loaded program, DMA `out_len` bytes from SRAM `out_offset` to `out`. The answer is in
 * lpu->last_run. NV_E_PROGRAM if the program stopped with an error. */
int nv_lpu_run_io(struct nv_node* node, unsigned lpu, uint64_t in, uint32_t in_offset,
                  uint32_t in_len, uint64_t out, uint32_t out_offset, uint32_t out_len);
/* Mailbox RUN (no transfers). */
int nv_lpu_run(struct nv_node* node, unsigned lpu);
/* Mailbox RESET: chip reset (program dropped, error registers cleared; SRAM contents are not
 * trusted afterwards: reload the program). */
int nv_lpu_reset(struct nv_node* node, unsigned lpu);
/* Mailbox STATUS into words[0..8] (LPU_STATUS_*). */
int nv_lpu_status(struct nv_node* node, unsigned lpu, uint32_t words[9]);
/* Any mailbox request: command, then n (<= 15) argument words; copies the first rsp_n response
 * words (status first) to rsp if not null. NV_OK when the DMC answered (its status is in
 * lpu->last_status, whatever it is), NV_E_TIMEOUT if it did not. */
int nv_lpu_mailbox(struct nv_node* node, unsigned lpu, uint32_t command, const uint32_t* args,
                   unsigned n, uint32_t* rsp, unsigned rsp_n);
/* INT_STATUS bits of `mask` raised since they were last taken (DONE, ERROR, BOOT_ERROR...):
 * returns and consumes them. */
uint32_t nv_lpu_take_events(struct nv_node* node, unsigned lpu, uint32_t mask);

/* ---- GPU ------------------------------------------------------------------------------------ */
/* Loads the GSP firmware (e.g. nv_gpu_firmware), releases it, waits for READY (HBM initialised:
 * gpu.hbm_init, the channel count) and initialises the HBM allocator. Refusals as for
 * nv_lpu_boot (GPU_BOOT_*). Enables the GPU's interrupts and grants DMA window 0 over the whole
 * host DRAM (READ | WRITE; change it with nv_gpu_grant). */
int nv_gpu_boot(struct nv_node* node, const uint8_t* image, size_t length);
int nv_gpu_grant(struct nv_node* node, unsigned window, uint64_t base, uint64_t size, uint32_t rw);
/* HBM buffers: host physical addresses inside [gpu.hbm, gpu.hbm + gpu.hbm_size); 0 if full. */
uint64_t nv_gpu_alloc(struct nv_node* node, uint64_t size, uint64_t align);
void nv_gpu_free(struct nv_node* node, uint64_t addr);
/* Any GSP mailbox request, as nv_lpu_mailbox (status in gpu.last_status). */
int nv_gpu_mailbox(struct nv_node* node, uint32_t command, const uint32_t* args, unsigned n,
                   uint32_t* rsp, unsigned rsp_n);
uint32_t nv_gpu_take_events(struct nv_node* node, uint32_t mask);

/* A channel: ring and error notifier allocated by the driver in host memory. */
struct nv_channel {
    unsigned index;
    struct gpu_ring_entry* ring;
    unsigned entries;
    unsigned put;
    volatile struct gpu_error_notifier* notifier;
    /* driver state: the fence nv_gpu_channel_wait_idle submits */
    struct gpu_cmd_sem* fence_cmd;
    volatile uint32_t* fence_sem;
    uint32_t fence_value;
};
/* CREATE_CHANNEL `index` with a ring of `entries` entries; ring, notifier and fence come from
 * the host allocator. NV_E_MAILBOX if the GSP refused (gpu.last_status: GPU_ST_BAD_CHANNEL,
 * GPU_ST_BUSY, GPU_ST_BAD_ARGUMENT). */
int nv_gpu_channel_open(struct nv_node* node, struct nv_channel* ch, unsigned index,
                        unsigned entries);
int nv_gpu_channel_close(struct nv_node* node, struct nv_channel* ch);
/* Recovery of a stopped channel: DESTROY_CHANNEL then CREATE_CHANNEL on the same ring (empty). */
int nv_gpu_channel_reset(struct nv_node* node, struct nv_channel* ch);
/* The channel's error: GPU_ERR_* (0 if it has not stopped); *out (if not null) receives a copy of
 * its notifier. */
uint32_t nv_gpu_channel_error(const struct nv_channel* ch, struct gpu_error_notifier* out);
/* Queues a command buffer (host or HBM address, length a multiple of 8) and rings the doorbell.
 * Waits for a free ring entry if the ring is full. */
int nv_gpu_submit(struct nv_node* node, struct nv_channel* ch, uint64_t cmdbuf, uint32_t length);
/* Sleeps until every submitted buffer has completed; NV_E_CHANNEL if the channel stopped with an
 * error (the notifier says which command and why). Unless the channel is already idle it submits
 * a fence (a SEM_RELEASE with interrupt of a driver-owned word: one ring entry, CHAN_SEM bit);
 * every buffer submitted before it has completed when it returns, while CH_GET may still be
 * advancing past the fence's own entry. */
int nv_gpu_channel_wait_idle(struct nv_node* node, struct nv_channel* ch);
/* Sleeps until the 32-bit semaphore word at `sem` (host memory) is >= value (the GPU's
 * SEM_RELEASE with GPU_CMD_F_INTERRUPT wakes it: a release without it is only seen at the next
 * interrupt, or the wait times out), or `ch` (may be null) stops with an error (NV_E_CHANNEL). */
int nv_gpu_wait_sem(struct nv_node* node, struct nv_channel* ch, const volatile uint32_t* sem,
                    uint32_t value);

/* Command-buffer builder: commands are appended at `length`; building past `capacity` sets
 * `overflow` and appends nothing (check it before submitting). */
struct nv_cmdbuf {
    uint8_t* base;
    uint32_t length, capacity;
    int overflow;
};
void nv_cmd_init(struct nv_cmdbuf* b, void* storage, uint32_t capacity);
void nv_cmd_timestamp(struct nv_cmdbuf* b, uint64_t where);
void nv_cmd_acquire(struct nv_cmdbuf* b, uint64_t sem, uint32_t value, uint16_t flags);
void nv_cmd_release(struct nv_cmdbuf* b, uint64_t sem, uint32_t value, uint16_t flags);
void nv_cmd_copy(struct nv_cmdbuf* b, uint64_t src, uint64_t dst, uint64_t len);
void nv_cmd_memset(struct nv_cmdbuf* b, uint64_t dst, uint64_t len, uint32_t pattern);
void nv_cmd_launch(struct nv_cmdbuf* b, uint32_t kernel, const void* args, uint32_t args_len,
                   uint32_t blocks);
/* An 8-byte command with any opcode and flags (tests of the GPU's command checks). */
void nv_cmd_raw(struct nv_cmdbuf* b, uint16_t opcode, uint16_t flags);

/* ---- Firmware ------------------------------------------------------------------------------- */
/* The device firmware images built with this tree, embedded in the program by the driver
 * library: the LPU DMC's (firmware/lpu, lpu-dmc.bin) and the GPU GSP's (firmware/gpu,
 * gpu-gsp.bin). Their SHA-256 is what `auto` provisions (lpu/gpu.firmware_sha256). */
extern const uint8_t nv_lpu_firmware[], nv_lpu_firmware_end[];
extern const uint8_t nv_gpu_firmware[], nv_gpu_firmware_end[];
static inline size_t nv_lpu_firmware_size(void) {
    return (size_t)(nv_lpu_firmware_end - nv_lpu_firmware);
}
static inline size_t nv_gpu_firmware_size(void) {
    return (size_t)(nv_gpu_firmware_end - nv_gpu_firmware);
}

/* ---- Time ----------------------------------------------------------------------------------- */
/* Simulated time in ns (the `time` CSR at the DTB's timebase-frequency). */
uint64_t nv_now_ns(const struct nv_node* node);

/* ---- Interrupts ------------------------------------------------------------------------------ */
/* Claims (and completes) every interrupt pending at the PLIC for the driving hart, collecting the
 * devices' INT_STATUS bits into their `pending` words; counts them in irqs. The waits do this
 * themselves; call it to account for interrupts raised while no wait was sleeping. */
void nv_irq_drain(struct nv_node* node);

#ifdef __cplusplus
}
#endif

#endif /* NODEVP_DRIVER_H */
