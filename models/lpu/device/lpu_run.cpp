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
    if (++starts_ == params_.inject_ecc_run) inject_ecc_fault();
    clear_error_registers();
    abort_requested_ = false;
    set_state(kRunning);
    log_->info("program started");
    start_event_.notify(sc_core::SC_ZERO_TIME);
}

// Fault injection for recovery tests (lpu.inject_ecc_run): two flipped data bits in the first
// 16-byte SRAM word of every data segment of the program about to run. Nothing else is faked:
// the program meets the error when it reads the word, through the chip's normal ECC check.
void LpuDevice::inject_ecc_fault() {
    const std::uint64_t vector_bytes = program_->geometry.vector_bytes();
    const std::uint64_t words = program_->geometry.mem_words;
    if (program_->data.empty())
        log_->warn(
            "fault injection (lpu.inject_ecc_run = {}): the program has no data segment, "
            "nothing injected",
            params_.inject_ecc_run);
    for (const DataSegment& d : program_->data) {
        const std::uint64_t word = (d.slice * words + d.first) * vector_bytes / 16;
        log_->warn(
            "fault injection (lpu.inject_ecc_run = {}): double-bit error in SRAM word {} "
            "(slice {}, vector {})",
            params_.inject_ecc_run, word, d.slice, d.first);
        chip_->inject_bit_flip(word, 3);
        chip_->inject_bit_flip(word, 77);
    }
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
        const sc_core::sc_time started = sc_core::sc_time_stamp();
        const bool clocked = chip_->clocked();
        std::uint64_t cycles = 0;
        while (state_ == kRunning) {
            const std::uint64_t before = chip_->cycle();
            const Chip::State s = clocked ? run_clocked() : chip_->run(params_.slice_cycles);
            const std::uint64_t ran = chip_->cycle() - before;
            cycles += ran;
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
        note_run(started, cycles);
    }
}

}  // namespace nodevp::lpu
