/* The hybrid-inference demo's contract with the platform (docs/demo/running.md).
 *
 * Input: the platform writes the run's parameters into the DTB's /chosen node:
 *   nodevp,demo-prompt  string   the prompt (its bytes are the prompt's tokens)
 *   nodevp,demo-tokens  u32      tokens to generate
 * An app finding neither uses NODEVP_DEMO_DEFAULT_PROMPT and NODEVP_DEMO_DEFAULT_TOKENS.
 *
 * Output: the app fills the global `nodevp_demo_result` (this symbol name, in its ELF) as it
 * generates; after the run the platform reads it through the debug port and compares the tokens
 * with its host-native reference (sw/reference), so the guest never sees the expected answer. */
#ifndef NODEVP_DEMO_ABI_H
#define NODEVP_DEMO_ABI_H

#include <stdint.h>

#define NODEVP_DEMO_DEFAULT_PROMPT "Hello, nodevp!"
#define NODEVP_DEMO_DEFAULT_TOKENS 32u
#define NODEVP_DEMO_MAX_SEQ 256u
#define NODEVP_DEMO_MAGIC 0x4f4d4544u /* "DEMO" */
#define NODEVP_DEMO_RESULT_SYMBOL "nodevp_demo_result"

enum nodevp_demo_state {
    NODEVP_DEMO_NOT_RUN = 0, /* the app never started generating */
    NODEVP_DEMO_RUNNING = 1, /* started, did not finish (fault, time-out, device error) */
    NODEVP_DEMO_DONE = 2,    /* every requested token generated */
    NODEVP_DEMO_FAILED = 3,  /* the app gave up (device error it could not recover from) */
};

struct nodevp_demo_result {
    uint32_t magic;       /* NODEVP_DEMO_MAGIC once the app has started */
    uint32_t state;       /* nodevp_demo_state */
    uint32_t prompt_len;  /* bytes of the prompt the app used */
    uint32_t requested;   /* tokens it was asked for */
    uint32_t generated;   /* tokens[0 .. generated) are valid */
    uint32_t lpu_retries; /* LPU runs retried after a device reset */
    uint8_t prompt[NODEVP_DEMO_MAX_SEQ];
    uint16_t tokens[NODEVP_DEMO_MAX_SEQ];
    uint64_t
        token_ns[NODEVP_DEMO_MAX_SEQ]; /* simulated ns from the previous token (prefill for 0) */
};

#endif /* NODEVP_DEMO_ABI_H */
