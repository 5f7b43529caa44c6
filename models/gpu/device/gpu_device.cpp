// Channel threads are spawned (sc_spawn), one per configured channel.
#define SC_INCLUDE_DYNAMIC_PROCESSES
#include "models/gpu/device/gpu_device.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

#include "gen/regs.hpp"
#include "models/gpu/device/gpu_internal.hpp"

namespace nodevp::gpu {

namespace regs = gen::regs::gpu;

namespace {

GpuDevice::Params checked(const sc_core::sc_module_name& name, GpuDevice::Params p) {
    const auto bad = [&](const std::string& what) {
        return std::invalid_argument(fmt::format("{}: {}", static_cast<const char*>(name), what));
    };
    if (p.channels == 0 || p.channels > regs::CHANNELS_MAX)
        throw bad(fmt::format("channels: {} is not in 1..{}", p.channels, regs::CHANNELS_MAX));
    if (p.hbm_size == 0 || p.hbm_size % 4096 != 0)
        throw bad(fmt::format("hbm_size: {:#x} must be a non-zero multiple of 4 KiB", p.hbm_size));
    if (p.hbm_window == 0) p.hbm_window = p.hbm_size;
    if (p.hbm_size > p.hbm_window)
        throw bad(fmt::format("hbm_size: {:#x} exceeds the {:#x}-byte HBM region", p.hbm_size,
                              p.hbm_window));
    if (p.sms == 0) throw bad("sms: must be above 0");
    for (double peak : p.peak_ops)
        if (!(peak > 0)) throw bad("peak throughput: every type must be above 0");
    if (!(p.hbm_bandwidth > 0) || !(p.copy_bandwidth > 0))
        throw bad("hbm_bandwidth and copy_bandwidth: must be above 0");
    if (p.gsp_clock == sc_core::SC_ZERO_TIME || p.sem_poll_interval == sc_core::SC_ZERO_TIME)
        throw bad("gsp_clock and sem_poll_interval: must be above 0");
    if (p.dma_chunk == 0) throw bad("dma_chunk: must be above 0");
    return p;
}

}  // namespace

GpuDevice::GpuDevice(const sc_core::sc_module_name& name, const Params& params)
    : sc_module(name),
      params_(checked(name, params)),
      log_(log::get(this->name())),
      hbm_("hbm",
           Memory::Params{params_.hbm_size, sc_core::SC_ZERO_TIME, sc_core::SC_ZERO_TIME, false}),
      bar0_tsock("bar0_tsock"),
      hbm_tsock(hbm_.tsock),
      dma_isock("dma_isock"),
      l2_isock("l2_isock"),
      regs_(this->name()),
      gsp_regs_tsock_("gsp_regs_tsock"),
      gsp_hbm_tsock_("gsp_hbm_tsock") {
    for (unsigned c = 0; c < params_.channels; ++c) {
        channels_.push_back(std::make_unique<Channel>());
        channels_.back()->index = c;
    }
    declare_registers();
    bar0_tsock.register_b_transport(this, &GpuDevice::bar0_b_transport);
    bar0_tsock.register_transport_dbg(this, &GpuDevice::bar0_transport_dbg);
    gsp_regs_tsock_.register_b_transport(this, &GpuDevice::gsp_regs_b_transport);
    gsp_regs_tsock_.register_transport_dbg(this, &GpuDevice::gsp_regs_transport_dbg);
    gsp_hbm_tsock_.register_b_transport(this, &GpuDevice::gsp_hbm_b_transport);
    gsp_hbm_tsock_.register_transport_dbg(this, &GpuDevice::gsp_hbm_transport_dbg);
    build_gsp();
    trace_tracks();
    for (unsigned c = 0; c < params_.channels; ++c) {
        sc_core::sc_spawn_options opts;
        sc_core::sc_spawn([this, c] { channel_thread(c); },
                          sc_core::sc_gen_unique_name(fmt::format("channel{}", c).c_str()), &opts);
    }
    SC_THREAD(hbm_init_thread);
    log_->debug("{} channels, {} SMs, HBM {:#x} bytes at {:#x}", params_.channels, params_.sms,
                params_.hbm_size, params_.hbm_base);
}

GpuDevice::~GpuDevice() = default;

// The GSP: the shared controller (models/mcu) with the GPU's registers and its HBM window on
// its bus.
void GpuDevice::build_gsp() {
    mcu::Layout l;
    l.prefix = "gsp_";
    l.hart = "gsp";
    l.label = "GSP";
    l.bootrom_base = regs::GSP_BOOTROM_BASE;
    l.imem_base = regs::GSP_IMEM_BASE;
    l.imem_size = regs::GSP_IMEM_SIZE;
    l.dmem_base = regs::GSP_DMEM_BASE;
    l.dmem_size = regs::GSP_DMEM_SIZE;
    l.host_imem_offset = regs::IMEM_OFFSET;
    l.host_dmem_offset = regs::DMEM_OFFSET;
    l.run_register = regs::GSP_REGS_BASE + regs::GSP_CONTROL;
    l.run_mask = regs::GSP_CONTROL_RUN;
    l.clock = params_.gsp_clock;
    gsp_ = std::make_unique<mcu::Controller>(
        l, log_, [this] { return regs_.at("GSP_CONTROL").field("RUN") != 0; });
    gsp_->bus().map(gsp_regs_tsock_, regs::GSP_REGS_BASE, regs::REGS_SIZE, "regs");
    gsp_->bus().map(gsp_hbm_tsock_, regs::GSP_HBM_BASE, regs::GSP_HBM_SIZE, "hbm");
}

void GpuDevice::load_imem(std::uint64_t offset, const void* data, std::uint64_t length) {
    gsp_->load_imem(offset, data, length);
}

// BAR0: registers (GSP-only ones refuse host writes), then the GSP's IMEM and DMEM.
void GpuDevice::bar0_b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
    delay += params_.reg_latency;
    access_ps_ = trace::ps(sc_core::sc_time_stamp() + delay);
    const std::uint64_t addr = gp.get_address();
    if (addr < regs::REGS_SIZE) {
        if (gp.is_write() && gsp_only(addr)) {
            log_->warn("host write at BAR0 offset {:#x} refused: the register belongs to the GSP",
                       addr);
            gp.set_response_status(tlm::TLM_COMMAND_ERROR_RESPONSE);
            return;
        }
        regs_.transport(gp);
        return;
    }
    if (!gsp_->host_access(gp, false)) {
        log_->warn("{} of {} byte(s) at BAR0 offset {:#x}: nothing there",
                   gp.is_write() ? "write" : "read", gp.get_data_length(), addr);
        gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    }
}

