/* State machine: a tokenizer over generated text (identifiers, decimal numbers, operators,
 * whitespace, '#' comments to end of line), counting tokens and folding number values. */
#include "sw/apps/iss-bench/bench.h"

#define FSM_TEXT_SIZE 1024

enum fsm_state { FSM_IDLE, FSM_IDENT, FSM_NUMBER, FSM_COMMENT };

static char fsm_text[FSM_TEXT_SIZE];
static const char fsm_alphabet[] = "abcxyz_0123456789  +-*/=#\n";

static int fsm_is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || c == '_';
}
static int fsm_is_digit(char c) {
    return c >= '0' && c <= '9';
}

uint32_t fsm_kernel(uint32_t seed) {
    for (int i = 0; i < FSM_TEXT_SIZE; ++i)
        fsm_text[i] = fsm_alphabet[bench_rand(&seed) % (sizeof fsm_alphabet - 1)];
    enum fsm_state state = FSM_IDLE;
    uint32_t idents = 0, numbers = 0, ops = 0, comments = 0, value = 0, sum = 0;
    for (int i = 0; i <= FSM_TEXT_SIZE; ++i) {
        char c = i < FSM_TEXT_SIZE ? fsm_text[i] : '\n';
        switch (state) {
            case FSM_IDENT:
                if (fsm_is_alpha(c) || fsm_is_digit(c)) continue;
                ++idents;
                break;
            case FSM_NUMBER:
                if (fsm_is_digit(c)) {
                    value = value * 10 + (uint32_t)(c - '0');
                    continue;
                }
                ++numbers;
                sum = bench_mix(sum, value);
                break;
            case FSM_COMMENT:
                if (c != '\n') continue;
                ++comments;
                break;
            case FSM_IDLE:
                break;
        }
        state = FSM_IDLE;
        if (fsm_is_alpha(c)) {
            state = FSM_IDENT;
        } else if (fsm_is_digit(c)) {
            state = FSM_NUMBER;
            value = (uint32_t)(c - '0');
        } else if (c == '#') {
            state = FSM_COMMENT;
        } else if (c != ' ' && c != '\n') {
            ++ops;
        }
    }
    sum = bench_mix(sum, idents);
    sum = bench_mix(sum, numbers);
    sum = bench_mix(sum, ops);
    return bench_mix(sum, comments);
}
