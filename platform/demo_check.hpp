// The hybrid demo's parameters and its end-of-run check (docs/demo/running.md).
//
// Before the run, the `demo.*` configuration becomes /chosen properties of the DTB
// (sw/include/nodevp/demo_abi.h). After the run, if the guest image defines the demo's result
// symbol, the platform reads the result through the debug port and compares the generated tokens
// with the host-native reference (sw/reference), which the guest never sees.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "platform/boot/dtb.hpp"
#include "platform/boot/elf.hpp"
#include "platform/config/config.hpp"

namespace nodevp::cpu {
class Hart;
}

namespace nodevp::platform {

// demo.prompt / demo.tokens, validated (ConfigError names the key).
struct DemoParams {
    std::string prompt;
    unsigned tokens = 0;
};
DemoParams demo_params(const Config& config);
void add_demo_chosen(const DemoParams& demo, boot::DtbParams& dtb);

struct DemoVerdict {
    bool complete = false;  // the app generated every requested token
    bool match = false;     // every generated token equals the reference's
    unsigned generated = 0;
    unsigned retries = 0;  // LPU runs the app retried after a device reset
    std::string message;   // one line for the user
};

// The verdict, or nothing when `image` is not the demo (no result symbol).
std::optional<DemoVerdict> check_demo(const boot::ElfImage& image, cpu::Hart& hart,
                                      const DemoParams& demo);

}  // namespace nodevp::platform