unsigned GpuDevice::bar0_transport_dbg(tlm::tlm_generic_payload& gp) {
    if (gp.get_address() < regs::REGS_SIZE) return regs_.transport_dbg(gp);
    return gsp_->host_access(gp, true) ? gp.get_data_length() : 0;
}

void GpuDevice::gsp_regs_b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
    delay += params_.reg_latency;
    access_ps_ = trace::ps(sc_core::sc_time_stamp() + delay);
    // The DMA windows are the host driver's to grant: the GSP may read them, not write them.
    if (gp.is_write() && windows_->touches(gp.get_address(), gp.get_data_length())) {
        log_->warn("GSP write to the DMA window registers at {:#x} refused (host only)",
                   gp.get_address());
        gp.set_response_status(tlm::TLM_COMMAND_ERROR_RESPONSE);
        return;
    }
    regs_.transport(gp);
}

unsigned GpuDevice::gsp_regs_transport_dbg(tlm::tlm_generic_payload& gp) {
    return regs_.transport_dbg(gp);
}

// The GSP's HBM window: the first GSP_HBM_SIZE bytes of HBM (fewer if HBM is smaller).
void GpuDevice::gsp_hbm_b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
    delay += params_.reg_latency;
    const std::uint64_t addr = gp.get_address();
    const std::uint64_t len = gp.get_data_length();
    const std::uint64_t size = std::min<std::uint64_t>(regs::GSP_HBM_SIZE, params_.hbm_size);
    if (gp.get_byte_enable_ptr() || len > size || addr > size - len) {
        log_->warn("GSP HBM window {} of {} byte(s) at {:#x}: outside the {:#x}-byte window",
                   gp.is_write() ? "write" : "read", len, addr, size);
        gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return;
    }
    recall(params_.hbm_base + addr, len, gp.is_write(), delay);  // the host may cache HBM
    if (gp.is_write())
        std::memcpy(hbm_.data(addr), gp.get_data_ptr(), len);
    else
        std::memcpy(gp.get_data_ptr(), hbm_.data(addr), len);
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
}

unsigned GpuDevice::gsp_hbm_transport_dbg(tlm::tlm_generic_payload& gp) {
    const std::uint64_t addr = gp.get_address();
    const std::uint64_t size = std::min<std::uint64_t>(regs::GSP_HBM_SIZE, params_.hbm_size);
    if (addr >= size) return 0;
    const auto len =
        static_cast<unsigned>(std::min<std::uint64_t>(gp.get_data_length(), size - addr));
    if (gp.is_write())
        std::memcpy(hbm_.data(addr), gp.get_data_ptr(), len);
    else
        std::memcpy(gp.get_data_ptr(), hbm_.data(addr), len);
    return len;
}

// HBM_CTRL.INIT: the modelled training sequence takes hbm_init_time, then HBM is ready.
void GpuDevice::hbm_init_thread() {
    for (;;) {
        while (!hbm_busy_) sc_core::wait(hbm_init_event_);
        sc_core::wait(params_.hbm_init_time);
        hbm_busy_ = false;
        hbm_ready_ = true;
        log_->info("HBM initialised ({:#x} bytes)", params_.hbm_size);
        raise_gsp(regs::GSP_INT_STATUS_HBM);
    }
}

sc_core::sc_time GpuDevice::roofline_time(double ops, double bytes, PeakType type,
                                          double sms_held) const {
    const double compute = ops / (params_.peak_ops[type] * sms_held / params_.sms);
    const double memory = bytes / params_.hbm_bandwidth;
    return sc_core::sc_time(std::max(compute, memory), sc_core::SC_SEC);
}

}  // namespace nodevp::gpu
