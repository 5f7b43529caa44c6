// Logging for every nodevp component.
//
// Each SystemC module owns a named spdlog logger whose name is its hierarchical name. Every line
// carries the simulated time (sc_time_stamp, in microseconds with picosecond digits) and never
// the wall-clock time, so logs of two runs with the same inputs are byte-identical. Levels are set
// at run time from specs such as "uart0=debug,host.hart0=trace" or just "debug".
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <spdlog/spdlog.h>

namespace nodevp::log {

using Logger = std::shared_ptr<spdlog::logger>;

// The logger called `name` (usually sc_object::name()); created on first use, with the level
// that the current level spec gives to that name.
Logger get(std::string_view name);

// Applies a level spec: comma-separated "component=level" pairs, or a bare level for all.
// A component matches a logger whose name, or whose name without its first (top-module)
// component, equals it or starts with it followed by a dot. Throws std::invalid_argument on an
// unknown level name.
void set_levels(std::string_view spec);

// Sends every logger's output to `path` instead of stderr (empty: back to stderr).
void set_output_file(const std::string& path);

// The simulated time as printed in log lines, e.g. "12.345678 us".
std::string sim_time_string();

}  // namespace nodevp::log
