// The configuration files under platform/configs/, compiled in so `nodevp` runs anywhere.
#pragma once

#include <string_view>
#include <vector>

namespace nodevp::platform {

struct EmbeddedConfig {
    std::string_view name;  // file name without .yaml
    std::string_view text;
};

const std::vector<EmbeddedConfig>& embedded_configs();

}  // namespace nodevp::platform
