/* A guest that claims to be the hybrid demo without computing anything: it publishes
 * `nodevp_demo_result` (sw/include/nodevp/demo_abi.h) for the configured prompt with made-up
 * tokens, then exits 0. nodevp's end-of-run check must catch it against the host reference:
 *   DEMO_LIAR_WRONG: every token 0 (the reference's first token is not 0 for the default prompt);
 *   DEMO_LIAR_EARLY: the run "stopped" before its first token. */
#include <string.h>

#include "sw/include/nodevp/demo_abi.h"

struct nodevp_demo_result nodevp_demo_result;

int main(void) {
    static const char prompt[] = NODEVP_DEMO_DEFAULT_PROMPT;
    struct nodevp_demo_result* r = &nodevp_demo_result;
    r->magic = NODEVP_DEMO_MAGIC;
    r->prompt_len = sizeof prompt - 1;
    memcpy(r->prompt, prompt, sizeof prompt - 1);
    r->requested = NODEVP_DEMO_DEFAULT_TOKENS;
#if defined(DEMO_LIAR_WRONG)
    r->generated = r->requested; /* tokens[] stays all 0 */
    r->state = NODEVP_DEMO_DONE;
#else
    r->generated = 0;
    r->state = NODEVP_DEMO_RUNNING;
#endif
    return 0;
}
