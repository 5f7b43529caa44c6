/* Host driver test (sw/driver) on the platform, any node configuration: discovery from the DTB,
 * the allocators, secure boot refusals, RUN_IO against the independent reference output of the
 * FFN block (tests/lpu/platform, when the LPU geometry is the one it was scheduled for), GPU
 * channels (fence, ring full, channel error and reset), simulated time and a wait that times
 * out. Prints the discovered counts; ctest compares them with the configuration it runs. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ffn.h"
#include "firmware/lib/node_rt.h"
#include "firmware/lpu/lpu_mbox.h"
#include "gen/node.h"
#include "nodevp/driver.h"
#include "tests/firmware/check.h"

extern const uint8_t ffn_image[], ffn_image_end[], ffn_x[], ffn_y[];
extern char _end[];

/* What nv_wait's time-out costs beyond the budget, the ~100-character message it prints
 * included: a few us through the UART in M mode; under OpenSBI (S mode) every character is an
 * SBI console ecall into M mode (about 0.5 us each on the default node). */
#ifdef NODE_RT_SMODE
#define NV_TEST_TIMEOUT_REPORT_NS 80000
#else
#define NV_TEST_TIMEOUT_REPORT_NS 20000
#endif

static struct nv_node node;
static uint8_t tampered[LPU_DMC_IMEM_SIZE];

static uint32_t rd32(uint64_t addr) {
    return *(volatile uint32_t*)(uintptr_t)addr;
}
static uint64_t rd64(uint64_t addr) {
    return (uint64_t)rd32(addr) | (uint64_t)rd32(addr + 4) << 32;
}

/* Every device at the address, size and PLIC source the node description gives it. */
static void check_discovery(void) {
    CHECK_EQ(nv_init(&node, node_dtb()), NV_OK);
    CHECK(node.lpus >= 1 && node.lpus <= NV_LPU_MAX);
    for (unsigned n = 0; n < node.lpus; ++n) {
        const struct nv_lpu* l = &node.lpu[n];
        CHECK_EQ(l->index, n);
        CHECK_EQ(l->regs, NODE_LPU_BASE(n));
        CHECK_EQ(l->regs_size, NODE_LPU_SIZE);
        CHECK_EQ(l->sram, NODE_LPU_SRAM_BASE(n));
        CHECK_EQ(l->sram_size, rd64(l->regs + LPU_SRAM_SIZE));
        CHECK_EQ(l->irq, NODE_LPU_IRQ(n));
        CHECK_EQ(rd32(l->regs + LPU_ID), LPU_ID_VALUE);
        CHECK_EQ(l->superlanes, (rd32(l->regs + LPU_GEOMETRY) & LPU_GEOMETRY_SUPERLANES_MASK) >>
                                    LPU_GEOMETRY_SUPERLANES_SHIFT);
    }
    CHECK(node.has_gpu);
    CHECK_EQ(node.gpu.regs, NODE_GPU_BASE);
    CHECK_EQ(node.gpu.hbm, NODE_HBM_BASE);
    CHECK_EQ(node.gpu.hbm_size, rd64(node.gpu.regs + GPU_HBM_SIZE));
    CHECK_EQ(node.gpu.irq, NODE_GPU_IRQ);
    CHECK_EQ(node.dram_base, NODE_DRAM_BASE);
    CHECK_EQ(node.timebase_hz, NODE_TIMEBASE_HZ);
    CHECK_EQ(node.plic, NODE_PLIC_BASE);
    CHECK_EQ(node.clint, NODE_CLINT_BASE);
    printf("driver: %u LPUs, %u GPU, host DRAM %llu MiB, HBM %llu MiB\n", node.lpus,
           (unsigned)node.has_gpu, (unsigned long long)(node.dram_size >> 20),
           (unsigned long long)(node.gpu.hbm_size >> 20));
    CHECK_EQ(nv_init(&node, 0), NV_E_NO_DEVICE);
    CHECK_EQ(nv_init(&node, node_dtb()), NV_OK);
}

