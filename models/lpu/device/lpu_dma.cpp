// The DMA engine of the LPU device shell: a TLM initiator toward the node that copies host
// memory to and from SRAM and carries program images into the chip.
#include <algorithm>

#include "gen/regs.hpp"
#include "models/lpu/device/lpu_device.hpp"

namespace nodevp::lpu {

namespace regs = gen::regs::lpu;

void LpuDevice::dma_thread() {
    for (;;) {
        while (!dma_busy_) sc_core::wait(dma_event_);  // a start before this thread ran counts
        const std::uint64_t src = regs_.at("DMA_SRC").value();
        const std::uint64_t dst = regs_.at("DMA_DST").value();
        const std::uint64_t len = regs_.at("DMA_LEN").value();
        const std::uint64_t dir = regs_.at("DMA_CTRL").field("DIR");
        const std::uint64_t start_ps = trace::now_ps();
        bool ok = false;
        if (dir == regs::DMA_DIR_HOST_TO_SRAM)
            ok = dma_copy_to_sram(src, dst, len);
        else if (dir == regs::DMA_DIR_SRAM_TO_HOST)
            ok = dma_copy_from_sram(src, dst, len);
        else if (dir == regs::DMA_DIR_HOST_TO_PROGRAM)
            ok = dma_load_program(src, len);
        else
            log_->warn("DMA: direction {} is undefined", dir);
        note_dma(dir, src, dst, len, ok, start_ps);
        dma_finish(ok);
    }
}

// One host-side transaction; waits for its annotated delay. False (and a warning) on an error
// response.
bool LpuDevice::dma_host(tlm::tlm_command cmd, std::uint64_t addr, std::uint8_t* data,
                         unsigned len) {
    tlm::tlm_generic_payload gp;
    gp.set_command(cmd);
    gp.set_address(addr);
    gp.set_data_ptr(data);
    gp.set_data_length(len);
    gp.set_streaming_width(len);
    gp.set_byte_enable_ptr(nullptr);
    gp.set_dmi_allowed(false);
    gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    sc_core::sc_time delay = params_.clock * static_cast<double>(len / 16 + 1);
    dma_isock->b_transport(gp, delay);
    sc_core::wait(delay);
    if (gp.is_response_ok()) return true;
    log_->warn("DMA: {} of {} byte(s) at host address {:#x} failed: {}",
               cmd == tlm::TLM_READ_COMMAND ? "read" : "write", len, addr,
               gp.get_response_string());
    return false;
}

bool LpuDevice::dma_copy_to_sram(std::uint64_t src, std::uint64_t dst, std::uint64_t len) {
    if (len > chip_->sram_bytes() || dst > chip_->sram_bytes() - len) {
        log_->warn("DMA: SRAM range [{:#x}, +{:#x}) is outside the SRAM", dst, len);
        return false;
    }
    dma_buffer_.resize(params_.dma_chunk);
    for (std::uint64_t done = 0; done < len;) {
        const auto n =
            static_cast<unsigned>(std::min<std::uint64_t>(params_.dma_chunk, len - done));
        if (!dma_host(tlm::TLM_READ_COMMAND, src + done, dma_buffer_.data(), n)) return false;
        chip_->write_sram(dst + done, dma_buffer_.data(), n);
        done += n;
    }
    return true;
}

bool LpuDevice::dma_copy_from_sram(std::uint64_t src, std::uint64_t dst, std::uint64_t len) {
    if (len > chip_->sram_bytes() || src > chip_->sram_bytes() - len) {
        log_->warn("DMA: SRAM range [{:#x}, +{:#x}) is outside the SRAM", src, len);
        return false;
    }
    dma_buffer_.resize(params_.dma_chunk);
    for (std::uint64_t done = 0; done < len;) {
        const auto n =
            static_cast<unsigned>(std::min<std::uint64_t>(params_.dma_chunk, len - done));
        if (!chip_->read_sram(src + done, dma_buffer_.data(), n)) {
            log_->warn("DMA: uncorrectable ECC error in SRAM [{:#x}, +{:#x})", src + done, n);
            return false;
        }
        if (!dma_host(tlm::TLM_WRITE_COMMAND, dst + done, dma_buffer_.data(), n)) return false;
        done += n;
    }
    return true;
}

// Reads a program image from host memory, parses it for this chip and loads it. A rejected image
// is a device error (ERR_BAD_IMAGE) besides a failed transfer.
bool LpuDevice::dma_load_program(std::uint64_t src, std::uint64_t len) {
    if (state_ == kRunning) {
        log_->warn("DMA: program load refused while a program runs");
        return false;
    }
    if (len > regs::DMA_PROGRAM_MAX) {
        report_device_error(regs::ERR_BAD_IMAGE,
                            fmt::format("DMA: program image of {} bytes exceeds {} bytes", len,
                                        regs::DMA_PROGRAM_MAX));
        return false;
    }
    std::vector<std::uint8_t> image(len);
    for (std::uint64_t done = 0; done < len;) {
        const auto n =
            static_cast<unsigned>(std::min<std::uint64_t>(params_.dma_chunk, len - done));
        if (!dma_host(tlm::TLM_READ_COMMAND, src + done, image.data() + done, n)) return false;
        done += n;
    }
    const std::string what = fmt::format("{} image at {:#x}", name(), src);
    try {
        Program p = parse_for(image, what, chip_->geometry());
        chip_->reset();
        chip_->load(p);
        program_ = std::move(p);
    } catch (const ImageError& e) {
        program_.reset();
        chip_->reset();
        report_device_error(regs::ERR_BAD_IMAGE,
                            fmt::format("DMA: program rejected: {}", e.what()));
        return false;
    }
    clear_error_registers();
    set_state(kLoaded);
    log_->info("program loaded: {} queue(s), {} data segment(s)", program_->queues.size(),
               program_->data.size());
    return true;
}

void LpuDevice::dma_finish(bool ok) {
    dma_busy_ = false;
    regs_.at("DMA_STATUS").set(ok ? regs::DMA_STATUS_DONE : regs::DMA_STATUS_ERROR);
    raise_dmc(regs::DMC_INT_STATUS_DMA);
}

}  // namespace nodevp::lpu
