// State shared by the GPU device's translation units: a channel, a running kernel, a launch plan.
#pragma once

#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include <systemc>

#include "models/gpu/device/gpu_device.hpp"

namespace nodevp::gpu {

struct GpuDevice::Channel {
    unsigned index = 0;
    bool enabled = false;
    bool error = false;
    bool busy = false;
    std::uint64_t generation = 0;  // incremented by DISABLE: a waiting command gives up
    sc_core::sc_event wake;        // doorbell, enable, disable
    // Position of the command being executed (for the error notifier).
    std::uint32_t ring_index = 0;
    std::uint32_t cmd_offset = 0;
    trace::TrackId track = trace::kNoTrack;  // its commands on the timeline
};

// A kernel holding SMs: its work, its share and how much of it is done.
struct GpuDevice::Kernel {
    double ops = 0;
    double bytes = 0;
    PeakType type = kFp32;
    unsigned blocks = 1;
    double sms_held = 0;
    double progress = 0;  // fraction of the kernel done
    double rate = 0;      // fraction per second at the current share
    sc_core::sc_event done;
};

// The name of a GSP mailbox request (gpu_abi.h's GPU_CMD_*), for the timeline.
const char* mailbox_command_name(std::uint32_t command);

// A validated launch: the tensors resolved to HBM pointers, the roofline figures, and the
// functional kernel to run when its time is over.
struct LaunchPlan {
    double ops = 0;
    double bytes = 0;
    GpuDevice::PeakType type = GpuDevice::kFp32;
    std::function<void()> run;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> tensors;  // HBM ranges (address, bytes)
};

}  // namespace nodevp::gpu