/* First fit over a range no one touches: alignment, exhaustion, free and reuse, accounting. */
static void check_heap(void) {
    struct nv_heap h;
    CHECK_EQ(nv_heap_init(&h, 0x10010, 0x10000), NV_OK);
    CHECK_EQ(h.base, 0x10040); /* the first cache line inside */
    const uint64_t a = nv_heap_alloc(&h, 100, 0);
    CHECK_EQ(a, 0x10040);
    CHECK_EQ(h.used, 128); /* whole cache lines */
    const uint64_t b = nv_heap_alloc(&h, 64, 0x1000);
    CHECK_EQ(b, 0x11000);
    const uint64_t c = nv_heap_alloc(&h, 8, 0);
    CHECK_EQ(c, 0x100c0);                   /* the gap below b */
    CHECK_EQ(nv_heap_alloc(&h, 64, 48), 0); /* not a power of two */
    CHECK_EQ(nv_heap_alloc(&h, 0, 0), 0);
    CHECK_EQ(nv_heap_alloc(&h, 0x10000, 0), 0);                  /* more than is left */
    const uint64_t rest = (h.base + h.size - (b + 64)) & ~63ull; /* whole lines left */
    const uint64_t d = nv_heap_alloc(&h, rest, 0);
    CHECK_EQ(d, b + 64);
    CHECK_EQ(nv_heap_alloc(&h, 64, 0x1000), 0); /* exhausted at that alignment */
    nv_heap_free(&h, b);
    CHECK_EQ(nv_heap_alloc(&h, 64, 0x1000), 0x11000); /* reused */
    const uint64_t peak = h.peak;
    nv_heap_free(&h, a);
    nv_heap_free(&h, c);
    nv_heap_free(&h, 0x11000);
    nv_heap_free(&h, d);
    nv_heap_free(&h, d); /* twice: ignored */
    CHECK_EQ(h.used, 0);
    CHECK_EQ(h.peak, peak);
    CHECK_EQ(nv_heap_alloc(&h, 0x10000 - 0x40, 0), 0x10040); /* all of it again */

    /* Host memory: after the program's image, inside DRAM, aligned. */
    uint8_t* p = nv_host_alloc(&node, 1000, 4096);
    CHECK(p != 0);
    CHECK(nv_addr(p) >= nv_addr(_end) && nv_addr(p) % 4096 == 0);
    CHECK(nv_addr(p) + 1000 <= node.dram_base + node.dram_size);
    memset(p, 0xa5, 1000); /* it is real memory */
    CHECK_EQ(p[999], 0xa5);
    CHECK(nv_host_alloc(&node, node.dram_size, 0) == 0);
    nv_host_free(&node, p);
    CHECK_EQ(nv_addr(nv_host_alloc(&node, 1000, 4096)), nv_addr(p));
    nv_host_free(&node, p);
    printf("driver: allocators pass\n");
}

static void check_secure_boot_refusal(unsigned lpu) {
    const size_t length = nv_lpu_firmware_size();
    CHECK(length <= sizeof tampered);
    memcpy(tampered, nv_lpu_firmware, length);
    tampered[length / 3] ^= 0x04;
    const int e = nv_lpu_boot(&node, lpu, tampered, length);
    printf("lpu%u: %s (BOOT_STATUS %u: %s)\n", lpu, nv_strerror(e),
           (unsigned)node.lpu[lpu].boot_status, nv_boot_status_str(node.lpu[lpu].boot_status));
    CHECK_EQ(e, NV_E_TAMPERED);
    CHECK_EQ(node.lpu[lpu].boot_status, LPU_BOOT_TAMPERED);
    CHECK_EQ(rd32(node.lpu[lpu].regs + LPU_STATUS) & LPU_STATUS_DMC_RUNNING_MASK, 0);
    CHECK_EQ(nv_lpu_boot(&node, lpu, tampered, LPU_DMC_IMEM_SIZE + 4), NV_E_BAD_IMAGE);
    CHECK_EQ(nv_lpu_boot(&node, lpu, nv_lpu_firmware, length), NV_OK);
    CHECK_EQ(node.lpu[lpu].boot_status, LPU_BOOT_OK);
    CHECK_EQ(nv_lpu_boot(&node, lpu, nv_lpu_firmware, length), NV_E_INVALID); /* running */
}

