// SHA-256 (FIPS 180-4), for the device boot ROMs' firmware digest check (secure boot,
// docs/lpu/device.md). A small self-contained implementation: incremental update, no hardware
// acceleration, not hardened against side channels (none matter in a simulator).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nodevp {

using Sha256Digest = std::array<std::uint8_t, 32>;

class Sha256 {
  public:
    Sha256();
    void update(const void* data, std::size_t length);
    // The digest of everything passed to update(); the object must not be updated afterwards.
    Sha256Digest finish();

    static Sha256Digest of(const void* data, std::size_t length);

  private:
    void compress(const std::uint8_t* block);

    std::array<std::uint32_t, 8> state_;
    std::array<std::uint8_t, 64> block_{};
    std::size_t used_ = 0;     // bytes in block_
    std::uint64_t total_ = 0;  // bytes hashed so far
};

// 64 lowercase hex digits.
std::string to_hex(const Sha256Digest& digest);
// Parses exactly 64 hex digits (either case); nullopt on anything else.
std::optional<Sha256Digest> parse_sha256(std::string_view hex);

}  // namespace nodevp
