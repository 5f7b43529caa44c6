// Builds one `.data` section's SRAM contents from value directives (internal).
//
// A value directive of a type of B bytes fills *vector groups* of B consecutive vectors, the
// layout the streams use: element i of a group has its byte j in vector (group + j), lane i.
// Values fill elements 0, 1, … of a group, then the next group. A directive starts a new group
// at the next vector boundary unless it repeats the directive of the line before (so long lists
// may span lines). Unfilled elements are zero.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sw/lpu/asm/expr.hpp"

namespace nodevp::lpu::text {

class DataBuilder {
  public:
    explicit DataBuilder(std::uint32_t vector_bytes) : vl_(vector_bytes) {}

    // True if `directive` (".i8", ".f32", …) is a value directive.
    static bool is_value_directive(std::string_view directive);
    // Adds the values of one directive line; throws LineError on a bad value.
    void add(std::string_view directive, std::string_view values, const Lookup& lookup);
    // `.zero n`: n vectors of zeros, starting at the next vector boundary.
    void zero(std::uint64_t vectors);
    // Ends the current group: the next directive starts at a vector boundary.
    void close() { open_.clear(); }
    std::uint32_t vectors() const { return static_cast<std::uint32_t>(bytes_.size() / vl_); }
    std::vector<std::uint8_t>& bytes() { return bytes_; }

  private:
    void put(std::uint64_t bits, unsigned width);
    std::uint32_t vl_;
    std::vector<std::uint8_t> bytes_;
    std::string open_;           // directive of the open group, empty if none
    std::size_t group_ = 0;      // byte offset of the open group
    std::uint32_t element_ = 0;  // next element in it
};

// Round to nearest-even conversions of binary32 to binary16 and bfloat16 (NaN stays NaN).
std::uint16_t float_to_f16(float f);
std::uint16_t float_to_bf16(float f);

}  // namespace nodevp::lpu::text