/* RUN_IO on each LPU: input in, the FFN, output out in one request, equal to the reference. */
static void check_run_io(void) {
    int8_t* x = nv_host_alloc(&node, FFN_D_MODEL, 64);
    int8_t* y = nv_host_alloc(&node, FFN_D_MODEL, 64);
    uint8_t* image = nv_host_alloc(&node, FFN_IMAGE_BYTES, 64);
    CHECK(x && y && image);
    memcpy(x, ffn_x, FFN_D_MODEL);
    memcpy(image, ffn_image, FFN_IMAGE_BYTES);
    for (unsigned n = 0; n < node.lpus && n < 2; ++n) {
        CHECK_EQ(nv_lpu_load_program(&node, n, nv_addr(image), FFN_IMAGE_BYTES), NV_OK);
        memset(y, 0x5a, FFN_D_MODEL);
        CHECK_EQ(nv_lpu_run_io(&node, n, nv_addr(x), FFN_X_SRAM_OFFSET, FFN_D_MODEL, nv_addr(y),
                               FFN_Y_SRAM_OFFSET, FFN_D_MODEL),
                 NV_OK);
        CHECK_EQ(node.lpu[n].last_run.status, LPU_ST_OK);
        CHECK(node.lpu[n].last_run.cycles > 0);
        CHECK_EQ(memcmp(y, ffn_y, FFN_D_MODEL), 0);
        printf("lpu%u: RUN_IO output equals the reference (%llu cycles)\n", n,
               (unsigned long long)node.lpu[n].last_run.cycles);
    }
    /* The same step as three requests (WRITE_SRAM, RUN, READ_SRAM) and as one RUN_IO. */
    uint64_t t0 = nv_now_ns(&node);
    CHECK_EQ(nv_lpu_write_sram(&node, 0, nv_addr(x), FFN_X_SRAM_OFFSET, FFN_D_MODEL), NV_OK);
    CHECK_EQ(nv_lpu_run(&node, 0), NV_OK);
    CHECK_EQ(nv_lpu_read_sram(&node, 0, nv_addr(y), FFN_Y_SRAM_OFFSET, FFN_D_MODEL), NV_OK);
    const uint64_t three = nv_now_ns(&node) - t0;
    CHECK_EQ(memcmp(y, ffn_y, FFN_D_MODEL), 0);
    t0 = nv_now_ns(&node);
    CHECK_EQ(nv_lpu_run_io(&node, 0, nv_addr(x), FFN_X_SRAM_OFFSET, FFN_D_MODEL, nv_addr(y),
                           FFN_Y_SRAM_OFFSET, FFN_D_MODEL),
             NV_OK);
    const uint64_t one = nv_now_ns(&node) - t0;
    CHECK(one < three);
    printf("~ lpu0: FFN step in %llu ns as three requests, %llu ns as one RUN_IO\n",
           (unsigned long long)three, (unsigned long long)one);

    /* An input outside the granted windows: DMA error, the program does not run. */
    uint32_t before[9], after[9];
    CHECK_EQ(nv_lpu_status(&node, 0, before), NV_OK);
    CHECK_EQ(nv_lpu_run_io(&node, 0, NODE_HBM_BASE, FFN_X_SRAM_OFFSET, FFN_D_MODEL, nv_addr(y),
                           FFN_Y_SRAM_OFFSET, FFN_D_MODEL),
             NV_E_DMA);
    CHECK_EQ(node.lpu[0].last_status, LPU_ST_DMA_ERROR);
    CHECK_EQ(nv_lpu_status(&node, 0, after), NV_OK);
    CHECK_EQ(after[LPU_STATUS_PROGRAMS], before[LPU_STATUS_PROGRAMS]);
    /* No program after RESET. */
    CHECK_EQ(nv_lpu_reset(&node, 0), NV_OK);
    CHECK_EQ(nv_lpu_run(&node, 0), NV_E_MAILBOX);
    CHECK_EQ(node.lpu[0].last_status, LPU_ST_NO_PROGRAM);
    CHECK_EQ(node.lpu[0].resets, 1);
    nv_host_free(&node, x);
    nv_host_free(&node, y);
    nv_host_free(&node, image);
}

