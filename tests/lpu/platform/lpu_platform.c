/* LPU platform test (RV64 host, bare metal, default node): boots LPU 0's DMC with firmware/lpu,
 * loads a vector-add program and its operands from host memory through the mailbox, runs it and
 * checks the result against values computed here; then a program with an undefined opcode must
 * stop with an exact error report and interrupt, a corrupted image must be rejected, and after
 * RESET the device must run the good program again. Everything goes through the host driver
 * (sw/driver); the checks compare the DMC's own status words. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "firmware/lpu/lpu_mbox.h"
#include "gen/lpu_isa.h"
#include "gen/node.h"
#include "tests/firmware/check.h"
#include "tests/lpu/platform/lpu_image.h"
#include "tests/lpu/platform/lpu_test.h"

#define LPU 0u
#define VECTORS 16u
#define VL_MAX 320u

static struct lpu_geometry geo;
static uint32_t vl;
static uint8_t image[64 * 1024] __attribute__((aligned(64)));
static uint8_t vec_a[VECTORS * VL_MAX], vec_b[VECTORS * VL_MAX], vec_c[VECTORS * VL_MAX];

static uint32_t slice_w0(void) {
    return 0;
}
static uint32_t slice_e0(void) {
    return geo.mem_slices / 2;
}
static uint32_t slice_e1(void) {
    return geo.mem_slices / 2 + 1;
}
static uint32_t sram_offset(uint32_t slice, uint32_t addr) {
    return (slice * geo.mem_words + addr) * vl;
}

static void read_geometry(void) {
    uint32_t g = lpu_read(LPU, LPU_GEOMETRY);
    geo.superlanes = (g & LPU_GEOMETRY_SUPERLANES_MASK) >> LPU_GEOMETRY_SUPERLANES_SHIFT;
    geo.mxm_planes = (g & LPU_GEOMETRY_MXM_PLANES_MASK) >> LPU_GEOMETRY_MXM_PLANES_SHIFT;
    geo.vxm_alus = (g & LPU_GEOMETRY_VXM_ALUS_MASK) >> LPU_GEOMETRY_VXM_ALUS_SHIFT;
    geo.mem_slices = lpu_read(LPU, LPU_MEM_SLICES);
    geo.mem_words = lpu_read(LPU, LPU_MEM_WORDS);
    vl = 16 * geo.superlanes;
}

/* c = a + b (int8, wrapping) over VECTORS vectors: mem.w0 streams a east, mem.e0 streams b west,
 * both meet at the VXM one cycle after their READs' latency; vxm.0 adds onto s2e, and mem.e1 (two
 * positions east of the VXM) writes the sums. Cycle placement from the ISA table's latencies. */
static const uint32_t kAddIssue = LPU_LATENCY_READ + 1;
static const uint32_t kWriteIssue = LPU_LATENCY_READ + 1 + LPU_LATENCY_ADD + 2;

static size_t build_add_program(const uint8_t* a) {
    const unsigned s0e = lpu_stream(0, 0), s1w = lpu_stream(1, 1), s2e = lpu_stream(2, 0);
    const uint64_t rep = lpu_repeat(LPU_OP_REPEAT, VECTORS - 1, 1);
    const uint64_t w0[] = {lpu_insn(LPU_OP_READ, 1, s0e, 0, 0, 0), rep};
    const uint64_t e0[] = {lpu_insn(LPU_OP_READ, 1, s1w, 0, 0, 0), rep};
    const uint64_t vxm[] = {lpu_insn(LPU_OP_NOP, 0, 0, 0, 0, kAddIssue),
                            lpu_insn(LPU_OP_ADD, 0 /* i8 */, s2e, s0e, s1w, 0), rep};
    const uint64_t e1[] = {lpu_insn(LPU_OP_NOP, 0, 0, 0, 0, kWriteIssue),
                           lpu_insn(LPU_OP_WRITE, 1, 0, s2e, 0, 0), rep};
    struct lpu_image img;
    lpu_image_begin(&img, image, sizeof image, &geo, 4, 1, 0);
    lpu_image_queue(&img, "mem.w0", w0, 2);
    lpu_image_queue(&img, "mem.e0", e0, 2);
    lpu_image_queue(&img, "vxm.0", vxm, 3);
    lpu_image_queue(&img, "mem.e1", e1, 3);
    lpu_image_data(&img, slice_w0(), 0, a, VECTORS, vl);
    return lpu_image_end(&img);
}

