/* LPU: DMC firmware boot (secure boot), the DMC mailbox (firmware/lpu/lpu_mbox.h), DMA windows. */
#include <stdio.h>
#include <string.h>

#include "firmware/lpu/lpu_mbox.h"
#include "gen/node.h"
#include "sw/driver/src/nv_internal.h"

#define NV_LPU_INT_ALL                                                                    \
    (LPU_INT_ENABLE_DONE_MASK | LPU_INT_ENABLE_ERROR_MASK | LPU_INT_ENABLE_MAILBOX_MASK | \
     LPU_INT_ENABLE_BOOT_ERROR_MASK)

static struct nv_lpu* nv_lpu_get(struct nv_node* node, unsigned lpu) {
    return lpu < node->lpus ? &node->lpu[lpu] : 0;
}

/* Moves the device's raised INT_STATUS bits into `pending`. */
static void nv_lpu_collect(struct nv_lpu* l) {
    const uint32_t s = nv_rd32(l->regs + LPU_INT_STATUS);
    if (s) {
        nv_wr32(l->regs + LPU_INT_STATUS, s);
        l->pending |= s;
    }
}

uint32_t nv_lpu_take_events(struct nv_node* node, unsigned lpu, uint32_t mask) {
    struct nv_lpu* l = nv_lpu_get(node, lpu);
    if (!l) return 0;
    nv_lpu_collect(l);
    const uint32_t hit = l->pending & mask;
    l->pending &= ~hit;
    return hit;
}

struct nv_lpu_event {
    struct nv_lpu* lpu;
    uint32_t mask;
};

static int nv_lpu_event_ready(struct nv_node* node, void* ctx) {
    (void)node;
    struct nv_lpu_event* e = ctx;
    nv_lpu_collect(e->lpu);
    return (e->lpu->pending & e->mask) != 0;
}

/* Sleeps until one of `mask` is pending, and consumes it. */
static int nv_lpu_wait_event(struct nv_node* node, struct nv_lpu* l, uint32_t mask,
                             struct nv_wait_what what) {
    struct nv_lpu_event e = {l, mask};
    const int r = nv_wait(node, what, nv_lpu_event_ready, &e, 0);
    if (r == NV_OK) l->pending &= ~mask;
    return r;
}

int nv_lpu_mailbox(struct nv_node* node, unsigned lpu, uint32_t command, const uint32_t* args,
                   unsigned n, uint32_t* rsp, unsigned rsp_n) {
    struct nv_lpu* l = nv_lpu_get(node, lpu);
    if (!l || n + 1 > LPU_MBOX_REQ_COUNT || rsp_n > LPU_MBOX_RSP_COUNT) return NV_E_INVALID;
    nv_wr32(l->regs + LPU_MBOX_REQ(0), command);
    for (unsigned i = 0; i < n; ++i) nv_wr32(l->regs + LPU_MBOX_REQ(i + 1), args[i]);
    nv_lpu_collect(l);
    l->pending &= ~LPU_INT_STATUS_MAILBOX_MASK; /* an answer is only the one to this request */
    nv_wr32(l->regs + LPU_MBOX_H2D, 1);
    const struct nv_wait_what what = {"lpu%llu: answer to mailbox request %llu", lpu, command};
    const int r = nv_lpu_wait_event(node, l, LPU_INT_STATUS_MAILBOX_MASK, what);
    if (r) return r;
    l->last_status = nv_rd32(l->regs + LPU_MBOX_RSP(0));
    for (unsigned i = 0; i < rsp_n; ++i) rsp[i] = nv_rd32(l->regs + LPU_MBOX_RSP(i));
    return NV_OK;
}

static int nv_lpu_status_error(uint32_t status) {
    switch (status) {
        case LPU_ST_OK:
            return NV_OK;
        case LPU_ST_DMA_ERROR:
            return NV_E_DMA;
        case LPU_ST_BAD_IMAGE:
            return NV_E_BAD_IMAGE;
        case LPU_ST_PROGRAM_ERROR:
            return NV_E_PROGRAM;
        default:
            return NV_E_MAILBOX;
    }
}

/* A request whose answer only has a status. */
static int nv_lpu_request(struct nv_node* node, unsigned lpu, uint32_t command,
                          const uint32_t* args, unsigned n) {
    const int r = nv_lpu_mailbox(node, lpu, command, args, n, 0, 0);
    return r ? r : nv_lpu_status_error(node->lpu[lpu].last_status);
}

