/* HBM initialisation: HBM_CTRL.INIT starts the (modelled) training sequence; the device raises
 * GSP_INT_STATUS.HBM when STATUS.HBM_READY is set. Then 64 words spread over the GSP's HBM
 * window get an address-dependent pattern, are read back and are zeroed again. */
#include "firmware/gpu/gsp.h"
#include "sw/include/nodevp/gpu_abi.h"

#define GSP_HBM_PROBES 64u

uint32_t gsp_hbm_init(void) {
    gsp_reg_write(GPU_HBM_CTRL, GPU_HBM_CTRL_INIT_MASK);
    gsp_wait(GPU_GSP_INT_STATUS_HBM_MASK);
    if (!(gsp_reg_read(GPU_STATUS) & GPU_STATUS_HBM_READY_MASK)) return GPU_HBM_NOT_READY;

    uint32_t window = GPU_GSP_HBM_SIZE;
    if (gsp_reg_read(GPU_HBM_SIZE + 4) == 0 && gsp_reg_read(GPU_HBM_SIZE) < window)
        window = gsp_reg_read(GPU_HBM_SIZE);
    const uint32_t stride = (window / GSP_HBM_PROBES) & ~3u;
    for (uint32_t i = 0; i < GSP_HBM_PROBES; ++i)
        *gsp_hbm_word(i * stride) = 0x9e3779b9u * (i + 1) ^ i * stride;
    uint32_t result = GPU_HBM_OK;
    for (uint32_t i = 0; i < GSP_HBM_PROBES; ++i)
        if (*gsp_hbm_word(i * stride) != (0x9e3779b9u * (i + 1) ^ i * stride))
            result = GPU_HBM_PATTERN;
    for (uint32_t i = 0; i < GSP_HBM_PROBES; ++i) *gsp_hbm_word(i * stride) = 0;
    return result;
}
