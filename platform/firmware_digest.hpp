// The firmware digests provisioned in the node configuration for secure boot
// (lpu.firmware_sha256, gpu.firmware_sha256; docs/configuration.md "Secure boot").
#pragma once

#include <optional>
#include <string>

#include "models/common/log.hpp"
#include "models/common/sha256.hpp"
#include "platform/config/config.hpp"

namespace nodevp::platform {

enum class FirmwareKind { lpu_dmc, gpu_gsp };

// The digest the device's boot ROM must see, from `key`'s value: 64 hex digits; `auto` (the
// digest of the image this nodevp was built with); `off` (none: nothing is checked, and a
// warning says so on `log`; `auto` without a guest build does the same). Throws ConfigError
// naming the key on anything else.
std::optional<Sha256Digest> provisioned_firmware_digest(const Config& config,
                                                        const std::string& key, FirmwareKind kind,
                                                        const log::Logger& log);

// The digest of the firmware image this nodevp was built with, or nullopt (no guest build).
std::optional<Sha256Digest> built_firmware_digest(FirmwareKind kind);

}  // namespace nodevp::platform
