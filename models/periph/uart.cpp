#include "models/periph/uart.hpp"

#include <poll.h>
#include <unistd.h>

#include <iostream>
#include <stdexcept>

#include <fmt/format.h>

#include "gen/regs.hpp"
#include "models/periph/field_mask.hpp"

namespace nodevp {

namespace regs = gen::regs::uart;

namespace {
// 16550 bits that node.yaml does not describe.
constexpr std::uint8_t kFcrFifoEnable = 0x01;
constexpr std::uint8_t kFcrRxReset = 0x02;
constexpr std::uint8_t kMcrOut1 = 0x04;
constexpr unsigned kMcrWidth = 5;  // DTR, RTS, OUT1, OUT2, LOOP
constexpr std::uint8_t kMsrCts = 0x10, kMsrDsr = 0x20, kMsrRi = 0x40, kMsrDcd = 0x80;
constexpr std::uint8_t kIerMask =
    regs::IER_ERBFI | regs::IER_ETBEI | regs::IER_ELSI | regs::IER_EDSSI;
}  // namespace

Uart::Uart(const sc_core::sc_module_name& name, const Config& config)
    : MmioDevice(name), config_(config), out_(&std::cout) {
    switch (config_.output) {
        case Config::Output::console:
            break;
        case Config::Output::file:
            file_.open(config_.output_path, std::ios::binary | std::ios::trunc);
            if (!file_)
                throw std::runtime_error(fmt::format("{}: cannot open output file '{}'",
                                                     this->name(), config_.output_path));
            out_ = &file_;
            break;
        case Config::Output::stream:
            if (!config_.output_stream)
                throw std::invalid_argument(
                    fmt::format("{}: stream output without a stream", this->name()));
            out_ = config_.output_stream;
            break;
    }
    if (config_.input != Config::Input::none && config_.input_interval == sc_core::SC_ZERO_TIME)
        throw std::invalid_argument(fmt::format("{}: input interval is zero", this->name()));
    declare_registers();
    update_irq();
    SC_HAS_PROCESS(Uart);
    if (config_.input == Config::Input::script) SC_THREAD(feed_script);
    if (config_.input == Config::Input::console) SC_THREAD(poll_console);
}

Uart::~Uart() {
    flush();
}

void Uart::declare_registers() {
    regs_.add("rbr_thr", regs::RBR_THR, regs::RBR_THR_width)
        .on_read([this](const Register&) -> std::uint64_t { return dlab() ? dll_ : read_rbr(); })
        .on_write([this](Register& r, std::uint64_t) {
            const auto v = static_cast<std::uint8_t>(r.value());
            r.set(0);
            if (dlab())
                dll_ = v;
            else
                write_thr(v);
        });
    regs_.add("ier", regs::IER, regs::IER_width)
        .on_read([this](const Register& r) -> std::uint64_t { return dlab() ? dlm_ : r.value(); })
        .on_write([this](Register& r, std::uint64_t old) {
            if (dlab()) {
                dlm_ = static_cast<std::uint8_t>(r.value());
                r.set(old);
                return;
            }
            r.set(r.value() & kIerMask);
            // Enabling the THR-empty interrupt while THR is empty raises it (16550 behaviour).
            if ((r.value() & ~old) & regs::IER_ETBEI) thr_empty_irq_ = true;
        });
    regs_.add("iir_fcr", regs::IIR_FCR, regs::IIR_FCR_width)
        .on_read([this](const Register&) -> std::uint64_t { return read_iir(); })
        .on_write([this](Register& r, std::uint64_t) {
            write_fcr(static_cast<std::uint8_t>(r.value()));
            r.set(0);
        });
    regs_.add("lcr", regs::LCR, regs::LCR_width);
    regs_.add("mcr", regs::MCR, regs::MCR_width, 0, {Field{"MCR", 0, kMcrWidth, Access::rw}});
    regs_.add("lsr", regs::LSR, regs::LSR_width, 0,
              {periph::mask_field("DR", regs::LSR_DR, Access::ro),
               periph::mask_field("OE", regs::LSR_OE, Access::rc),
               periph::mask_field("THRE", regs::LSR_THRE, Access::ro),
               periph::mask_field("TEMT", regs::LSR_TEMT, Access::ro)});
    regs_.add("msr", regs::MSR, regs::MSR_width, 0, {Field{"MSR", 0, 8, Access::ro}});
    regs_.add("scr", regs::SCR, regs::SCR_width);
    ier_ = regs_.find(regs::IER);
    lcr_ = regs_.find(regs::LCR);
    mcr_ = regs_.find(regs::MCR);
    lsr_ = regs_.find(regs::LSR);
    msr_ = regs_.find(regs::MSR);
}

bool Uart::dlab() const {
    return lcr_->value() & regs::LCR_DLAB;
}

std::uint8_t Uart::read_rbr() {
    if (rx_fifo_.empty()) return 0;
    const std::uint8_t byte = rx_fifo_.front();
    rx_fifo_.pop_front();
    rx_room_.notify(sc_core::SC_ZERO_TIME);
    return byte;
}

void Uart::write_thr(std::uint8_t byte) {
    thr_empty_irq_ = false;
    transmit(byte);
    thr_empty_irq_ = true;  // transmission is immediate: THR is empty again
}

void Uart::transmit(std::uint8_t byte) {
    if (mcr_->value() & regs::MCR_LOOP) {
        receive(byte);
        return;
    }
    write_console(byte);
    watch_prompt(byte);
}

void Uart::watch_prompt(std::uint8_t byte) {
    const std::string& prompt = config_.prompt;
    if (prompt.empty()) return;
    tx_tail_.push_back(static_cast<char>(byte));
    if (tx_tail_.size() > prompt.size()) tx_tail_.erase(0, tx_tail_.size() - prompt.size());
    if (tx_tail_ == prompt) {
        prompt_seen_ = true;
        prompt_event_.notify(sc_core::SC_ZERO_TIME);
    }
}

void Uart::write_console(std::uint8_t byte) {
    tx_buffer_.push_back(static_cast<char>(byte));
    if (byte == '\n') flush();
}

void Uart::flush() {
    if (tx_buffer_.empty()) return;
    out_->write(tx_buffer_.data(), static_cast<std::streamsize>(tx_buffer_.size()));
    out_->flush();
    tx_buffer_.clear();
}

bool Uart::receive(std::uint8_t byte) {
    const unsigned capacity = fifo_enabled_ ? kRxFifoSize : 1;
    const bool accepted = rx_fifo_.size() < capacity;
    if (accepted)
        rx_fifo_.push_back(byte);
    else
        lsr_->set(lsr_->value() | regs::LSR_OE);
    update_irq();
    return accepted;
}

std::uint8_t Uart::interrupt_id() const {
    const std::uint64_t ier = ier_->value();
    if ((ier & regs::IER_ELSI) && (lsr_->value() & regs::LSR_OE)) return regs::IIR_RX_LINE;
    if ((ier & regs::IER_ERBFI) && !rx_fifo_.empty()) return regs::IIR_RX_DATA;
    if ((ier & regs::IER_ETBEI) && thr_empty_irq_) return regs::IIR_THR_EMPTY;
    return regs::IIR_NONE;
}

std::uint8_t Uart::read_iir() {
    const std::uint8_t id = interrupt_id();
    if (id == regs::IIR_THR_EMPTY) thr_empty_irq_ = false;  // reading IIR acknowledges it
    return static_cast<std::uint8_t>(id | (fifo_enabled_ ? regs::IIR_FCR_FIFOEN : 0));
}

void Uart::write_fcr(std::uint8_t value) {
    const bool enable = value & kFcrFifoEnable;
    if (enable != fifo_enabled_ || (value & kFcrRxReset)) {
        rx_fifo_.clear();  // changing the FIFO mode also empties the FIFOs
        rx_room_.notify(sc_core::SC_ZERO_TIME);
    }
    fifo_enabled_ = enable;
}

void Uart::update_irq() {
    std::uint64_t lsr = (lsr_->value() & regs::LSR_OE) | regs::LSR_THRE | regs::LSR_TEMT;
    if (!rx_fifo_.empty()) lsr |= regs::LSR_DR;
    lsr_->set(lsr);
    const std::uint64_t mcr = mcr_->value();
    std::uint8_t msr = kMsrCts | kMsrDsr | kMsrDcd;  // a connected, ready peer
    if (mcr & regs::MCR_LOOP) {
        msr = 0;
        if (mcr & regs::MCR_RTS) msr |= kMsrCts;
        if (mcr & regs::MCR_DTR) msr |= kMsrDsr;
        if (mcr & kMcrOut1) msr |= kMsrRi;
        if (mcr & regs::MCR_OUT2) msr |= kMsrDcd;
    }
    msr_->set(msr);
    irq.set(interrupt_id() != regs::IIR_NONE);
}

void Uart::b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
    MmioDevice::b_transport(gp, delay);
    update_irq();
}

void Uart::feed_script() {
    if (config_.input_start != sc_core::SC_ZERO_TIME) wait(config_.input_start);
    bool line_start = true;
    for (const char c : config_.script) {
        if (line_start && !config_.prompt.empty()) {
            while (!prompt_seen_) wait(prompt_event_);
            prompt_seen_ = false;
        }
        line_start = c == '\n';
        wait(config_.input_interval);
        const unsigned capacity = fifo_enabled_ ? kRxFifoSize : 1;
        while (rx_fifo_.size() >= capacity) wait(rx_room_);
        receive(static_cast<std::uint8_t>(c));
    }
}

void Uart::poll_console() {
    for (;;) {
        wait(config_.input_interval);
        pollfd fd{STDIN_FILENO, POLLIN, 0};
        while (rx_level() < (fifo_enabled_ ? kRxFifoSize : 1) && ::poll(&fd, 1, 0) > 0) {
            std::uint8_t byte = 0;
            if (::read(STDIN_FILENO, &byte, 1) != 1) return;  // end of input or error
            receive(byte);
        }
    }
}

}  // namespace nodevp