/* mem.w0: NOP 3, then IFETCH (undefined in this model) at pc 1, cycle 3. */
static size_t build_bad_program(void) {
    const uint64_t w0[] = {lpu_insn(LPU_OP_NOP, 0, 0, 0, 0, 3),
                           lpu_insn(LPU_OP_IFETCH, 0, 0, 0, 0, 0)};
    struct lpu_image img;
    lpu_image_begin(&img, image, sizeof image, &geo, 1, 0, 0);
    lpu_image_queue(&img, "mem.w0", w0, 2);
    return lpu_image_end(&img);
}

static uint32_t mbox_load(size_t length) {
    return lpu_st(LPU, nv_lpu_load_program(&lpu_node, LPU, nv_addr(image), (uint32_t)length));
}

/* WRITE_SRAM / READ_SRAM (`command`) between host memory and SRAM `offset`: the DMC's status. */
static uint32_t mbox_sram(uint32_t command, const void* host, uint32_t offset, uint32_t length) {
    const uint64_t a = nv_addr(host);
    return lpu_st(LPU, command == LPU_CMD_WRITE_SRAM
                           ? nv_lpu_write_sram(&lpu_node, LPU, a, offset, length)
                           : nv_lpu_read_sram(&lpu_node, LPU, a, offset, length));
}

static uint32_t mbox_run(void) {
    return lpu_st(LPU, nv_lpu_run(&lpu_node, LPU));
}

static void grant(unsigned window, uint64_t base, uint64_t size, uint32_t ctrl) {
    CHECK_EQ(nv_lpu_grant(&lpu_node, LPU, window, base, size, ctrl), NV_OK);
}

static void fill(uint8_t* v, uint32_t seed) {
    uint32_t x = seed;
    for (uint32_t i = 0; i < VECTORS * vl; ++i) {
        x = x * 1664525u + 1013904223u;
        v[i] = (uint8_t)(x >> 24);
    }
}

/* Loads the add program, writes b by DMA, runs, reads c back by DMA and via the aperture. */
static void run_add_and_check(uint32_t seed) {
    fill(vec_a, seed);
    fill(vec_b, seed * 7u + 3u);
    size_t len = build_add_program(vec_a);
    CHECK(len != 0);
    CHECK_EQ(mbox_load(len), LPU_ST_OK);
    CHECK_EQ((lpu_read(LPU, LPU_STATUS) & LPU_STATUS_STATE_MASK) >> LPU_STATUS_STATE_SHIFT,
             LPU_STATE_LOADED);
    CHECK_EQ(mbox_sram(LPU_CMD_WRITE_SRAM, vec_b, sram_offset(slice_e0(), 0), VECTORS * vl),
             LPU_ST_OK);
    CHECK_EQ(mbox_run(), LPU_ST_OK);
    CHECK_EQ(nv_lpu_take_events(&lpu_node, LPU, LPU_INT_STATUS_DONE_MASK),
             LPU_INT_STATUS_DONE_MASK);
    /* The last WRITE copy issues in cycle kWriteIssue + VECTORS - 1 and stores LATENCY_WRITE later.
     */
    CHECK_EQ(lpu_node.lpu[LPU].last_run.cycles, kWriteIssue + VECTORS - 1 + LPU_LATENCY_WRITE + 1);
    memset(vec_c, 0, sizeof vec_c);
    CHECK_EQ(mbox_sram(LPU_CMD_READ_SRAM, vec_c, sram_offset(slice_e1(), 0), VECTORS * vl),
             LPU_ST_OK);
    for (uint32_t i = 0; i < VECTORS * vl; ++i) CHECK_EQ(vec_c[i], (uint8_t)(vec_a[i] + vec_b[i]));
    const uint64_t aperture = NODE_LPU_SRAM_BASE(LPU) + sram_offset(slice_e1(), 0);
    for (uint32_t i = 0; i < VECTORS * vl; ++i)
        CHECK_EQ(*(volatile uint8_t*)(uintptr_t)(aperture + i), (uint8_t)(vec_a[i] + vec_b[i]));
}

