#include "platform/gdb/rsp_codec.hpp"

#include <fmt/format.h>

namespace nodevp::gdb {

namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

constexpr char kDigits[] = "0123456789abcdef";

}  // namespace

std::uint8_t checksum(std::string_view payload) {
    unsigned sum = 0;
    for (char c : payload) sum += static_cast<unsigned char>(c);
    return static_cast<std::uint8_t>(sum & 0xff);
}

std::string frame(std::string_view payload) {
    return fmt::format("${}#{:02x}", payload, checksum(payload));
}

std::string escape_binary(std::string_view data) {
    std::string out;
    out.reserve(data.size());
    for (char c : data) {
        if (c == '#' || c == '$' || c == '}' || c == '*') {
            out += '}';
            out += static_cast<char>(c ^ 0x20);
        } else {
            out += c;
        }
    }
    return out;
}

std::optional<std::string> unescape_binary(std::string_view data) {
    std::string out;
    out.reserve(data.size());
    for (std::size_t i = 0; i < data.size(); ++i) {
        if (data[i] != '}') {
            out += data[i];
            continue;
        }
        if (++i == data.size()) return std::nullopt;
        out += static_cast<char>(data[i] ^ 0x20);
    }
    return out;
}

std::string to_hex(const void* data, std::size_t length) {
    const auto* p = static_cast<const unsigned char*>(data);
    std::string out;
    out.reserve(2 * length);
    for (std::size_t i = 0; i < length; ++i) {
        out += kDigits[p[i] >> 4];
        out += kDigits[p[i] & 15];
    }
    return out;
}

std::string to_hex(std::string_view text) {
    return to_hex(text.data(), text.size());
}

std::optional<std::vector<std::uint8_t>> from_hex(std::string_view hex) {
    if (hex.size() % 2) return std::nullopt;
    std::vector<std::uint8_t> out(hex.size() / 2);
    for (std::size_t i = 0; i < out.size(); ++i) {
        const int hi = hex_digit(hex[2 * i]), lo = hex_digit(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out[i] = static_cast<std::uint8_t>(hi << 4 | lo);
    }
    return out;
}

std::optional<std::uint64_t> parse_hex(std::string_view text) {
    if (text.empty() || text.size() > 16) return std::nullopt;
    std::uint64_t v = 0;
    for (char c : text) {
        const int d = hex_digit(c);
        if (d < 0) return std::nullopt;
        v = v << 4 | static_cast<unsigned>(d);
    }
    return v;
}

std::string le_hex(std::uint64_t value, unsigned bytes) {
    std::string out;
    for (unsigned i = 0; i < bytes; ++i) {
        const auto b = static_cast<unsigned>((value >> (8 * i)) & 0xff);
        out += kDigits[b >> 4];
        out += kDigits[b & 15];
    }
    return out;
}

std::optional<std::uint64_t> parse_le_hex(std::string_view hex, unsigned bytes) {
    if (bytes > 8 || hex.size() != 2 * bytes) return std::nullopt;
    const auto raw = from_hex(hex);
    if (!raw) return std::nullopt;
    std::uint64_t v = 0;
    for (unsigned i = 0; i < bytes; ++i) v |= std::uint64_t{(*raw)[i]} << (8 * i);
    return v;
}

PacketReader::Event PacketReader::feed(char c) {
    switch (state_) {
        case State::idle:
            if (c == '$') {
                data_.clear();
                state_ = State::data;
            }
            if (c == '+') return Event::ack;
            if (c == '-') return Event::nack;
            if (c == '\x03') return Event::interrupt;
            return Event::none;  // noise between packets is ignored
        case State::data:
            if (c == '#')
                state_ = State::check1;
            else if (c == '$')
                data_.clear();  // a new packet starts: the unfinished one is dropped
            else
                data_ += c;
            return Event::none;
        case State::check1:
            check_hi_ = hex_digit(c);
            state_ = State::check2;
            return Event::none;
        case State::check2: {
            state_ = State::idle;
            const int lo = hex_digit(c);
            if (check_hi_ < 0 || lo < 0 || (check_hi_ << 4 | lo) != checksum(data_))
                return Event::bad_checksum;
            payload_ = data_;
            return Event::packet;
        }
    }
    return Event::none;
}

}  // namespace nodevp::gdb
