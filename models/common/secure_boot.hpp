// The firmware check of a device boot ROM (secure boot, docs/lpu/device.md "Secure boot"): before
// a management controller (LPU DMC, GPU GSP) leaves reset, the SHA-256 of its instruction memory
// [0, FW_SIZE) is compared with the digest provisioned in the node configuration.
//
// Not modelled: signatures or key hierarchies (the provisioned digest is the root of trust),
// rollback protection, the time the hash takes (the check is instantaneous).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "models/common/sha256.hpp"

namespace nodevp {

// Values of the devices' BOOT_STATUS registers (node.yaml BOOT_*; each device asserts they match).
enum class BootStatus : std::uint32_t {
    none = 0,
    ok = 1,
    tampered = 2,
    bad_size = 3,
    unchecked = 4
};

struct BootCheck {
    BootStatus status = BootStatus::none;
    Sha256Digest digest{};  // of IMEM[0, FW_SIZE); all zero when the size was refused
    std::string message;    // one line for the log, naming both digests on a mismatch

    // Whether the controller may leave reset.
    bool released() const { return status == BootStatus::ok || status == BootStatus::unchecked; }
};

// `imem` holds `imem_size` bytes; `fw_size` is what the host wrote to FW_SIZE. Without a
// provisioned digest nothing is checked (unchecked). FW_SIZE 0 or above imem_size is bad_size.
BootCheck check_boot_image(const std::uint8_t* imem, std::uint64_t imem_size, std::uint64_t fw_size,
                           const std::optional<Sha256Digest>& provisioned);

}  // namespace nodevp
