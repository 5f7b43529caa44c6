// String helpers of the assembler (internal).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace nodevp::lpu::text {

// A defect in one line; the assembler adds "<file>:<line>: ".
class LineError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

std::string_view trim(std::string_view s);
// Splits at commas (empty pieces are kept, so "a,,b" has an empty operand).
std::vector<std::string_view> split_commas(std::string_view s);
// Splits at runs of commas and white space (no empty pieces).
std::vector<std::string_view> split_words(std::string_view s);
bool is_identifier(std::string_view s);
std::string upper(std::string_view s);
std::string hex(std::uint64_t v, int digits);

}  // namespace nodevp::lpu::text
