#include "platform/demo_check.hpp"

#include <cstring>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

#include "models/cpu/hart.hpp"
#include "sw/include/nodevp/demo_abi.h"
#include "sw/reference/model.hpp"

namespace nodevp::platform {

DemoParams demo_params(const Config& config) {
    DemoParams d;
    d.prompt = config.string("demo.prompt");
    const std::uint64_t tokens = config.integer("demo.tokens");
    if (d.prompt.empty()) throw ConfigError("demo.prompt: the prompt must not be empty");
    if (d.prompt.size() > NODEVP_DEMO_MAX_SEQ)
        throw ConfigError(
            fmt::format("demo.prompt: {} bytes, at most {}", d.prompt.size(), NODEVP_DEMO_MAX_SEQ));
    if (tokens < 1 || d.prompt.size() + tokens - 1 > NODEVP_DEMO_MAX_SEQ)
        throw ConfigError(fmt::format(
            "demo.tokens: {} tokens after a prompt of {} bytes; the model holds {} positions, so "
            "1 <= tokens <= {}",
            tokens, d.prompt.size(), NODEVP_DEMO_MAX_SEQ,
            NODEVP_DEMO_MAX_SEQ + 1 - d.prompt.size()));
    d.tokens = static_cast<unsigned>(tokens);
    return d;
}

void add_demo_chosen(const DemoParams& demo, boot::DtbParams& dtb) {
    dtb.chosen_strings.emplace_back("nodevp,demo-prompt", demo.prompt);
    dtb.chosen_u32.emplace_back("nodevp,demo-tokens", demo.tokens);
}

std::optional<DemoVerdict> check_demo(const boot::ElfImage& image, cpu::Hart& hart,
                                      const DemoParams& demo) {
    const std::optional<std::uint64_t> addr = image.symbol(NODEVP_DEMO_RESULT_SYMBOL);
    if (!addr) return std::nullopt;
    nodevp_demo_result r{};
    DemoVerdict v;
    if (hart.debug_memory(false, *addr, &r, sizeof r) != sizeof r) {
        v.message = fmt::format("cannot read {} at {:#x}", NODEVP_DEMO_RESULT_SYMBOL, *addr);
        return v;
    }
    if (r.magic != NODEVP_DEMO_MAGIC) {
        v.message = "the demo never started generating";
        return v;
    }
    v.generated = std::min<unsigned>(r.generated, NODEVP_DEMO_MAX_SEQ);
    v.retries = r.lpu_retries;
    v.complete = r.state == NODEVP_DEMO_DONE && r.generated == r.requested;
    const std::string prompt(reinterpret_cast<const char*>(r.prompt),
                             std::min<std::size_t>(r.prompt_len, NODEVP_DEMO_MAX_SEQ));
    if (prompt != demo.prompt || r.requested != demo.tokens) {
        v.message = fmt::format(
            "the demo ran {} tokens after a {}-byte prompt, not the configured {} after {} bytes",
            r.requested, prompt.size(), demo.tokens, demo.prompt.size());
        return v;
    }
    namespace ref = demo::ref;
    const ref::Weights weights = ref::make_weights();
    const ref::Generation want = ref::generate(weights, demo.prompt, demo.tokens);
    for (unsigned i = 0; i < v.generated; ++i) {
        if (static_cast<std::int32_t>(r.tokens[i]) != want.tokens[i]) {
            v.message = fmt::format(
                "token {} is {}, the host reference (sw/reference) generates {}: {} of {} "
                "tokens match",
                i, r.tokens[i], want.tokens[i], i, demo.tokens);
            return v;
        }
    }
    v.match = true;
    if (v.complete)
        v.message = fmt::format("all {} generated tokens match the host reference (sw/reference)",
                                v.generated);
    else
        v.message =
            fmt::format("the demo stopped after {} of {} tokens (they match the host reference)",
                        v.generated, demo.tokens);
    return v;
}

}  // namespace nodevp::platform
