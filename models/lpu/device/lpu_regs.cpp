// Register declarations of the LPU device shell (offsets and fields from gen/regs.hpp) and the
// hooks that turn register writes into device actions.
#include <fmt/format.h>

#include "gen/regs.hpp"
#include "models/common/secure_boot.hpp"
#include "models/lpu/device/lpu_device.hpp"

namespace nodevp::lpu {

namespace regs = gen::regs::lpu;

static_assert(regs::ERR_STREAM_EMPTY == static_cast<unsigned>(ErrorCode::stream_empty) &&
                  regs::ERR_BANK_CONFLICT == static_cast<unsigned>(ErrorCode::bank_conflict) &&
                  regs::ERR_UNDEFINED_OPCODE ==
                      static_cast<unsigned>(ErrorCode::undefined_opcode) &&
                  regs::ERR_ECC_UNCORRECTABLE ==
                      static_cast<unsigned>(ErrorCode::ecc_uncorrectable) &&
                  regs::ERR_QUEUE_OVERFLOW == static_cast<unsigned>(ErrorCode::queue_overflow),
              "node.yaml's ERR_* values must be lpu::ErrorCode's");
static_assert(regs::BOOT_NONE == static_cast<unsigned>(BootStatus::none) &&
                  regs::BOOT_OK == static_cast<unsigned>(BootStatus::ok) &&
                  regs::BOOT_TAMPERED == static_cast<unsigned>(BootStatus::tampered) &&
                  regs::BOOT_BAD_SIZE == static_cast<unsigned>(BootStatus::bad_size) &&
                  regs::BOOT_UNCHECKED == static_cast<unsigned>(BootStatus::unchecked),
              "node.yaml's BOOT_* values must be BootStatus's");

namespace {

// A field list from a generated mask: one field per bit range, all with the same access.
Field field(const char* name, std::uint64_t mask, Access access) {
    unsigned lsb = 0;
    while (!((mask >> lsb) & 1)) ++lsb;
    unsigned width = 0;
    while (lsb + width < 64 && ((mask >> (lsb + width)) & 1)) ++width;
    return Field{name, lsb, width, access};
}

}  // namespace

void LpuDevice::declare_registers() {
    const Geometry& g = chip_->geometry();
    const auto ro = [this](const char* n, std::uint64_t off, unsigned w, std::uint64_t v = 0) {
        return &regs_.add(n, off, w, v, {Field{"value", 0, 8 * w, Access::ro}});
    };
    ro("ID", regs::ID, 4, regs::ID_VALUE);
    ro("VERSION", regs::VERSION, 4, regs::VERSION_VALUE);
    ro("GEOMETRY", regs::GEOMETRY, 4,
       g.superlanes << regs::GEOMETRY_SUPERLANES_shift |
           g.mxm_planes << regs::GEOMETRY_MXM_PLANES_shift |
           g.vxm_alus << regs::GEOMETRY_VXM_ALUS_shift);
    ro("MEM_SLICES", regs::MEM_SLICES, 4, g.mem_slices);
    ro("MEM_WORDS", regs::MEM_WORDS, 4, g.mem_words);
    ro("SRAM_SIZE", regs::SRAM_SIZE, 8, chip_->sram_bytes())->min_access(4);

    regs_
        .add("CONTROL", regs::CONTROL, 4, 0,
             {field("DMC_RUN", regs::CONTROL_DMC_RUN, Access::w1s),
              field("START", regs::CONTROL_START, Access::wo),
              field("ABORT", regs::CONTROL_ABORT, Access::wo),
              field("RESET", regs::CONTROL_RESET, Access::wo)})
        .on_write([this](Register& r, std::uint64_t old) { on_control(r, old); });
    ro("STATUS", regs::STATUS, 4)->on_read([this](const Register&) -> std::uint64_t {
        return std::uint64_t{state_} << regs::STATUS_STATE_shift |
               std::uint64_t{regs_.at("CONTROL").field("DMC_RUN")}
                   << regs::STATUS_DMC_RUNNING_shift |
               std::uint64_t{dma_busy_} << regs::STATUS_DMA_BUSY_shift;
    });
    ro("ERR_CODE", regs::ERR_CODE, 4);
    ro("ERR_QUEUE", regs::ERR_QUEUE, 4);
    ro("ERR_PC", regs::ERR_PC, 4);
    ro("ERR_OPCODE", regs::ERR_OPCODE, 4);
    ro("ERR_CYCLE", regs::ERR_CYCLE, 8)->min_access(4);

    const auto irq_fields = [](Access a, bool dmc) {
        if (dmc)
            return std::vector<Field>{field("DOORBELL", regs::DMC_INT_STATUS_DOORBELL, a),
                                      field("DONE", regs::DMC_INT_STATUS_DONE, a),
                                      field("ERROR", regs::DMC_INT_STATUS_ERROR, a),
                                      field("DMA", regs::DMC_INT_STATUS_DMA, a)};
        return std::vector<Field>{field("DONE", regs::INT_STATUS_DONE, a),
                                  field("ERROR", regs::INT_STATUS_ERROR, a),
                                  field("MAILBOX", regs::INT_STATUS_MAILBOX, a),
                                  field("BOOT_ERROR", regs::INT_STATUS_BOOT_ERROR, a)};
    };
    const auto irq_hook = [this](Register&, std::uint64_t) { update_irq(); };
    regs_.add("INT_STATUS", regs::INT_STATUS, 4, 0, irq_fields(Access::w1c, false))
        .on_write(irq_hook);
    regs_.add("INT_ENABLE", regs::INT_ENABLE, 4, 0, irq_fields(Access::rw, false))
        .on_write(irq_hook);
    regs_.add("DMC_INT_STATUS", regs::DMC_INT_STATUS, 4, 0, irq_fields(Access::w1c, true))
        .on_write(irq_hook);
    regs_.add("DMC_INT_ENABLE", regs::DMC_INT_ENABLE, 4, 0, irq_fields(Access::rw, true))
        .on_write(irq_hook);

    ro("ECC_CORRECTED", regs::ECC_CORRECTED, 4)->on_read([this](const Register&) {
        return static_cast<std::uint64_t>(static_cast<std::uint32_t>(chip_->stats().ecc_corrected));
    });
    ro("ECC_DETECTED", regs::ECC_DETECTED, 4)->on_read([this](const Register&) {
        return static_cast<std::uint64_t>(static_cast<std::uint32_t>(chip_->stats().ecc_detected));
    });
    regs_.add("FAULT_WORD", regs::FAULT_WORD, 4);
    regs_
        .add("FAULT_INJECT", regs::FAULT_INJECT, 4, 0,
             {field("BIT", regs::FAULT_INJECT_BIT, Access::rw),
              field("GO", regs::FAULT_INJECT_GO, Access::wo)})
        .on_write([this](Register& r, std::uint64_t) { on_fault_inject(r); });
    ro("CYCLES", regs::CYCLES, 8)->min_access(4).on_read([this](const Register&) {
        return chip_->cycle();
    });
    ro("PROGRAMS", regs::PROGRAMS, 4)->on_read([this](const Register&) {
        return static_cast<std::uint64_t>(static_cast<std::uint32_t>(chip_->stats().programs));
    });

    regs_.add("MBOX_H2D", regs::MBOX_H2D, 4, 0, {Field{"value", 0, 32, Access::wo}})
        .on_write([this](Register&, std::uint64_t) { on_doorbell_to_dmc(); });
    regs_.add("MBOX_D2H", regs::MBOX_D2H, 4, 0, {Field{"value", 0, 32, Access::wo}})
        .on_write([this](Register&, std::uint64_t) { on_doorbell_to_host(); });
    regs_.add("FW_SIZE", regs::FW_SIZE, 4);
    ro("BOOT_STATUS", regs::BOOT_STATUS, 4);
    for (unsigned i = 0; i < regs::FW_DIGEST_count; ++i)
        regs_.add(fmt::format("FW_DIGEST{}", i), regs::FW_DIGEST + i * regs::FW_DIGEST_stride, 4, 0,
                  {Field{"value", 0, 32, Access::ro}});
    for (unsigned i = 0; i < regs::MBOX_REQ_count; ++i)
        regs_.add(fmt::format("MBOX_REQ{}", i), regs::MBOX_REQ + i * regs::MBOX_REQ_stride, 4);
    for (unsigned i = 0; i < regs::MBOX_RSP_count; ++i)
        regs_.add(fmt::format("MBOX_RSP{}", i), regs::MBOX_RSP + i * regs::MBOX_RSP_stride, 4);

    windows_ = std::make_unique<DmaWindows>(regs_, NODEVP_DMA_WINDOW_LAYOUT(lpu));
    regs_.add("DMA_SRC", regs::DMA_SRC, 8).min_access(4);
    regs_.add("DMA_DST", regs::DMA_DST, 8).min_access(4);
    regs_.add("DMA_LEN", regs::DMA_LEN, 4);
    regs_
        .add("DMA_CTRL", regs::DMA_CTRL, 4, 0,
             {field("DIR", regs::DMA_CTRL_DIR, Access::rw),
              field("START", regs::DMA_CTRL_START, Access::wo)})
        .on_write([this](Register& r, std::uint64_t) {
            if (!r.field("START")) return;
            r.set(r.value() & ~regs::DMA_CTRL_START);
            if (dma_busy_) {
                log_->warn("DMA start ignored: a transfer is in progress");
                return;
            }
            dma_busy_ = true;
            regs_.at("DMA_STATUS").set(regs::DMA_STATUS_BUSY);
            dma_event_.notify(sc_core::SC_ZERO_TIME);
        });
    ro("DMA_STATUS", regs::DMA_STATUS, 4);
}

void LpuDevice::on_control(Register& r, std::uint64_t old) {
    const std::uint64_t v = r.value();
    r.set(v & regs::CONTROL_DMC_RUN);  // START, ABORT and RESET act once and read as 0
    if ((v & regs::CONTROL_DMC_RUN) && !(old & regs::CONTROL_DMC_RUN)) {
        if (verify_firmware()) {
            log_->info("DMC released from reset");
            dmc_->msip.set(true);
        } else {
            r.set(0);  // the DMC stays in reset; the host may load another image and retry
        }
    }
    if (v & regs::CONTROL_RESET) reset_chip();
    if (v & regs::CONTROL_ABORT) abort_program();
    if (v & regs::CONTROL_START) start_program();
}

// The boot ROM's check before the DMC leaves reset (mcu::Controller::verify_firmware); a
// refused image raises INT_STATUS.BOOT_ERROR.
bool LpuDevice::verify_firmware() {
    if (dmc_->verify_firmware(regs_, params_.firmware_sha256)) return true;
    raise_host(regs::INT_STATUS_BOOT_ERROR);
    return false;
}

void LpuDevice::on_doorbell_to_dmc() {
    const auto command = static_cast<std::uint32_t>(regs_.at("MBOX_REQ0").value());
    mailbox_.request(mailbox_command_name(command), command, access_ps_);
    raise_dmc(regs::DMC_INT_STATUS_DOORBELL);
}
void LpuDevice::on_doorbell_to_host() {
    mailbox_.response(static_cast<std::uint32_t>(regs_.at("MBOX_RSP0").value()), access_ps_);
    raise_host(regs::INT_STATUS_MAILBOX);
}

void LpuDevice::on_fault_inject(Register& r) {
    if (!r.field("GO")) return;
    r.set(r.value() & ~regs::FAULT_INJECT_GO);
    const std::uint64_t word = regs_.at("FAULT_WORD").value();
    const auto bit = static_cast<unsigned>(r.field("BIT"));
    if (word >= chip_->sram_bytes() / 16 || bit > 136) {
        log_->warn("fault injection at word {} bit {} ignored: out of range", word, bit);
        return;
    }
    log_->info("fault injection: flipping bit {} of SRAM word {}", bit, word);
    chip_->inject_bit_flip(word, bit);
}

void LpuDevice::raise_host(std::uint64_t bits) {
    Register& s = regs_.at("INT_STATUS");
    s.set(s.value() | bits);
    update_irq();
}

void LpuDevice::raise_dmc(std::uint64_t bits) {
    Register& s = regs_.at("DMC_INT_STATUS");
    s.set(s.value() | bits);
    update_irq();
}

void LpuDevice::update_irq() {
    irq.set((regs_.at("INT_STATUS").value() & regs_.at("INT_ENABLE").value()) != 0);
    dmc_->meip.set((regs_.at("DMC_INT_STATUS").value() & regs_.at("DMC_INT_ENABLE").value()) != 0);
}

void LpuDevice::set_state(State s) {
    state_ = s;
}

void LpuDevice::clear_error_registers() {
    for (const char* n : {"ERR_CODE", "ERR_QUEUE", "ERR_PC", "ERR_OPCODE", "ERR_CYCLE"})
        regs_.at(n).set(0);
}

// A device-level error (bad image, no program): error state, ERR_CODE, both error interrupts.
void LpuDevice::report_device_error(std::uint32_t code, const std::string& what) {
    log_->warn("{}", what);
    clear_error_registers();
    regs_.at("ERR_CODE").set(code);
    set_state(kError);
    raise_host(regs::INT_STATUS_ERROR);
    raise_dmc(regs::DMC_INT_STATUS_ERROR);
}

// Copies the chip's ErrorReport into the error registers. ERR_QUEUE is the queue's index in the
// loaded program's queue list (0xffffffff if the chip names a queue the program does not have).
void LpuDevice::report_chip_error() {
    const auto& report = chip_->error();
    clear_error_registers();
    if (report) {
        std::uint32_t queue = 0xffffffffu;
        if (program_)
            for (std::size_t i = 0; i < program_->queues.size(); ++i)
                if (program_->queues[i].name == report->queue)
                    queue = static_cast<std::uint32_t>(i);
        regs_.at("ERR_CODE").set(static_cast<std::uint32_t>(report->code));
        regs_.at("ERR_QUEUE").set(queue);
        regs_.at("ERR_PC").set(report->pc);
        regs_.at("ERR_OPCODE").set(report->opcode);
        regs_.at("ERR_CYCLE").set(report->cycle);
        log_->warn("program error: {}", report->to_string());
    }
    set_state(kError);
    raise_host(regs::INT_STATUS_ERROR);
    raise_dmc(regs::DMC_INT_STATUS_ERROR);
}

}  // namespace nodevp::lpu
