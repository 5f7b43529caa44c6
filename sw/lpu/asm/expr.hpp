// Integer expressions of the assembler: decimal, 0x hex and 0b binary literals, names, unary
// minus, + - * and parentheses, evaluated in 64-bit signed arithmetic (internal).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace nodevp::lpu::text {

using Lookup = std::function<std::optional<std::int64_t>(const std::string& name)>;

// Throws LineError on a syntax error, an undefined name or overflow.
std::int64_t eval(std::string_view expr, const Lookup& lookup);

// eval() and a range check; `what` names the operand in the message.
std::int64_t eval_in(std::string_view expr, const Lookup& lookup, const char* what, std::int64_t lo,
                     std::int64_t hi);

}  // namespace nodevp::lpu::text