int nv_lpu_grant(struct nv_node* node, unsigned lpu, unsigned window, uint64_t base, uint64_t size,
                 uint32_t rw) {
    struct nv_lpu* l = nv_lpu_get(node, lpu);
    if (!l || window >= LPU_DMA_WIN_CTRL_COUNT) return NV_E_INVALID;
    nv_wr32(l->regs + LPU_DMA_WIN_CTRL(window), 0); /* never a half-updated window */
    nv_wr64(l->regs + LPU_DMA_WIN_BASE(window), base);
    nv_wr64(l->regs + LPU_DMA_WIN_SIZE(window), size);
    nv_wr32(l->regs + LPU_DMA_WIN_CTRL(window), rw);
    return NV_OK;
}

/* The unsolicited READY message after a successful boot. */
static int nv_lpu_ready(struct nv_node* node, struct nv_lpu* l) {
    const struct nv_wait_what what = {"lpu%llu: firmware READY%.0llu", l->index, 0};
    int r = nv_lpu_wait_event(node, l, LPU_INT_STATUS_MAILBOX_MASK, what);
    if (r) return r;
    const uint32_t word = nv_rd32(l->regs + LPU_MBOX_RSP(0));
    l->fw_version = nv_rd32(l->regs + LPU_MBOX_RSP(LPU_READY_VERSION));
    l->selftest = nv_rd32(l->regs + LPU_MBOX_RSP(LPU_READY_SELFTEST));
    l->selftest_corrected = nv_rd32(l->regs + LPU_MBOX_RSP(LPU_READY_CORRECTED));
    if (word != LPU_MBOX_READY || l->selftest != 0) {
        nv_log("lpu%u: firmware not ready (message %#x, self-test result %u)", l->index,
               (unsigned)word, (unsigned)l->selftest);
        return NV_E_FW_NOT_READY;
    }
    uint32_t rsp[2];
    r = nv_lpu_mailbox(node, l->index, LPU_CMD_PING, 0, 0, rsp, 2);
    if (r) return r;
    if (rsp[0] != LPU_ST_OK || rsp[1] != l->fw_version) return NV_E_FW_NOT_READY;
    return NV_OK;
}

int nv_lpu_boot(struct nv_node* node, unsigned lpu, const uint8_t* image, size_t length) {
    struct nv_lpu* l = nv_lpu_get(node, lpu);
    if (!l) return NV_E_NO_DEVICE;
    if (nv_rd32(l->regs + LPU_ID) != LPU_ID_VALUE) {
        nv_log("lpu%u: no LPU at %#llx", lpu, (unsigned long long)l->regs);
        return NV_E_NO_DEVICE;
    }
    if (nv_rd32(l->regs + LPU_STATUS) & LPU_STATUS_DMC_RUNNING_MASK) return NV_E_INVALID;
    if (length > LPU_DMC_IMEM_SIZE) {
        nv_log("lpu%u: firmware image of %lu bytes exceeds IMEM", lpu, (unsigned long)length);
        return NV_E_BAD_IMAGE;
    }
    /* The device's DMA may reach host DRAM, and nothing else until the caller grants more. */
    nv_lpu_grant(node, lpu, 0, node->dram_base, node->dram_size,
                 LPU_DMA_WIN_CTRL_READ_MASK | LPU_DMA_WIN_CTRL_WRITE_MASK);
    nv_wr32(l->regs + LPU_INT_ENABLE, NV_LPU_INT_ALL);
    nv_irq_enable(node, l->irq);

    nv_copy_imem(l->regs + LPU_IMEM_OFFSET, image, length);
    nv_wr32(l->regs + LPU_FW_SIZE, (uint32_t)length);
    nv_wr32(l->regs + LPU_CONTROL, LPU_CONTROL_DMC_RUN_MASK);
    l->boot_status = nv_rd32(l->regs + LPU_BOOT_STATUS); /* the boot ROM checks synchronously */
    if (l->boot_status != LPU_BOOT_OK && l->boot_status != LPU_BOOT_UNCHECKED) {
        /* The refusal is also an interrupt: consume it. */
        const struct nv_wait_what what = {"lpu%llu: boot-error interrupt%.0llu", lpu, 0};
        nv_lpu_wait_event(node, l, LPU_INT_STATUS_BOOT_ERROR_MASK, what);
        return l->boot_status == LPU_BOOT_TAMPERED ? NV_E_TAMPERED : NV_E_BAD_IMAGE;
    }
    return nv_lpu_ready(node, l);
}