static void check_bad_program(void) {
    size_t len = build_bad_program();
    CHECK(len != 0);
    CHECK_EQ(mbox_load(len), LPU_ST_OK);
    lpu_claims(LPU);
    CHECK_EQ(mbox_run(), LPU_ST_PROGRAM_ERROR);
    CHECK_EQ(nv_lpu_take_events(&lpu_node, LPU, LPU_INT_STATUS_ERROR_MASK),
             LPU_INT_STATUS_ERROR_MASK);
    CHECK(lpu_claims(LPU) >= 1);
    CHECK_EQ(lpu_node.lpu[LPU].last_run.err_code, LPU_ERR_UNDEFINED_OPCODE);
    CHECK_EQ(lpu_node.lpu[LPU].last_run.err_queue, 0);
    CHECK_EQ(lpu_node.lpu[LPU].last_run.err_pc, 1);
    CHECK_EQ(lpu_node.lpu[LPU].last_run.err_opcode, LPU_OP_IFETCH);
    CHECK_EQ(lpu_node.lpu[LPU].last_run.err_cycle, 3);
    CHECK_EQ((lpu_read(LPU, LPU_STATUS) & LPU_STATUS_STATE_MASK) >> LPU_STATUS_STATE_SHIFT,
             LPU_STATE_ERROR);
    CHECK_EQ(lpu_read(LPU, LPU_ERR_CODE), LPU_ERR_UNDEFINED_OPCODE);

    /* A corrupted image (one payload byte flipped: CRC mismatch) is rejected. */
    len = build_add_program(vec_a);
    image[len / 2] ^= 0x40;
    uint32_t rsp[2];
    CHECK_EQ(nv_lpu_mailbox(&lpu_node, LPU, LPU_CMD_LOAD_PROGRAM,
                            (const uint32_t[]){(uint32_t)nv_addr(image),
                                               (uint32_t)(nv_addr(image) >> 32), (uint32_t)len},
                            3, rsp, 2),
             NV_OK);
    CHECK_EQ(rsp[0], LPU_ST_BAD_IMAGE);
    CHECK_EQ(rsp[1], LPU_ERR_BAD_IMAGE);
    CHECK_EQ(nv_lpu_take_events(&lpu_node, LPU, LPU_INT_STATUS_ERROR_MASK),
             LPU_INT_STATUS_ERROR_MASK);
    /* RUN now has no program to run. */
    CHECK_EQ(mbox_run(), LPU_ST_NO_PROGRAM);
    nv_lpu_take_events(&lpu_node, LPU, LPU_INT_STATUS_ERROR_MASK);
}

/* The DMA windows: with window 0 revoked and window 1 granting one buffer for reading only, the
 * device may read that buffer, may not write it and may reach nothing else; each refused
 * transfer is an error status (the fabric logs it), and no byte outside the grant changes. */
static uint8_t win_buf[256] __attribute__((aligned(64)));
static uint8_t win_other[256] __attribute__((aligned(64)));

static void check_dma_windows(void) {
    const uint32_t offset = sram_offset(slice_e0(), 0);
    for (unsigned i = 0; i < sizeof win_buf; ++i) {
        win_buf[i] = (uint8_t)(i * 3u + 1u);
        win_other[i] = (uint8_t)(i ^ 0x5au);
    }
    grant(0, 0, 0, 0);
    grant(1, (uint64_t)(uintptr_t)win_buf, sizeof win_buf, LPU_DMA_WIN_CTRL_READ_MASK);
    CHECK_EQ(mbox_sram(LPU_CMD_WRITE_SRAM, win_buf, offset, sizeof win_buf), LPU_ST_OK);
    CHECK_EQ(mbox_sram(LPU_CMD_WRITE_SRAM, win_other, offset, sizeof win_other), LPU_ST_DMA_ERROR);
    /* One byte past the end of the window is outside it too. */
    CHECK_EQ(mbox_sram(LPU_CMD_WRITE_SRAM, win_buf + 1, offset, sizeof win_buf), LPU_ST_DMA_ERROR);
    /* The SRAM still holds win_buf (the refused transfers wrote nothing): read it back through
     * the aperture, then try to DMA it into the read-only window. */
    const uint64_t aperture = NODE_LPU_SRAM_BASE(LPU) + offset;
    for (unsigned i = 0; i < sizeof win_buf; ++i)
        CHECK_EQ(*(volatile uint8_t*)(uintptr_t)(aperture + i), (uint8_t)(i * 3u + 1u));
    memset(win_buf, 0xee, sizeof win_buf);
    CHECK_EQ(mbox_sram(LPU_CMD_READ_SRAM, win_buf, offset, sizeof win_buf), LPU_ST_DMA_ERROR);
    for (unsigned i = 0; i < sizeof win_buf; ++i) CHECK_EQ(win_buf[i], 0xee);
    grant(1, (uint64_t)(uintptr_t)win_buf, sizeof win_buf,
          LPU_DMA_WIN_CTRL_READ_MASK | LPU_DMA_WIN_CTRL_WRITE_MASK);
    CHECK_EQ(mbox_sram(LPU_CMD_READ_SRAM, win_buf, offset, sizeof win_buf), LPU_ST_OK);
    for (unsigned i = 0; i < sizeof win_buf; ++i) CHECK_EQ(win_buf[i], (uint8_t)(i * 3u + 1u));
    /* Back to the whole of DRAM. */
    grant(1, 0, 0, 0);
    grant(0, lpu_node.dram_base, lpu_node.dram_size,
          LPU_DMA_WIN_CTRL_READ_MASK | LPU_DMA_WIN_CTRL_WRITE_MASK);
}

