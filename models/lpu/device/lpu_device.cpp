#include "models/lpu/device/lpu_device.hpp"

#include <cstring>

#include <fmt/format.h>

#include "gen/regs.hpp"

namespace nodevp::lpu {

namespace regs = gen::regs::lpu;

LpuDevice::LpuDevice(const sc_core::sc_module_name& name, const Params& params)
    : sc_module(name),
      window_tsock("window_tsock"),
      sram_tsock("sram_tsock"),
      dma_isock("dma_isock"),
      params_(params),
      log_(log::get(this->name())),
      regs_(this->name()),
      dmc_regs_tsock_("dmc_regs_tsock"),
      dmc_sram_tsock_("dmc_sram_tsock") {
    params_.chip.geometry.validate();
    if (params_.clock == sc_core::SC_ZERO_TIME || params_.slice_cycles == 0 ||
        params_.dma_chunk == 0)
        throw std::invalid_argument(
            fmt::format("{}: clock, slice and DMA chunk must be > 0", name));
    chip_ = std::make_unique<Chip>(params_.chip);
    declare_registers();
    window_tsock.register_b_transport(this, &LpuDevice::window_b_transport);
    window_tsock.register_transport_dbg(this, &LpuDevice::window_transport_dbg);
    sram_tsock.register_b_transport(this, &LpuDevice::sram_b_transport);
    sram_tsock.register_transport_dbg(this, &LpuDevice::sram_transport_dbg);
    dmc_regs_tsock_.register_b_transport(this, &LpuDevice::dmc_regs_b_transport);
    dmc_regs_tsock_.register_transport_dbg(this, &LpuDevice::dmc_regs_transport_dbg);
    dmc_sram_tsock_.register_b_transport(this, &LpuDevice::sram_b_transport);
    dmc_sram_tsock_.register_transport_dbg(this, &LpuDevice::sram_transport_dbg);
    build_dmc(params_);
    trace_tracks();
    SC_THREAD(run_thread);
    SC_THREAD(dma_thread);
}

LpuDevice::~LpuDevice() = default;

// The DMC: the shared controller (models/mcu) with the LPU's registers and its SRAM aperture on
// its bus.
void LpuDevice::build_dmc(const Params& params) {
    mcu::Layout l;
    l.hart = "dmc";
    l.label = "DMC";
    l.bootrom_base = regs::DMC_BOOTROM_BASE;
    l.imem_base = regs::DMC_IMEM_BASE;
    l.imem_size = regs::DMC_IMEM_SIZE;
    l.dmem_base = regs::DMC_DMEM_BASE;
    l.dmem_size = regs::DMC_DMEM_SIZE;
    l.host_imem_offset = regs::IMEM_OFFSET;
    l.host_dmem_offset = regs::DMEM_OFFSET;
    l.run_register = regs::DMC_REGS_BASE + regs::CONTROL;
    l.run_mask = regs::CONTROL_DMC_RUN;
    l.clock = params.dmc_clock;
    dmc_ = std::make_unique<mcu::Controller>(
        l, log_, [this] { return regs_.at("CONTROL").field("DMC_RUN") != 0; });
    dmc_->bus().map(dmc_regs_tsock_, regs::DMC_REGS_BASE, regs::REGS_SIZE, "regs");
    dmc_->bus().map(dmc_sram_tsock_, regs::DMC_SRAM_BASE, regs::DMC_SRAM_SIZE, "sram");
}

void LpuDevice::load_imem(std::uint64_t offset, const void* data, std::uint64_t length) {
    dmc_->load_imem(offset, data, length);
}

// The window: registers, then the DMC's IMEM and DMEM. Anything else is an address error.
void LpuDevice::window_b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
    delay += params_.reg_latency;
    access_ps_ = trace::ps(sc_core::sc_time_stamp() + delay);
    if (gp.get_address() < regs::REGS_SIZE) {
        regs_.transport(gp);
        return;
    }
    if (!dmc_->host_access(gp, false)) {
        log_->warn("{} of {} byte(s) at window offset {:#x}: nothing there",
                   gp.is_write() ? "write" : "read", gp.get_data_length(), gp.get_address());
        gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    }
}

unsigned LpuDevice::window_transport_dbg(tlm::tlm_generic_payload& gp) {
    if (gp.get_address() < regs::REGS_SIZE) return regs_.transport_dbg(gp);
    return dmc_->host_access(gp, true) ? gp.get_data_length() : 0;
}

void LpuDevice::dmc_regs_b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
    delay += params_.reg_latency;
    access_ps_ = trace::ps(sc_core::sc_time_stamp() + delay);
    // The DMA windows are the host driver's to grant: the DMC may read them, not write them.
    if (gp.is_write() && windows_->touches(gp.get_address(), gp.get_data_length())) {
        log_->warn("DMC write to the DMA window registers at {:#x} refused (host only)",
                   gp.get_address());
        gp.set_response_status(tlm::TLM_COMMAND_ERROR_RESPONSE);
        return;
    }
    regs_.transport(gp);
}

bool LpuDevice::dma_allowed(std::uint64_t addr, std::uint64_t length, bool write) {
    return windows_->allows(addr, length, write);
}

unsigned LpuDevice::dmc_regs_transport_dbg(tlm::tlm_generic_payload& gp) {
    return regs_.transport_dbg(gp);
}

// The SRAM aperture: any width, any alignment, inside the chip's SRAM. A read that meets an
// uncorrectable ECC error is a TLM_GENERIC_ERROR_RESPONSE (no wrong data is returned).
void LpuDevice::sram_b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
    delay += params_.reg_latency;
    const std::uint64_t addr = gp.get_address();
    const std::uint64_t len = gp.get_data_length();
    if (gp.get_byte_enable_ptr() || len > chip_->sram_bytes() || addr > chip_->sram_bytes() - len) {
        log_->warn("SRAM aperture {} of {} byte(s) at {:#x}: outside the {} byte SRAM",
                   gp.is_write() ? "write" : "read", len, addr, chip_->sram_bytes());
        gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return;
    }
    if (gp.is_write()) {
        chip_->write_sram(addr, gp.get_data_ptr(), len);
    } else if (!chip_->read_sram(addr, gp.get_data_ptr(), len)) {
        log_->warn("SRAM aperture read at {:#x}: uncorrectable ECC error", addr);
        gp.set_response_status(tlm::TLM_GENERIC_ERROR_RESPONSE);
        return;
    }
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
}

unsigned LpuDevice::sram_transport_dbg(tlm::tlm_generic_payload& gp) {
    const std::uint64_t addr = gp.get_address();
    const std::uint64_t size = chip_->sram_bytes();
    if (addr >= size) return 0;
    const auto len =
        static_cast<unsigned>(std::min<std::uint64_t>(gp.get_data_length(), size - addr));
    if (gp.is_write())
        chip_->write_sram(addr, gp.get_data_ptr(), len);
    else if (!chip_->read_sram(addr, gp.get_data_ptr(), len))
        return 0;
    return len;
}

}  // namespace nodevp::lpu
