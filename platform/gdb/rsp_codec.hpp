// GDB remote serial protocol: framing, checksums, escaping and hex, with no I/O and no state
// beyond PacketReader's (unit-tested in tests/gdb/rsp_codec_test.cpp).
//
// A packet is `$payload#cc` with cc the modulo-256 sum of the payload bytes in two lower-case
// hex digits. Binary data (X packets, qXfer replies) escapes `#`, `$`, `}` and `*` as `}` then
// the byte XOR 0x20. Run-length encoding is never sent by us and not expected from gdb.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nodevp::gdb {

std::uint8_t checksum(std::string_view payload);
// `$payload#cc`; the payload is taken as is (escape binary data first).
std::string frame(std::string_view payload);
std::string escape_binary(std::string_view data);
// Undoes escape_binary; nullopt when the data ends inside an escape.
std::optional<std::string> unescape_binary(std::string_view data);

std::string to_hex(const void* data, std::size_t length);
std::string to_hex(std::string_view text);
// Two hex digits per byte; nullopt on an odd length or a non-hex digit.
std::optional<std::vector<std::uint8_t>> from_hex(std::string_view hex);
// A hex number (1..16 digits, no prefix); nullopt otherwise.
std::optional<std::uint64_t> parse_hex(std::string_view text);
// A register value as gdb sends it: `bytes` bytes, little-endian target order.
std::string le_hex(std::uint64_t value, unsigned bytes);
std::optional<std::uint64_t> parse_le_hex(std::string_view hex, unsigned bytes);

// Splits a byte stream from gdb into events. Feed bytes one at a time.
class PacketReader {
  public:
    enum class Event { none, packet, bad_checksum, ack, nack, interrupt };
    // Returns the event completed by this byte; for Event::packet, payload() holds it.
    Event feed(char c);
    const std::string& payload() const { return payload_; }

  private:
    enum class State { idle, data, check1, check2 };
    State state_ = State::idle;
    std::string data_, payload_;
    int check_hi_ = 0;
};

}  // namespace nodevp::gdb
