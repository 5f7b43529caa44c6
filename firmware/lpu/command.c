/* The mailbox commands of the DMC firmware (protocol: lpu_mbox.h, docs/lpu/device.md). */
#include "firmware/lpu/dmc.h"
#include "firmware/lpu/lpu_mbox.h"

static uint32_t req(unsigned i) {
    return dmc_reg_read(LPU_MBOX_REQ(i));
}
static void rsp(unsigned i, uint32_t v) {
    dmc_reg_write(LPU_MBOX_RSP(i), v);
}
static uint64_t req_addr(unsigned i) {
    return (uint64_t)req(i) | (uint64_t)req(i + 1) << 32;
}
static void clear_rsp(void) {
    for (unsigned i = 1; i < LPU_MBOX_RSP_COUNT; ++i) rsp(i, 0);
}

static uint32_t cmd_load_program(void) {
    dmc_reg_write(LPU_DMC_INT_STATUS, LPU_DMC_INT_STATUS_ERROR_MASK);
    if (dmc_dma(LPU_DMA_DIR_HOST_TO_PROGRAM, req_addr(1), 0, req(3)) == 0) return LPU_ST_OK;
    if (dmc_reg_read(LPU_DMC_INT_STATUS) & LPU_DMC_INT_STATUS_ERROR_MASK) {
        dmc_reg_write(LPU_DMC_INT_STATUS, LPU_DMC_INT_STATUS_ERROR_MASK);
        rsp(1, dmc_reg_read(LPU_ERR_CODE));
        return LPU_ST_BAD_IMAGE;
    }
    return LPU_ST_DMA_ERROR;
}

static uint32_t cmd_run(void) {
    dmc_reg_write(LPU_DMC_INT_STATUS, LPU_DMC_INT_STATUS_DONE_MASK | LPU_DMC_INT_STATUS_ERROR_MASK);
    dmc_reg_write(LPU_CONTROL, LPU_CONTROL_START_MASK);
    uint32_t ev = dmc_wait(LPU_DMC_INT_STATUS_DONE_MASK | LPU_DMC_INT_STATUS_ERROR_MASK);
    if ((ev & LPU_DMC_INT_STATUS_ERROR_MASK) && dmc_reg_read(LPU_ERR_CODE) == LPU_ERR_NO_PROGRAM)
        return LPU_ST_NO_PROGRAM;
    dmc_counters.programs++;
    rsp(LPU_RUN_CYCLES_LO, dmc_reg_read(LPU_CYCLES));
    rsp(LPU_RUN_CYCLES_HI, dmc_reg_read(LPU_CYCLES + 4));
    if (!(ev & LPU_DMC_INT_STATUS_ERROR_MASK)) return LPU_ST_OK;
    rsp(LPU_RUN_ERR_CODE, dmc_reg_read(LPU_ERR_CODE));
    rsp(LPU_RUN_ERR_QUEUE, dmc_reg_read(LPU_ERR_QUEUE));
    rsp(LPU_RUN_ERR_PC, dmc_reg_read(LPU_ERR_PC));
    rsp(LPU_RUN_ERR_OPCODE, dmc_reg_read(LPU_ERR_OPCODE));
    rsp(LPU_RUN_ERR_CYCLE_LO, dmc_reg_read(LPU_ERR_CYCLE));
    rsp(LPU_RUN_ERR_CYCLE_HI, dmc_reg_read(LPU_ERR_CYCLE + 4));
    return LPU_ST_PROGRAM_ERROR;
}

/* RUN_IO: input DMA, RUN, output DMA in one request (the response as RUN's). A failed input
 * transfer answers DMA_ERROR without running; a failed program answers PROGRAM_ERROR without
 * the output transfer. */
static uint32_t cmd_run_io(void) {
    if (req(4) && dmc_dma(LPU_DMA_DIR_HOST_TO_SRAM, req_addr(1), req(3), req(4))) {
        return LPU_ST_DMA_ERROR;
    }
    const uint32_t status = cmd_run();
    if (status != LPU_ST_OK || !req(8)) return status;
    return dmc_dma(LPU_DMA_DIR_SRAM_TO_HOST, req(7), req_addr(5), req(8)) ? LPU_ST_DMA_ERROR
                                                                          : LPU_ST_OK;
}

static uint32_t cmd_status(void) {
    rsp(LPU_STATUS_STATE, dmc_reg_read(LPU_STATUS));
    rsp(LPU_STATUS_ECC_CORRECTED, dmc_reg_read(LPU_ECC_CORRECTED));
    rsp(LPU_STATUS_ECC_DETECTED, dmc_reg_read(LPU_ECC_DETECTED));
    rsp(LPU_STATUS_COMMANDS, dmc_counters.commands);
    rsp(LPU_STATUS_ERRORS, dmc_counters.errors);
    rsp(LPU_STATUS_PROGRAMS, dmc_counters.programs);
    rsp(LPU_STATUS_DMA_BYTES, dmc_counters.dma_bytes);
    rsp(LPU_STATUS_SELFTEST, dmc_counters.selftest);
    return LPU_ST_OK;
}

uint32_t dmc_command(void) {
    clear_rsp();
    switch (req(0)) {
        case LPU_CMD_PING:
            rsp(1, LPU_FW_VERSION);
            return LPU_ST_OK;
        case LPU_CMD_LOAD_PROGRAM:
            return cmd_load_program();
        case LPU_CMD_RUN:
            return cmd_run();
        case LPU_CMD_WRITE_SRAM:
            return dmc_dma(LPU_DMA_DIR_HOST_TO_SRAM, req_addr(1), req(3), req(4)) ? LPU_ST_DMA_ERROR
                                                                                  : LPU_ST_OK;
        case LPU_CMD_READ_SRAM:
            return dmc_dma(LPU_DMA_DIR_SRAM_TO_HOST, req(3), req_addr(1), req(4)) ? LPU_ST_DMA_ERROR
                                                                                  : LPU_ST_OK;
        case LPU_CMD_RUN_IO:
            return cmd_run_io();
        case LPU_CMD_STATUS:
            return cmd_status();
        case LPU_CMD_RESET:
            dmc_reg_write(LPU_CONTROL, LPU_CONTROL_RESET_MASK);
            dmc_reg_write(LPU_DMC_INT_STATUS,
                          LPU_DMC_INT_STATUS_DONE_MASK | LPU_DMC_INT_STATUS_ERROR_MASK);
            return LPU_ST_OK;
        default:
            return LPU_ST_BAD_COMMAND;
    }
}
