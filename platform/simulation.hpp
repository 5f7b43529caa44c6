// One run of the node: resolve the configuration, load the guest, simulate, report.
// The CLI (platform/app) fills RunOptions; tests may call run() directly.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace nodevp::platform {

struct RunOptions {
    std::string config = "default";       // embedded name or YAML file
    std::vector<std::string> sets;        // "key=value" overrides, in order
    std::optional<std::string> image;     // guest ELF; default: the shipped hello firmware
    std::optional<std::string> max_time;  // overrides sim.max_time
    std::optional<std::string> quantum;   // overrides sim.quantum
    std::optional<std::string> seed;      // overrides sim.seed
    std::optional<std::string> fidelity;  // overrides fabric.fidelity
    std::optional<std::string> boot;      // overrides boot.mode (bare, uboot, sbi)
    std::vector<std::string> log_levels;  // "component=level" or "level"
    std::string log_file;
    std::string stats_file;     // JSON end-of-run report
    std::string trace_file;     // Chrome trace-event JSON timeline (docs/trace.md); empty: none
    std::string vcd_file;       // VCD of the LPU's RTL units (lpu.*.impl = rtl); empty: none
    bool print_config = false;  // print the resolved config and exit

    // --gdb: wait for a debugger on 127.0.0.1:port (0: any free port); --gdb-target: the cores
    // it debugs (host, lpu<N>.dmc or gpu.gsp). See docs/debugging.md.
    std::optional<unsigned> gdb_port;
    std::string gdb_target = "host";
};

// Runs the node and returns the process exit code (see ExitCode in node.hpp). Never throws:
// every error becomes a one-line message on stderr and its exit code.
int run(const RunOptions& options);

}  // namespace nodevp::platform
