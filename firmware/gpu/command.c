/* Mailbox requests (sw/include/nodevp/gpu_abi.h, GPU_CMD_*) and the channel error log. */
#include "firmware/gpu/gsp.h"
#include "sw/include/nodevp/gpu_abi.h"

/* Error log: the last GSP_LOG_SIZE channel errors, read oldest first by GPU_CMD_ERROR_LOG. */
#define GSP_LOG_SIZE 16u

struct gsp_error_record {
    uint32_t channel;
    uint32_t code;
    uint32_t info_lo;
    uint32_t info_hi;
};

static struct gsp_error_record gsp_log[GSP_LOG_SIZE];
static uint32_t gsp_log_head, gsp_log_count;

static uint32_t req(unsigned word) {
    return gsp_reg_read(GPU_MBOX_REQ(word));
}
static void rsp(unsigned word, uint32_t value) {
    gsp_reg_write(GPU_MBOX_RSP(word), value);
}

void gsp_collect_errors(void) {
    uint32_t stopped = gsp_reg_read(GPU_CHAN_ERR_GSP);
    gsp_reg_write(GPU_CHAN_ERR_GSP, stopped);
    for (uint32_t c = 0; c < GPU_CHANNELS_MAX; ++c) {
        if (!(stopped & (1u << c))) continue;
        struct gsp_error_record* r = &gsp_log[(gsp_log_head + gsp_log_count) % GSP_LOG_SIZE];
        if (gsp_log_count == GSP_LOG_SIZE)
            gsp_log_head = (gsp_log_head + 1) % GSP_LOG_SIZE; /* full: the oldest goes */
        else
            gsp_log_count++;
        r->channel = c;
        r->code = gsp_reg_read(GPU_CH_ERR_CODE(c));
        r->info_lo = gsp_reg_read(GPU_CH_ERR_INFO(c));
        r->info_hi = gsp_reg_read(GPU_CH_ERR_INFO(c) + 4);
        gsp_counters.channel_errors++;
    }
}

static uint32_t cmd_query(void) {
    rsp(1, gsp_reg_read(GPU_ID));
    rsp(2, gsp_reg_read(GPU_HBM_SIZE));
    rsp(3, gsp_reg_read(GPU_HBM_SIZE + 4));
    rsp(4, gsp_reg_read(GPU_CHANNELS));
    rsp(5, gsp_reg_read(GPU_SMS));
    rsp(6, GPU_FW_VERSION);
    return GPU_ST_OK;
}

static uint32_t cmd_create(void) {
    const uint32_t c = req(1);
    if (c >= gsp_reg_read(GPU_CHANNELS)) return GPU_ST_BAD_CHANNEL;
    if (gsp_reg_read(GPU_CH_STATUS(c)) & GPU_CH_STATUS_ENABLED_MASK) return GPU_ST_BUSY;
    const uint32_t ring_lo = req(2), ring_hi = req(3), entries = req(4);
    const uint32_t notifier_lo = req(5), notifier_hi = req(6);
    if ((ring_lo & 15u) || entries == 0 || entries > GPU_RING_MAX || (notifier_lo & 7u))
        return GPU_ST_BAD_ARGUMENT;
    gsp_reg_write(GPU_CH_RING_BASE(c), ring_lo);
    gsp_reg_write(GPU_CH_RING_BASE(c) + 4, ring_hi);
    gsp_reg_write(GPU_CH_RING_SIZE(c), entries);
    gsp_reg_write(GPU_CH_NOTIFIER(c), notifier_lo);
    gsp_reg_write(GPU_CH_NOTIFIER(c) + 4, notifier_hi);
    gsp_reg_write(GPU_CH_CONTROL(c), GPU_CH_CONTROL_ENABLE_MASK);
    return GPU_ST_OK;
}

static uint32_t cmd_destroy(void) {
    const uint32_t c = req(1);
    if (c >= gsp_reg_read(GPU_CHANNELS)) return GPU_ST_BAD_CHANNEL;
    gsp_reg_write(GPU_CH_CONTROL(c), GPU_CH_CONTROL_DISABLE_MASK);
    return GPU_ST_OK;
}

static uint32_t cmd_error_log(void) {
    if (gsp_log_count == 0) return GPU_ST_EMPTY;
    const struct gsp_error_record* r = &gsp_log[gsp_log_head];
    rsp(1, r->channel);
    rsp(2, r->code);
    rsp(3, r->info_lo);
    rsp(4, r->info_hi);
    gsp_log_head = (gsp_log_head + 1) % GSP_LOG_SIZE;
    gsp_log_count--;
    rsp(5, gsp_log_count);
    return GPU_ST_OK;
}

static uint32_t cmd_status(void) {
    uint32_t enabled = 0;
    for (uint32_t c = 0; c < gsp_reg_read(GPU_CHANNELS); ++c)
        if (gsp_reg_read(GPU_CH_STATUS(c)) & GPU_CH_STATUS_ENABLED_MASK) enabled |= 1u << c;
    rsp(1, gsp_counters.requests);
    rsp(2, gsp_counters.failed);
    rsp(3, gsp_counters.channel_errors);
    rsp(4, enabled);
    rsp(5, gsp_counters.hbm_result);
    return GPU_ST_OK;
}

uint32_t gsp_command(void) {
    switch (req(0)) {
        case GPU_CMD_QUERY:
            return cmd_query();
        case GPU_CMD_CREATE_CHANNEL:
            return cmd_create();
        case GPU_CMD_DESTROY_CHANNEL:
            return cmd_destroy();
        case GPU_CMD_ERROR_LOG:
            return cmd_error_log();
        case GPU_CMD_STATUS:
            return cmd_status();
        default:
            return GPU_ST_BAD_COMMAND;
    }
}
