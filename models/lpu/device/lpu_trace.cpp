// The LPU on the timeline (models/common/trace.hpp) and its activity counts for the end-of-run
// report: a "program" track with each run from START to its end, a "dma" track with each DMA
// transfer, a "mailbox" track with each host request to the DMC, and the DMC hart's track.
#include <fmt/format.h>

#include "gen/regs.hpp"
#include "models/lpu/device/lpu_device.hpp"

namespace nodevp::lpu {

namespace regs = gen::regs::lpu;

namespace {

// The DMC firmware's request names (firmware/lpu/lpu_mbox.h, lpu_mbox_cmd). The device does not
// interpret the mailbox: these only label the timeline, and an unknown word shows as its number.
std::string request_name(std::uint32_t command) {
    static const char* const kNames[] = {nullptr,      "ping",      "load program", "run",
                                         "write sram", "read sram", "status",       "reset"};
    if (command < sizeof kNames / sizeof kNames[0] && kNames[command]) return kNames[command];
    return fmt::format("request {}", command);
}

const char* dma_name(std::uint64_t dir) {
    switch (dir) {
        case regs::DMA_DIR_HOST_TO_SRAM:
            return "host -> sram";
        case regs::DMA_DIR_SRAM_TO_HOST:
            return "sram -> host";
        case regs::DMA_DIR_HOST_TO_PROGRAM:
            return "load program";
        default:
            return "bad direction";
    }
}

}  // namespace

void LpuDevice::trace_tracks() {
    program_track_ = trace::track(basename(), "program");
    dma_track_ = trace::track(basename(), "dma");
    mailbox_.attach(trace::track(basename(), "mailbox"));
    dmc_->hart().set_trace_track(trace::track(basename(), "dmc"));
}

LpuDevice::Activity LpuDevice::activity() const {
    Activity a = activity_;
    a.mailbox_requests = mailbox_.requests();
    a.ecc_corrected = chip_->stats().ecc_corrected;
    a.ecc_detected = chip_->stats().ecc_detected;
    return a;
}

std::string LpuDevice::mailbox_command_name(std::uint32_t command) {
    return request_name(command);
}

// A run ended (done, error, abort or reset): counts it and puts it on the program track.
void LpuDevice::note_run(const sc_core::sc_time& start, std::uint64_t cycles) {
    const char* status = state_ == kDone ? "done" : state_ == kError ? "error" : "stopped";
    ++activity_.runs;
    if (state_ != kDone) ++activity_.failed_runs;
    activity_.busy += sc_core::sc_time_stamp() - start;
    activity_.cycles += cycles;
    trace::span(program_track_, "run", trace::ps(start), trace::now_ps(),
                {{"cycles", cycles},
                 {"status", status},
                 {"error", static_cast<std::uint64_t>(regs_.at("ERR_CODE").value())}});
}

void LpuDevice::note_dma(std::uint64_t dir, std::uint64_t src, std::uint64_t dst, std::uint64_t len,
                         bool ok, std::uint64_t start_ps) {
    ++activity_.dma_transfers;
    if (ok)
        activity_.dma_bytes += len;
    else
        ++activity_.dma_errors;
    trace::span(dma_track_, dma_name(dir), start_ps, trace::now_ps(),
                {{"src", trace::hex(src)},
                 {"dst", trace::hex(dst)},
                 {"bytes", len},
                 {"status", ok ? "ok" : "error"}});
}

}  // namespace nodevp::lpu
