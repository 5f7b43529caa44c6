// The end-of-run report (SPEC section 7): simulated and wall time, instructions and MIPS of every
// hart (host harts and device controllers), device utilisation (GPU kernels and channels, LPU
// programs, DMA and mailbox), link bandwidth, cache and directory statistics, ECC events.
// docs/trace.md lists the fields. Wall time and MIPS are the only values that differ between two
// identical runs; they live in keys of their own (`wall_time_s`, `mips`).
#pragma once

#include <string>

#include "platform/node.hpp"

namespace nodevp::platform {

// The report as JSON (--stats). Throws ConfigError when the file cannot be written.
void write_stats(const std::string& path, const Node& node, double wall_s);

// The report in a dozen lines at info level on the "nodevp" logger (stderr or --log-file).
void print_report(const Node& node, double wall_s);

}  // namespace nodevp::platform
