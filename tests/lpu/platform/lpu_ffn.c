/* LPU FFN platform test (RV64 host, bare metal, default node): boots LPU 0's DMC with
 * firmware/lpu and, through the mailbox, loads an FFN block (up-projection, ReLU,
 * down-projection with requantisation; int8 weights resident in LPU SRAM) scheduled by
 * sw/lpu/sched, writes its input, runs it and reads the output back by DMA. The output must
 * equal, byte for byte, what the independent reference (tests/lpu/reference) computed at build
 * time. Then an injected double-bit ECC error in a weight must stop the program with an error
 * instead of delivering a wrong result, and after RESET and a reload the block runs right again. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ffn.h"
#include "firmware/lpu/lpu_mbox.h"
#include "gen/node.h"
#include "tests/firmware/check.h"
#include "tests/lpu/platform/lpu_test.h"

#define LPU 0u

extern const uint8_t ffn_image[], ffn_image_end[], ffn_x[], ffn_y[];

static int8_t y[FFN_D_MODEL] __attribute__((aligned(64)));
static uint8_t x_buf[FFN_D_MODEL] __attribute__((aligned(64)));

static void load_ffn(void) {
    CHECK_EQ((size_t)(ffn_image_end - ffn_image), FFN_IMAGE_BYTES);
    CHECK_EQ(lpu_st(LPU, nv_lpu_load_program(&lpu_node, LPU, nv_addr(ffn_image), FFN_IMAGE_BYTES)),
             LPU_ST_OK);
    memcpy(x_buf, ffn_x, FFN_D_MODEL);
    CHECK_EQ(lpu_st(LPU, nv_lpu_write_sram(&lpu_node, LPU, nv_addr(x_buf), FFN_X_SRAM_OFFSET,
                                           FFN_D_MODEL)),
             LPU_ST_OK);
}

static uint32_t run_ffn(void) {
    load_ffn();
    return lpu_st(LPU, nv_lpu_run(&lpu_node, LPU));
}

static void check_output(void) {
    memset(y, 0x5a, sizeof y);
    CHECK_EQ(
        lpu_st(LPU, nv_lpu_read_sram(&lpu_node, LPU, nv_addr(y), FFN_Y_SRAM_OFFSET, FFN_D_MODEL)),
        LPU_ST_OK);
    for (unsigned i = 0; i < FFN_D_MODEL; ++i) CHECK_EQ((uint8_t)y[i], ffn_y[i]);
}

int main(void) {
    lpu_test_init();
    lpu_test_boot(LPU);
    CHECK_EQ(run_ffn(), LPU_ST_OK);
    nv_lpu_take_events(&lpu_node, LPU, LPU_INT_STATUS_DONE_MASK);
    printf("lpu_ffn: FFN %u -> %u -> %u ran in %u LPU cycles\n", FFN_D_MODEL, FFN_D_FF, FFN_D_MODEL,
           (unsigned)lpu_node.lpu[LPU].last_run.cycles);
    check_output();
    printf("lpu_ffn: output equals the reference (%u bytes)\n", FFN_D_MODEL);

    /* Two flipped bits in the first 16-byte word of the input x must be detected when the
     * program reads it: an error, never a silently wrong output. */
    CHECK_EQ(lpu_st(LPU, nv_lpu_reset(&lpu_node, LPU)), LPU_ST_OK);
    load_ffn();
    lpu_write(LPU, LPU_FAULT_WORD, FFN_X_SRAM_OFFSET / 16);
    lpu_write(LPU, LPU_FAULT_INJECT, (3u << LPU_FAULT_INJECT_BIT_SHIFT) | LPU_FAULT_INJECT_GO_MASK);
    lpu_write(LPU, LPU_FAULT_INJECT,
              (77u << LPU_FAULT_INJECT_BIT_SHIFT) | LPU_FAULT_INJECT_GO_MASK);
    CHECK_EQ(nv_lpu_run(&lpu_node, LPU), NV_E_PROGRAM);
    CHECK_EQ(lpu_node.lpu[LPU].last_run.status, LPU_ST_PROGRAM_ERROR);
    CHECK_EQ(lpu_node.lpu[LPU].last_run.err_code, LPU_ERR_ECC_UNCORRECTABLE);
    nv_lpu_take_events(&lpu_node, LPU, LPU_INT_STATUS_ERROR_MASK);
    printf("lpu_ffn: double-bit ECC error in the input stopped the program\n");

    /* Recovery: reset, reload (rewrites the weights and their check bits), run again. */
    CHECK_EQ(lpu_st(LPU, nv_lpu_reset(&lpu_node, LPU)), LPU_ST_OK);
    CHECK_EQ(run_ffn(), LPU_ST_OK);
    check_output();
    printf("lpu_ffn: pass after reset and reload\n");
    return 0;
}
