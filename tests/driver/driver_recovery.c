/* Recovery from an LPU error through the host driver, run with lpu.inject_ecc_run = 2 and
 * lpu.inject_ecc_lpu = 0: the FFN block's second RUN_IO on LPU 0 meets a double-bit ECC error in
 * its resident weights. The driver reports NV_E_PROGRAM with the chip's error code and does no
 * output DMA; after nv_lpu_reset and a reload the third run gives the reference output. */
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

static struct nv_node node;

static int run(const int8_t* x, int8_t* y) {
    memset(y, 0x5a, FFN_D_MODEL);
    return nv_lpu_run_io(&node, 0, nv_addr(x), FFN_X_SRAM_OFFSET, FFN_D_MODEL, nv_addr(y),
                         FFN_Y_SRAM_OFFSET, FFN_D_MODEL);
}

int main(void) {
    CHECK_EQ(nv_init(&node, node_dtb()), NV_OK);
    CHECK_EQ(nv_lpu_boot(&node, 0, nv_lpu_firmware, nv_lpu_firmware_size()), NV_OK);
    int8_t* x = nv_host_alloc(&node, FFN_D_MODEL, 64);
    int8_t* y = nv_host_alloc(&node, FFN_D_MODEL, 64);
    CHECK(x && y);
    memcpy(x, ffn_x, FFN_D_MODEL);
    CHECK_EQ(nv_lpu_load_program(&node, 0, nv_addr(ffn_image), FFN_IMAGE_BYTES), NV_OK);

    CHECK_EQ(run(x, y), NV_OK); /* run 1 */
    CHECK_EQ(memcmp(y, ffn_y, FFN_D_MODEL), 0);

    const int e = run(x, y); /* run 2: the injected error */
    const struct nv_lpu_run* r = &node.lpu[0].last_run;
    printf("lpu0: %s: status %u, error code %u, queue %u, pc %u, cycle %llu\n", nv_strerror(e),
           (unsigned)r->status, (unsigned)r->err_code, (unsigned)r->err_queue, (unsigned)r->err_pc,
           (unsigned long long)r->err_cycle);
    CHECK_EQ(e, NV_E_PROGRAM);
    CHECK_EQ(r->status, LPU_ST_PROGRAM_ERROR);
    CHECK_EQ(r->err_code, LPU_ERR_ECC_UNCORRECTABLE);
    for (unsigned i = 0; i < FFN_D_MODEL; ++i) CHECK_EQ((uint8_t)y[i], 0x5a); /* no output DMA */
    uint32_t status[9];
    CHECK_EQ(nv_lpu_status(&node, 0, status), NV_OK);
    CHECK(status[LPU_STATUS_ECC_DETECTED] >= 1);

    /* Recovery: reset, reload (weights rewritten with fresh check bits), retry. */
    CHECK_EQ(nv_lpu_reset(&node, 0), NV_OK);
    CHECK_EQ(nv_lpu_load_program(&node, 0, nv_addr(ffn_image), FFN_IMAGE_BYTES), NV_OK);
    ++node.lpu[0].retries;
    CHECK_EQ(run(x, y), NV_OK); /* run 3 */
    CHECK_EQ(memcmp(y, ffn_y, FFN_D_MODEL), 0);
    CHECK_EQ(node.lpu[0].runs, 3);
    CHECK_EQ(node.lpu[0].resets, 1);
    printf("lpu0: recovered by reset and reload: output equals the reference\n");
    printf("driver recovery: pass\n");
    return 0;
}
