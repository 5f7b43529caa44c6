// The GPU of the node: BAR0 at the gpu region, HBM at the hbm region (gpu.hbm_size bytes of it),
// DMA into the node's bus, its interrupt into the PLIC (docs/gpu/device.md).
#include <stdexcept>

#include <fmt/format.h>

#include "gen/node_map.hpp"
#include "platform/firmware_digest.hpp"
#include "platform/node.hpp"

namespace nodevp::platform {

namespace map = gen::map;

namespace {

// Peak operations per second of one type: sms x ops per SM and cycle / clock period.
double peak(const Config& config, const char* key, unsigned sms, double clock_s) {
    const std::uint64_t per_cycle = config.integer(key);
    if (per_cycle == 0) throw ConfigError(fmt::format("{}: must be above 0", key));
    return static_cast<double>(sms) * static_cast<double>(per_cycle) / clock_s;
}

double bandwidth(const Config& config, const char* key) {
    const std::uint64_t gb = config.integer(key);
    if (gb == 0) throw ConfigError(fmt::format("{}: must be above 0", key));
    return static_cast<double>(gb) * 1e9;
}

}  // namespace

void Node::build_gpu(const Config& config) {
    const std::uint64_t count = config.integer("gpu.count");
    if (count > 1) throw ConfigError(fmt::format("gpu.count: {} is not 0 or 1", count));
    if (count == 0) return;
    gpu::GpuDevice::Params p;
    p.hbm_base = map::hbm.base;
    p.hbm_window = map::hbm.size;
    p.hbm_size = config.integer("gpu.hbm_size");
    p.firmware_sha256 =
        provisioned_firmware_digest(config, "gpu.firmware_sha256", FirmwareKind::gpu_gsp, log_);
    if (p.hbm_size == 0 || p.hbm_size > map::hbm.size || p.hbm_size % 4096 != 0)
        throw ConfigError(fmt::format(
            "gpu.hbm_size: {:#x} must be a non-zero multiple of 4 KiB no larger than the hbm "
            "region ({:#x})",
            p.hbm_size, map::hbm.size));
    const std::uint64_t channels = config.integer("gpu.channels");
    const std::uint64_t sms = config.integer("gpu.sms");
    if (channels == 0 || channels > 16)
        throw ConfigError(fmt::format("gpu.channels: {} is not in 1..16", channels));
    if (sms == 0 || sms > 100000)
        throw ConfigError(fmt::format("gpu.sms: {} is not in 1..100000", sms));
    p.channels = static_cast<unsigned>(channels);
    p.sms = static_cast<unsigned>(sms);
    const sc_core::sc_time clock = config.time("gpu.clock");
    p.gsp_clock = config.time("gpu.gsp_clock");
    p.sem_poll_interval = config.time("gpu.sem_poll_interval");
    if (clock == sc_core::SC_ZERO_TIME || p.gsp_clock == sc_core::SC_ZERO_TIME ||
        p.sem_poll_interval == sc_core::SC_ZERO_TIME)
        throw ConfigError("gpu.clock, gpu.gsp_clock, gpu.sem_poll_interval: must be above 0");
    const double clock_s = clock.to_seconds();
    p.peak_ops[gpu::GpuDevice::kFp32] = peak(config, "gpu.fp32_ops_per_sm_cycle", p.sms, clock_s);
    p.peak_ops[gpu::GpuDevice::kFp16] = peak(config, "gpu.fp16_ops_per_sm_cycle", p.sms, clock_s);
    p.peak_ops[gpu::GpuDevice::kBf16] = peak(config, "gpu.bf16_ops_per_sm_cycle", p.sms, clock_s);
    p.peak_ops[gpu::GpuDevice::kInt8] = peak(config, "gpu.int8_ops_per_sm_cycle", p.sms, clock_s);
    p.hbm_bandwidth = bandwidth(config, "gpu.hbm_gbytes_per_s");
    p.copy_bandwidth = bandwidth(config, "gpu.copy_gbytes_per_s");
    p.launch_latency = config.time("gpu.launch_latency");
    p.hbm_init_time = config.time("gpu.hbm_init_time");
    p.reg_latency = config.time("host.device_latency");

    try {
        gpu_ = std::make_unique<gpu::GpuDevice>("gpu", p);
    } catch (const std::invalid_argument& e) {
        throw ConfigError(fmt::format("gpu: {}", e.what()));
    }
    // Behind the fabric at the GPU's site. HBM is cacheable by the host (SPEC section 3): the
    // device recalls the host's copies before it touches HBM directly. The channels' front end
    // goes through the GPU L2, a caching agent; the copy engine is I/O-coherent. Both are held to
    // the DMA windows the driver granted.
    bus_.map(fabric_->add_window("gpu", gpu_site_, map::gpu.base, map::gpu.size, gpu_->bar0_tsock),
             map::gpu.base, map::gpu.size, "gpu");
    bus_.map(
        fabric_->add_memory("hbm", gpu_site_, map::hbm.base, p.hbm_size, gpu_->hbm_tsock, true),
        map::hbm.base, p.hbm_size, "hbm");
    gpu::GpuDevice* g = gpu_.get();
    const auto windows = [g](std::uint64_t addr, std::uint64_t length, bool write) {
        return g->dma_allowed(addr, length, write);
    };
    tag(gpu_->dma_isock, fabric_->add_device("gpu.dma", gpu_site_, windows), "gpu_dma");
    const std::uint64_t l2 = config.integer("gpu.l2_size");
    const std::uint64_t l2_ways = config.integer("gpu.l2_ways");
    int l2_agent = -1;
    try {
        l2_agent =
            fabric_->add_cache("gpu.l2", gpu_site_, l2, static_cast<unsigned>(l2_ways), windows);
    } catch (const std::invalid_argument& e) {
        throw ConfigError(fmt::format("gpu.l2_size / gpu.l2_ways: {}", e.what()));
    }
    tag(gpu_->l2_isock, l2_agent, "gpu_l2");
    gpu_->irq.bind(*plic_, static_cast<unsigned>(map::gpu.irq));
}

}  // namespace nodevp::platform
