// Little-endian writer and bounds-checked reader for program images (internal to the library).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/lpu/image/image.hpp"

namespace nodevp::lpu::detail {

class ByteWriter {
  public:
    void u16(std::uint32_t v) { put(v, 2); }
    void u32(std::uint32_t v) { put(v, 4); }
    void u64(std::uint64_t v) { put(v, 8); }
    void bytes(const std::uint8_t* p, std::size_t n) { out_.insert(out_.end(), p, p + n); }
    void name(const std::string& s);  // u16 length + bytes
    std::vector<std::uint8_t>& data() { return out_; }

  private:
    void put(std::uint64_t v, unsigned n) {
        for (unsigned i = 0; i < n; ++i) out_.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    }
    std::vector<std::uint8_t> out_;
};

// Reads from [0, end) of `bytes`; any read past `end` throws ImageError "<name>: offset <o>:
// truncated: <what> needs <n> bytes, <m> remain".
class ByteReader {
  public:
    ByteReader(const std::vector<std::uint8_t>& bytes, std::size_t end, const std::string& name)
        : bytes_(bytes), end_(end), name_(name) {}
    std::uint32_t u16(const char* what) { return static_cast<std::uint32_t>(get(2, what)); }
    std::uint32_t u32(const char* what) { return static_cast<std::uint32_t>(get(4, what)); }
    std::uint64_t u64(const char* what) { return get(8, what); }
    std::string name(const char* what);
    // Reserves `count` items of `size` bytes each: throws if they cannot fit in what remains.
    void need(std::uint64_t count, std::uint64_t size, const char* what) const;
    const std::uint8_t* take(std::size_t n, const char* what);
    std::size_t offset() const { return pos_; }
    std::size_t remaining() const { return end_ - pos_; }
    [[noreturn]] void fail(std::size_t at, const std::string& what) const;

  private:
    std::uint64_t get(unsigned n, const char* what);
    const std::vector<std::uint8_t>& bytes_;
    std::size_t end_;
    std::size_t pos_ = 0;
    const std::string& name_;
};

}  // namespace nodevp::lpu::detail