static void check_gpu(void) {
    CHECK_EQ(nv_gpu_boot(&node, nv_gpu_firmware, nv_gpu_firmware_size()), NV_OK);
    CHECK(node.gpu.channels >= 2);
    const uint64_t hbm = nv_gpu_alloc(&node, 4096, 0);
    CHECK(hbm >= node.gpu.hbm && hbm + 4096 <= node.gpu.hbm + node.gpu.hbm_size);
    CHECK_EQ(nv_gpu_alloc(&node, node.gpu.hbm_size, 0), 0);

    /* The command-buffer builder refuses to overflow. */
    uint64_t small[2];
    struct nv_cmdbuf cb;
    nv_cmd_init(&cb, small, sizeof small);
    nv_cmd_copy(&cb, 0, 0, 0);
    CHECK(cb.overflow);
    CHECK_EQ(cb.length, 0);

    /* A 2-entry ring holds one outstanding buffer: the next submits wait for room (polling
     * CH_GET); the fence of wait_idle then sees them all done; GPU time lies within host time. */
    struct nv_channel ch;
    CHECK_EQ(nv_gpu_channel_open(&node, &ch, 0, 2), NV_OK);
    uint8_t* cmds = nv_host_alloc(&node, 4 * 64, 64);
    volatile uint64_t* stamp = nv_host_alloc(&node, 64, 64);
    CHECK(cmds && stamp);
    for (unsigned i = 0; i < 4; ++i) {
        nv_cmd_init(&cb, cmds + 64 * i, 64);
        nv_cmd_memset(&cb, hbm, 4096, i);
        CHECK(!cb.overflow);
        CHECK_EQ(nv_gpu_submit(&node, &ch, nv_addr(cb.base), cb.length), NV_OK);
    }
    const uint64_t t0 = nv_now_ns(&node);
    nv_cmd_init(&cb, cmds, 64);
    nv_cmd_timestamp(&cb, nv_addr(stamp));
    CHECK_EQ(nv_gpu_submit(&node, &ch, nv_addr(cb.base), cb.length), NV_OK);
    CHECK_EQ(nv_gpu_channel_wait_idle(&node, &ch), NV_OK);
    const uint64_t t1 = nv_now_ns(&node);
    CHECK_EQ(rd32(node.gpu.regs + GPU_CH_GET(0)), ch.put);
    CHECK_EQ(*(volatile uint8_t*)(uintptr_t)hbm, 3);
    CHECK(*stamp + 2000 >= t0 && *stamp <= t1 + 2000); /* within a quantum either way */
    CHECK(t1 > t0);

    /* A wait that cannot end: NV_E_TIMEOUT after the budget, not a hang. */
    volatile uint32_t* never = nv_host_alloc(&node, 64, 64);
    *never = 0;
    const uint64_t budget = node.wait_budget_ns;
    node.wait_budget_ns = 20000;
    const uint64_t w0 = nv_now_ns(&node);
    CHECK_EQ(nv_gpu_wait_sem(&node, &ch, never, 1), NV_E_TIMEOUT);
    const uint64_t waited = nv_now_ns(&node) - w0;
    node.wait_budget_ns = budget;
    CHECK(waited >= 20000 && waited < 20000 + NV_TEST_TIMEOUT_REPORT_NS);
    printf("~ driver: semaphore wait timed out after %llu us\n",
           (unsigned long long)(waited / 1000));

    /* A channel error: NV_E_CHANNEL, the notifier, then reset and run again. */
    nv_cmd_init(&cb, cmds, 64);
    nv_cmd_raw(&cb, 0x77, 0);
    CHECK_EQ(nv_gpu_submit(&node, &ch, nv_addr(cb.base), cb.length), NV_OK);
    CHECK_EQ(nv_gpu_channel_wait_idle(&node, &ch), NV_E_CHANNEL);
    struct gpu_error_notifier note;
    CHECK_EQ(nv_gpu_channel_error(&ch, &note), GPU_ERR_BAD_COMMAND);
    CHECK_EQ(note.info, 0x77);
    CHECK_EQ(nv_gpu_submit(&node, &ch, nv_addr(cb.base), cb.length), NV_E_CHANNEL);
    CHECK_EQ(nv_gpu_channel_reset(&node, &ch), NV_OK);
    CHECK_EQ(nv_gpu_channel_error(&ch, 0), 0);
    nv_cmd_init(&cb, cmds, 64);
    nv_cmd_release(&cb, nv_addr(never), 5, GPU_CMD_F_INTERRUPT);
    CHECK_EQ(nv_gpu_submit(&node, &ch, nv_addr(cb.base), cb.length), NV_OK);
    CHECK_EQ(nv_gpu_wait_sem(&node, &ch, never, 5), NV_OK);
    CHECK_EQ(nv_gpu_channel_close(&node, &ch), NV_OK);
    nv_gpu_free(&node, hbm);
    printf("driver: GPU channels pass\n");
}

int main(void) {
    check_discovery();
    check_heap();
    const unsigned lpu = node.lpus - 1;
    check_secure_boot_refusal(lpu);
    if (lpu != 0) CHECK_EQ(nv_lpu_boot(&node, 0, nv_lpu_firmware, nv_lpu_firmware_size()), NV_OK);
    if (node.lpu[0].superlanes * 16 == FFN_VL)
        check_run_io();
    else
        printf("driver: RUN_IO skipped (the FFN block was scheduled for %u-byte vectors)\n",
               FFN_VL);
    check_gpu();
    printf("driver test: pass\n");
    return 0;
}
