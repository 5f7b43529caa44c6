// Debugger state of one hart (RvHart<X>::dbg_, debug.cpp): breakpoints, watchpoints, the run
// mode the debugger set and a stop waiting to be reported.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <systemc>

#include "models/cpu/hart.hpp"

namespace nodevp::cpu {

// Thrown by the breakpoint handler and by a watched access to end the batch: the instruction has
// changed no state (the semantic-function contract), so it runs again once the hart resumes.
struct DebugBreak {};

struct Watchpoint {
    std::uint64_t addr;
    std::uint64_t length;
    WatchKind kind;
    bool overlaps(std::uint64_t a, std::uint64_t len) const {
        return a < addr + length && addr < a + len;
    }
};

struct HartDebug {
    std::vector<std::uint64_t> breakpoints;  // sorted, no duplicates
    std::vector<Watchpoint> watchpoints;     // in insertion order (the first match is reported)
    DebugRun mode = DebugRun::run;
    bool step_started = false;         // in step mode: the one-instruction batch has been entered
    std::optional<DebugStop> pending;  // a stop not yet reported to the debug handler
    sc_core::sc_event resume;          // notified when a frozen hart may go on
};

}  // namespace nodevp::cpu