/* Device to device through the fabric: the LPU's DMA reads the GPU's HBM (over its link, the
 * switch and the GPU's link) and the next LPU's SRAM (over the direct LPU-LPU link), each once
 * its window is granted. The host puts the data there through the apertures. */
static void check_peer_memory(void) {
    const uint32_t offset = sram_offset(slice_e0(), 0);
    const uint64_t hbm = NODE_HBM_BASE + 0x1000;
    const uint64_t peer = NODE_LPU_SRAM_BASE(LPU + 1) + 0x2000;
    for (unsigned i = 0; i < 256; ++i) {
        *(volatile uint8_t*)(uintptr_t)(hbm + i) = (uint8_t)(i * 5u + 2u);
        *(volatile uint8_t*)(uintptr_t)(peer + i) = (uint8_t)(i * 11u + 7u);
    }
    CHECK_EQ(mbox_sram(LPU_CMD_WRITE_SRAM, (void*)(uintptr_t)hbm, offset, 256),
             LPU_ST_DMA_ERROR); /* not granted yet */
    grant(2, NODE_HBM_BASE, NODE_HBM_SIZE, LPU_DMA_WIN_CTRL_READ_MASK);
    grant(3, NODE_LPU_SRAM_BASE(LPU + 1), 0x100000, LPU_DMA_WIN_CTRL_READ_MASK);
    const uint64_t aperture = NODE_LPU_SRAM_BASE(LPU) + offset;
    CHECK_EQ(mbox_sram(LPU_CMD_WRITE_SRAM, (void*)(uintptr_t)hbm, offset, 256), LPU_ST_OK);
    for (unsigned i = 0; i < 256; ++i)
        CHECK_EQ(*(volatile uint8_t*)(uintptr_t)(aperture + i), (uint8_t)(i * 5u + 2u));
    CHECK_EQ(mbox_sram(LPU_CMD_WRITE_SRAM, (void*)(uintptr_t)peer, offset, 256), LPU_ST_OK);
    for (unsigned i = 0; i < 256; ++i)
        CHECK_EQ(*(volatile uint8_t*)(uintptr_t)(aperture + i), (uint8_t)(i * 11u + 7u));
    grant(2, 0, 0, 0);
    grant(3, 0, 0, 0);
}

int main(void) {
    lpu_test_init();
    read_geometry();
    printf("lpu_platform: LPU %u, %u superlanes, %u MEM slices of %u vectors\n", LPU,
           geo.superlanes, geo.mem_slices, geo.mem_words);
    CHECK(vl <= VL_MAX && geo.mem_slices >= 4);
    lpu_test_boot(LPU);
    run_add_and_check(1);
    printf("lpu_platform: vector add of %u vectors correct\n", VECTORS);
    check_bad_program();
    printf("lpu_platform: bad program and corrupted image reported\n");
    check_dma_windows();
    printf("lpu_platform: DMA outside the granted windows refused\n");
    check_peer_memory();
    printf("lpu_platform: DMA from GPU HBM and from the next LPU's SRAM\n");

    CHECK_EQ(lpu_st(LPU, nv_lpu_reset(&lpu_node, LPU)), LPU_ST_OK);
    CHECK_EQ((lpu_read(LPU, LPU_STATUS) & LPU_STATUS_STATE_MASK) >> LPU_STATUS_STATE_SHIFT,
             LPU_STATE_IDLE);
    CHECK_EQ(lpu_read(LPU, LPU_ERR_CODE), 0);
    run_add_and_check(2);
    printf("lpu_platform: device works after RESET\n");

    uint32_t status[9];
    CHECK_EQ(lpu_st(LPU, nv_lpu_status(&lpu_node, LPU, status)), LPU_ST_OK);
    CHECK_EQ(status[LPU_STATUS_PROGRAMS], 3);
    /* program error, bad image, no program, and the four refused DMA transfers */
    CHECK_EQ(status[LPU_STATUS_ERRORS], 7);
    CHECK_EQ(status[LPU_STATUS_SELFTEST], 0);
    CHECK_EQ(status[LPU_STATUS_ECC_DETECTED], 0);
    printf("lpu_platform: pass\n");
    return 0;
}
