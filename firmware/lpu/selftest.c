/* Boot self-test: SRAM write/read through the DMC's aperture path and an ECC check.
 * Uses SRAM bytes [0, LPU_SELFTEST_BYTES) and leaves them zero. Steps (the failed one is the
 * result): 1 pattern read back wrong; 2 an injected single-bit flip was not corrected (wrong
 * data); 3 the correction was not counted in ECC_CORRECTED; 4 the scrubbed area reads back wrong.
 */
#include "firmware/lpu/dmc.h"

#define LPU_SELFTEST_BYTES 1024u
#define LPU_SELFTEST_FLIP_WORD 1u /* 16-byte SRAM word with the injected flip */
#define LPU_SELFTEST_FLIP_BIT 5u

static uint32_t selftest_pattern(uint32_t i) {
    return 0xa5a50f0fu ^ (i * 0x01010101u);
}

static int selftest_check(uint32_t (*expect)(uint32_t)) {
    for (uint32_t i = 0; i < LPU_SELFTEST_BYTES / 4; ++i)
        if (*dmc_sram_word(4 * i) != expect(i)) return -1;
    return 0;
}

static uint32_t selftest_zero(uint32_t i) {
    (void)i;
    return 0;
}

uint32_t dmc_selftest(uint32_t* corrected) {
    const uint32_t before = dmc_reg_read(LPU_ECC_CORRECTED);
    for (uint32_t i = 0; i < LPU_SELFTEST_BYTES / 4; ++i)
        *dmc_sram_word(4 * i) = selftest_pattern(i);
    if (selftest_check(selftest_pattern)) return 1;

    dmc_reg_write(LPU_FAULT_WORD, LPU_SELFTEST_FLIP_WORD);
    dmc_reg_write(LPU_FAULT_INJECT, LPU_SELFTEST_FLIP_BIT | LPU_FAULT_INJECT_GO_MASK);
    if (selftest_check(selftest_pattern)) return 2;
    *corrected = dmc_reg_read(LPU_ECC_CORRECTED) - before;
    if (*corrected == 0) return 3;

    /* Scrub: rewriting every word stores fresh check bits; then clear the area. */
    for (uint32_t i = 0; i < LPU_SELFTEST_BYTES / 4; ++i) *dmc_sram_word(4 * i) = 0;
    if (selftest_check(selftest_zero)) return 4;
    return 0;
}
