// Program control of the LPU device shell: START, ABORT, RESET and the thread that runs the chip.
#include "gen/regs.hpp"
#include "models/lpu/device/lpu_device.hpp"

namespace nodevp::lpu {

namespace regs = gen::regs::lpu;

// START runs the program loaded by DMA. After a program ended (done or error) START runs it
// again from cycle 0, with its SRAM data segments loaded again.
void LpuDevice::start_program() {
    if (state_ == kRunning) {
        log_->warn("START ignored: a program is running");
        return;
    }
    if (!program_) {
        report_device_error(regs::ERR_NO_PROGRAM, "START without a loaded program");
        return;
    }
    if (state_ != kLoaded) {
        chip_->reset();
        chip_->load(*program_);
    }
    clear_error_registers();
    abort_requested_ = false;
    set_state(kRunning);
    log_->info("program started");
    start_event_.notify(sc_core::SC_ZERO_TIME);
}

void LpuDevice::abort_program() {
    if (state_ != kRunning) return;
    abort_requested_ = true;
}

// RESET: the chip back to idle (SRAM and counters kept), no program, error registers cleared.
void LpuDevice::reset_chip() {
    abort_requested_ = state_ == kRunning;
    chip_->reset();
    program_.reset();
    clear_error_registers();
    set_state(kIdle);
    log_->info("chip reset");
}

// A chip with RTL units, one cycle at a time for up to slice_cycles cycles: the cycle, the RTL
// clock edge (delta cycles), then one chip clock period.
Chip::State LpuDevice::run_clocked() {
    Chip::State s = chip_->state();
    for (std::uint64_t i = 0; i < params_.slice_cycles && s == Chip::State::running; ++i) {
        s = chip_->run(1);
        chip_->tick_units();
        sc_core::wait(params_.clock);
        if (state_ != kRunning || abort_requested_) break;
    }
    return s;
}

void LpuDevice::run_thread() {
    for (;;) {
        while (state_ != kRunning) sc_core::wait(start_event_);
        const bool clocked = chip_->clocked();
        while (state_ == kRunning) {
            const std::uint64_t before = chip_->cycle();
            const Chip::State s = clocked ? run_clocked() : chip_->run(params_.slice_cycles);
            const std::uint64_t ran = chip_->cycle() - before;
            if (!clocked) sc_core::wait(params_.clock * static_cast<double>(ran ? ran : 1));
            if (state_ != kRunning) break;  // RESET while the slice ran
            if (abort_requested_) {
                chip_->reset();
                set_state(kIdle);
                log_->info("program aborted at cycle {}", before + ran);
                break;
            }
            if (s == Chip::State::done) {
                set_state(kDone);
                log_->info("program done after {} cycles", chip_->cycle());
                raise_host(regs::INT_STATUS_DONE);
                raise_dmc(regs::DMC_INT_STATUS_DONE);
            } else if (s == Chip::State::error) {
                report_chip_error();
            }
        }
    }
}

}  // namespace nodevp::lpu
