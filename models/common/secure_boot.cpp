#include "models/common/secure_boot.hpp"

#include <fmt/format.h>

namespace nodevp {

BootCheck check_boot_image(const std::uint8_t* imem, std::uint64_t imem_size, std::uint64_t fw_size,
                           const std::optional<Sha256Digest>& provisioned) {
    BootCheck c;
    if (!provisioned) {
        c.status = BootStatus::unchecked;
        c.message = "firmware image not checked (no digest provisioned: secure boot off)";
        return c;
    }
    if (fw_size == 0 || fw_size > imem_size) {
        c.status = BootStatus::bad_size;
        c.message =
            fmt::format("firmware size {} (FW_SIZE) is not in 1..{}: refused", fw_size, imem_size);
        return c;
    }
    c.digest = Sha256::of(imem, fw_size);
    if (c.digest != *provisioned) {
        c.status = BootStatus::tampered;
        c.message = fmt::format(
            "firmware image digest {} does not match the provisioned digest {}: refused",
            to_hex(c.digest), to_hex(*provisioned));
        return c;
    }
    c.status = BootStatus::ok;
    c.message =
        fmt::format("firmware image of {} bytes verified (SHA-256 {})", fw_size, to_hex(c.digest));
    return c;
}

}  // namespace nodevp
