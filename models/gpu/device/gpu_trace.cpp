// The GPU on the timeline (models/common/trace.hpp) and its activity counts for the end-of-run
// report: a track per channel with each command, "kernels" tracks with each kernel's time on the
// SMs, and a "mailbox" track with each host request to the GSP.
#include <cstring>

#include <fmt/format.h>

#include "models/gpu/device/gpu_device.hpp"
#include "models/gpu/device/gpu_internal.hpp"
#include "sw/include/nodevp/gpu_abi.h"

namespace nodevp::gpu {

namespace {

const char* kernel_name(std::uint32_t kernel) {
    switch (kernel) {
        case GPU_KERNEL_GEMM:
            return "gemm";
        case GPU_KERNEL_ATTENTION:
            return "attention";
        case GPU_KERNEL_SOFTMAX:
            return "softmax";
        case GPU_KERNEL_RMSNORM:
            return "rmsnorm";
        case GPU_KERNEL_ROTARY:
            return "rotary";
        case GPU_KERNEL_ELEMENTWISE:
            return "elementwise";
        case GPU_KERNEL_EMBEDDING:
            return "embedding";
        case GPU_KERNEL_ARGMAX:
            return "argmax";
        case GPU_KERNEL_QUANTIZE:
            return "quantize";
        case GPU_KERNEL_DEQUANTIZE:
            return "dequantize";
        default:
            return "unknown kernel";
    }
}

template <typename T>
bool load(const std::uint8_t* p, std::uint32_t length, T& v) {
    if (length < sizeof v) return false;
    std::memcpy(&v, p, sizeof v);
    return true;
}

}  // namespace

const char* mailbox_command_name(std::uint32_t command) {
    switch (command) {
        case GPU_CMD_QUERY:
            return "query";
        case GPU_CMD_CREATE_CHANNEL:
            return "create channel";
        case GPU_CMD_DESTROY_CHANNEL:
            return "destroy channel";
        case GPU_CMD_ERROR_LOG:
            return "error log";
        case GPU_CMD_STATUS:
            return "status";
        default:
            return "unknown request";
    }
}

void GpuDevice::trace_tracks() {
    activity_.channels.resize(channels_.size());
    for (auto& ch : channels_)
        ch->track = trace::track(basename(), fmt::format("channel {}", ch->index));
    mailbox_.attach(trace::track(basename(), "mailbox"));
    gsp_->hart().set_trace_track(trace::track(basename(), "gsp"));
}

GpuDevice::Activity GpuDevice::activity() const {
    Activity a = activity_;
    a.mailbox_requests = mailbox_.requests();
    return a;
}

// Counts the command and, when recording, puts it on the channel's track: its name, its time
// from start_ps to now and its main operands. `length` is the command's length in the buffer.
void GpuDevice::note_command(Channel& ch, const std::uint8_t* cmd, std::uint32_t length,
                             std::uint64_t start_ps, bool ok) {
    gpu_cmd_header h{};
    if (!load(cmd, length, h)) return;
    ChannelActivity& n = activity_.channels[ch.index];
    ++n.commands;
    gpu_cmd_copy copy{};
    gpu_cmd_memset set{};
    gpu_cmd_launch launch{};
    gpu_cmd_sem sem{};
    switch (h.opcode) {
        case GPU_OP_COPY:
            ++n.copies;
            if (ok && load(cmd, length, copy)) n.bytes += copy.len;
            break;
        case GPU_OP_MEMSET:
            ++n.memsets;
            if (ok && load(cmd, length, set)) n.bytes += set.len;
            break;
        case GPU_OP_LAUNCH:
            ++n.launches;
            break;
        case GPU_OP_SEM_ACQUIRE:
        case GPU_OP_SEM_RELEASE:
            ++n.semaphores;
            break;
        default:
            break;
    }
    if (ch.track == trace::kNoTrack) return;
    const std::uint64_t end = trace::now_ps();
    const char* status = ok ? "ok" : "error";
    switch (h.opcode) {
        case GPU_OP_COPY:
            if (load(cmd, length, copy))
                trace::span(ch.track, "copy", start_ps, end,
                            {{"src", trace::hex(copy.src)},
                             {"dst", trace::hex(copy.dst)},
                             {"bytes", copy.len},
                             {"status", status}});
            return;
        case GPU_OP_MEMSET:
            if (load(cmd, length, set))
                trace::span(ch.track, "memset", start_ps, end,
                            {{"dst", trace::hex(set.dst)}, {"bytes", set.len}, {"status", status}});
            return;
        case GPU_OP_LAUNCH:
            if (load(cmd, length, launch))
                trace::span(
                    ch.track, fmt::format("launch {}", kernel_name(launch.kernel)), start_ps, end,
                    {{"kernel", launch.kernel},
                     {"grid",
                      fmt::format("{}x{}x{}", launch.grid[0], launch.grid[1], launch.grid[2])},
                     {"status", status}});
            return;
        case GPU_OP_SEM_ACQUIRE:
        case GPU_OP_SEM_RELEASE:
            if (load(cmd, length, sem))
                trace::span(
                    ch.track,
                    h.opcode == GPU_OP_SEM_ACQUIRE ? "semaphore wait" : "semaphore release",
                    start_ps, end,
                    {{"addr", trace::hex(sem.addr)}, {"value", sem.value}, {"status", status}});
            return;
        case GPU_OP_TIMESTAMP:
            trace::span(ch.track, "timestamp", start_ps, end, {{"status", status}});
            return;
        case GPU_OP_NOP:
            return;
        default:
            trace::span(ch.track, "bad command", start_ps, end, {{"opcode", h.opcode}});
    }
}

// The first kernel track free now (a kernel may run beside others from other channels).
unsigned GpuDevice::kernel_track_begin() {
    if (!trace::enabled()) return 0;
    unsigned slot = 0;
    while (slot < kernel_track_busy_.size() && kernel_track_busy_[slot]) ++slot;
    if (slot == kernel_track_busy_.size()) {
        kernel_track_busy_.push_back(false);
        kernel_tracks_.push_back(trace::track(
            basename(), slot == 0 ? std::string("kernels") : fmt::format("kernels {}", slot + 1)));
    }
    kernel_track_busy_[slot] = true;
    return slot;
}

void GpuDevice::kernel_track_end(unsigned slot, std::uint64_t start_ps, std::uint32_t kernel,
                                 unsigned channel, double ops, double bytes, unsigned blocks) {
    if (slot >= kernel_tracks_.size()) return;
    kernel_track_busy_[slot] = false;
    trace::span(kernel_tracks_[slot], kernel_name(kernel), start_ps, trace::now_ps(),
                {{"channel", channel}, {"ops", ops}, {"bytes", bytes}, {"blocks", blocks}});
}

}  // namespace nodevp::gpu