int nv_lpu_load_program(struct nv_node* node, unsigned lpu, uint64_t image, uint32_t length) {
    const uint32_t args[] = {(uint32_t)image, (uint32_t)(image >> 32), length};
    return nv_lpu_request(node, lpu, LPU_CMD_LOAD_PROGRAM, args, 3);
}

int nv_lpu_write_sram(struct nv_node* node, unsigned lpu, uint64_t src, uint32_t sram_offset,
                      uint32_t length) {
    const uint32_t args[] = {(uint32_t)src, (uint32_t)(src >> 32), sram_offset, length};
    return nv_lpu_request(node, lpu, LPU_CMD_WRITE_SRAM, args, 4);
}

int nv_lpu_read_sram(struct nv_node* node, unsigned lpu, uint64_t dst, uint32_t sram_offset,
                     uint32_t length) {
    const uint32_t args[] = {(uint32_t)dst, (uint32_t)(dst >> 32), sram_offset, length};
    return nv_lpu_request(node, lpu, LPU_CMD_READ_SRAM, args, 4);
}

/* RUN and RUN_IO: the answer goes to last_run. */
static int nv_lpu_run_request(struct nv_node* node, unsigned lpu, uint32_t command,
                              const uint32_t* args, unsigned n) {
    uint32_t rsp[LPU_RUN_ERR_CYCLE_HI + 1];
    const int r = nv_lpu_mailbox(node, lpu, command, args, n, rsp, LPU_RUN_ERR_CYCLE_HI + 1);
    if (r) return r;
    struct nv_lpu* l = &node->lpu[lpu];
    struct nv_lpu_run* run = &l->last_run;
    run->status = rsp[0];
    run->cycles = (uint64_t)rsp[LPU_RUN_CYCLES_HI] << 32 | rsp[LPU_RUN_CYCLES_LO];
    run->err_code = rsp[LPU_RUN_ERR_CODE];
    run->err_queue = rsp[LPU_RUN_ERR_QUEUE];
    run->err_pc = rsp[LPU_RUN_ERR_PC];
    run->err_opcode = rsp[LPU_RUN_ERR_OPCODE];
    run->err_cycle = (uint64_t)rsp[LPU_RUN_ERR_CYCLE_HI] << 32 | rsp[LPU_RUN_ERR_CYCLE_LO];
    if (rsp[0] == LPU_ST_OK || rsp[0] == LPU_ST_PROGRAM_ERROR) ++l->runs;
    return nv_lpu_status_error(rsp[0]);
}

int nv_lpu_run(struct nv_node* node, unsigned lpu) {
    if (!nv_lpu_get(node, lpu)) return NV_E_INVALID;
    return nv_lpu_run_request(node, lpu, LPU_CMD_RUN, 0, 0);
}

int nv_lpu_run_io(struct nv_node* node, unsigned lpu, uint64_t in, uint32_t in_offset,
                  uint32_t in_len, uint64_t out, uint32_t out_offset, uint32_t out_len) {
    if (!nv_lpu_get(node, lpu)) return NV_E_INVALID;
    const uint32_t args[LPU_RUN_IO_ARGS] = {
        (uint32_t)in,  (uint32_t)(in >> 32),  in_offset,  in_len,
        (uint32_t)out, (uint32_t)(out >> 32), out_offset, out_len};
    return nv_lpu_run_request(node, lpu, LPU_CMD_RUN_IO, args, LPU_RUN_IO_ARGS);
}

int nv_lpu_reset(struct nv_node* node, unsigned lpu) {
    struct nv_lpu* l = nv_lpu_get(node, lpu);
    if (!l) return NV_E_INVALID;
    const int r = nv_lpu_request(node, lpu, LPU_CMD_RESET, 0, 0);
    if (r == NV_OK) {
        ++l->resets;
        nv_lpu_collect(l);
        l->pending &= ~(LPU_INT_STATUS_DONE_MASK | LPU_INT_STATUS_ERROR_MASK);
    }
    return r;
}

int nv_lpu_status(struct nv_node* node, unsigned lpu, uint32_t words[9]) {
    const int r = nv_lpu_mailbox(node, lpu, LPU_CMD_STATUS, 0, 0, words, 9);
    return r ? r : nv_lpu_status_error(node->lpu[lpu].last_status);
}
