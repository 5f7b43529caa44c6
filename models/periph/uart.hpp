// ns16550a UART with 1-byte registers (reg-shift 0).
//
// Modelled: THR/RBR, the DLAB divisor latch (DLL/DLM at offsets 0/1), IER, IIR with the 16550
// priorities (receiver line status > received data > THR empty), FCR (FIFO enable, RX/TX FIFO
// reset), LCR, MCR with loopback (THR bytes go to the RX FIFO; MSR reflects MCR), LSR (DR, OE,
// THRE, TEMT; OE clears on read), MSR, SCR, a 16-byte RX FIFO (a byte arriving while it is full
// is dropped and sets OE). Transmission is immediate: THRE and TEMT stay set, and the THR-empty
// interrupt re-arms after every THR write. Output is buffered and flushed at each newline, at the
// end of simulation and on destruction. Input is deterministic when scripted: one byte every
// `input_interval` of simulated time while the FIFO has room. Console input polls stdin without
// blocking at that interval (that process never ends, so such a simulation needs sc_stop()).
//
// Not modelled: baud rate and character timing (the divisor is stored only), RX trigger levels
// and the character-timeout interrupt (received data interrupts as soon as one byte is there),
// parity/framing/break errors, modem status deltas and interrupt, OUT2 gating of the IRQ line.
#pragma once

#include <cstdint>
#include <deque>
#include <fstream>
#include <ostream>
#include <string>

#include "models/common/irq.hpp"
#include "models/common/mmio_device.hpp"

namespace nodevp {

class Uart : public MmioDevice {
  public:
    struct Config {
        enum class Output { console, file, stream };
        enum class Input { none, script, console };
        Output output = Output::console;
        std::string output_path;                // Output::file
        std::ostream* output_stream = nullptr;  // Output::stream (owned by the caller)
        Input input = Input::none;
        std::string script;  // Input::script
        sc_core::sc_time input_interval = sc_core::sc_time(100, sc_core::SC_US);
        // Scripted input: the first byte arrives at input_start + input_interval. Bytes that
        // arrive before the guest sets up the FIFOs are lost to its FCR reset, as on hardware.
        sc_core::sc_time input_start = sc_core::SC_ZERO_TIME;
        // Scripted input: when not empty, each line of the script (up to and including its
        // '\n') is held back until the guest has transmitted this text since the previous line
        // began (a shell prompt such as U-Boot's "=> "), so no byte meets an unready reader.
        std::string prompt;
    };
    static constexpr unsigned kRxFifoSize = 16;

    IrqOut irq;

    // Throws std::runtime_error if the output file cannot be opened and std::invalid_argument on
    // an inconsistent config.
    Uart(const sc_core::sc_module_name& name, const Config& config);
    ~Uart() override;

    // Writes buffered output to the sink.
    void flush();
    // Model-side console output (e.g. HTIF putchar): goes to the same sink as transmitted bytes,
    // in order with them, bypassing the registers and loopback.
    void write_console(std::uint8_t byte);
    // Model-side receive (e.g. from a host console): false, and OE set, if the FIFO was full.
    bool receive(std::uint8_t byte);
    unsigned rx_level() const { return static_cast<unsigned>(rx_fifo_.size()); }

  protected:
    void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) override;
    void end_of_simulation() override { flush(); }

  private:
    void declare_registers();
    bool dlab() const;
    std::uint8_t read_rbr();
    void write_thr(std::uint8_t byte);
    std::uint8_t read_iir();
    void write_fcr(std::uint8_t value);
    void transmit(std::uint8_t byte);
    // The interrupt identification (IIR bits 3:0) for the current state.
    std::uint8_t interrupt_id() const;
    // Refreshes LSR/MSR from the state and drives `irq`.
    void update_irq();
    void feed_script();
    void watch_prompt(std::uint8_t byte);  // transmitted byte: sets prompt_seen_
    void poll_console();

    Config config_;
    std::ofstream file_;
    std::ostream* out_;
    std::string tx_buffer_;
    std::deque<std::uint8_t> rx_fifo_;
    bool fifo_enabled_ = false;
    bool thr_empty_irq_ = false;  // THR-empty interrupt pending (cleared by IIR read / THR write)
    bool overrun_ = false;
    std::uint8_t dll_ = 0, dlm_ = 0;
    sc_core::sc_event rx_room_;
    std::string tx_tail_;  // the last prompt.size() transmitted bytes
    bool prompt_seen_ = false;
    sc_core::sc_event prompt_event_;
    Register* ier_ = nullptr;
    Register* lcr_ = nullptr;
    Register* mcr_ = nullptr;
    Register* lsr_ = nullptr;
    Register* msr_ = nullptr;
};

}  // namespace nodevp
