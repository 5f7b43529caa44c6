// The LPU device shell: a SystemC module around one lpu::Chip (docs/lpu/device.md).
//
// Host side: a 16 MiB register window (registers at offset 0, the DMC's IMEM and DMEM at
// IMEM_OFFSET / DMEM_OFFSET, from gen/regs.hpp), the SRAM aperture (byte access to the chip's
// SRAM, ECC applied), a DMA initiator socket toward the node, and one interrupt line.
// Inside: the DMC, an RV32IMAC hart with a boot ROM, IMEM, DMEM and the registers on a private
// bus, with the SRAM aperture at DMC_SRAM_BASE. Its boot ROM sleeps until CONTROL.DMC_RUN is set,
// then jumps to IMEM. The DMC's MEIP line is DMC_INT_STATUS & DMC_INT_ENABLE; its MSIP line follows
// CONTROL.DMC_RUN (wakes the boot ROM).
//
// Timing: register accesses add `reg_latency`; the chip runs in an SC_THREAD in slices of
// `slice_cycles` cycles, each computed at once and then waited for (cycles × clock), so results
// become visible at the end of the slice that produced them. A chip with RTL units
// (Chip::clocked()) runs one cycle per clock period instead, ticking its units each cycle. DMA
// moves `dma_chunk` bytes per transaction and waits for each transaction's annotated delay.
//
// Not modelled: resetting the DMC once released (DMC_RUN is sticky: only a node reset would
// restart the DMC); IMEM writes after release are refused (the DMC caches decoded instructions);
// the C2C links to other LPUs.
//
// Secure boot: setting CONTROL.DMC_RUN first runs the boot ROM's check (models/common/
// secure_boot.hpp) of IMEM[0, FW_SIZE) against Params::firmware_sha256; a refused image leaves
// DMC_RUN clear (the DMC stays in reset), sets BOOT_STATUS and raises INT_STATUS.BOOT_ERROR.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>
#include <systemc>
#include <tlm>

#include "models/common/dma_windows.hpp"
#include "models/common/irq.hpp"
#include "models/common/log.hpp"
#include "models/common/memory.hpp"
#include "models/common/regbank.hpp"
#include "models/common/router.hpp"
#include "models/common/sha256.hpp"
#include "models/common/trace.hpp"
#include "models/cpu/hart.hpp"
#include "models/lpu/chip/chip.hpp"
#include "models/mcu/controller.hpp"

namespace nodevp::lpu {

class LpuDevice : public sc_core::sc_module {
  public:
    SC_HAS_PROCESS(LpuDevice);

    struct Params {
        ChipConfig chip;
        sc_core::sc_time clock = sc_core::sc_time(1111, sc_core::SC_PS);  // one chip cycle
        sc_core::sc_time dmc_clock = sc_core::sc_time(1, sc_core::SC_NS);
        sc_core::sc_time reg_latency = sc_core::sc_time(10, sc_core::SC_NS);
        std::uint64_t slice_cycles = 1024;
        unsigned dma_chunk = 256;
        // Digest the DMC firmware must have (lpu.firmware_sha256); none: not checked.
        std::optional<Sha256Digest> firmware_sha256;
        // Test only (lpu.inject_ecc_run): 0 = off; N = the Nth START of this device first flips
        // two bits of the first SRAM word of each of the program's data segments (a double-bit
        // error, which the chip's ECC detects when the program reads that word).
        std::uint64_t inject_ecc_run = 0;
    };

    tlm_utils::simple_target_socket<LpuDevice> window_tsock;  // host register window
    tlm_utils::simple_target_socket<LpuDevice> sram_tsock;    // host SRAM aperture
    tlm_utils::simple_initiator_socket<LpuDevice> dma_isock;  // DMA toward the node
    IrqOut irq;                                               // to the PLIC

    // Throws ImageError (from Geometry::validate) on a bad chip geometry.
    LpuDevice(const sc_core::sc_module_name& name, const Params& params);
    const Params& params() const { return params_; }
    ~LpuDevice() override;

    Chip& chip() { return *chip_; }
    cpu::Hart& dmc() { return dmc_->hart(); }
    RegisterBank& registers() { return regs_; }
    // Whether the DMA windows the host granted (DMA_WIN_*) let the device's DMA reach
    // [addr, addr + length); the fabric asks before every DMA transaction.
    bool dma_allowed(std::uint64_t addr, std::uint64_t length, bool write);
    // Model-side load of DMC firmware into IMEM (tests); throws std::out_of_range past its end.
    void load_imem(std::uint64_t offset, const void* data, std::uint64_t length);

    // What the device did, for the end-of-run report (SPEC section 7). A program still running
    // at the end is not counted.
    struct Activity {
        std::uint64_t runs = 0, failed_runs = 0;  // programs that ended (failed: with an error)
        sc_core::sc_time busy;                    // time programs ran
        std::uint64_t cycles = 0;                 // chip cycles of those runs
        std::uint64_t dma_transfers = 0, dma_bytes = 0, dma_errors = 0;
        std::uint64_t mailbox_requests = 0;
        std::uint64_t ecc_corrected = 0, ecc_detected = 0;
    };
    Activity activity() const;

  private:
    enum State : unsigned { kIdle = 0, kLoaded = 1, kRunning = 2, kDone = 3, kError = 4 };

    // Register declarations and hooks (lpu_regs.cpp).
    void declare_registers();
    void on_control(Register& r, std::uint64_t old);
    bool verify_firmware();
    void on_doorbell_to_dmc();
    void on_doorbell_to_host();
    void on_fault_inject(Register& r);
    void update_irq();
    void set_state(State s);
    State state() const { return state_; }
    void raise_host(std::uint64_t bits);
    void raise_dmc(std::uint64_t bits);
    void clear_error_registers();
    void report_device_error(std::uint32_t code, const std::string& what);
    void report_chip_error();

    // Program control (lpu_run.cpp).
    void start_program();
    void inject_ecc_fault();
    void abort_program();
    void reset_chip();
    void run_thread();
    Chip::State run_clocked();

    // Timeline tracks and activity counts (lpu_trace.cpp): "program" (each run), "dma" (each
    // transfer), "mailbox" (each host request to the DMC) and the DMC hart.
    void trace_tracks();
    static std::string mailbox_command_name(std::uint32_t command);
    void note_run(const sc_core::sc_time& start, std::uint64_t cycles);
    void note_dma(std::uint64_t dir, std::uint64_t src, std::uint64_t dst, std::uint64_t len,
                  bool ok, std::uint64_t start_ps);

    // DMA engine (lpu_dma.cpp).
    void dma_thread();
    bool dma_host(tlm::tlm_command cmd, std::uint64_t addr, std::uint8_t* data, unsigned len);
    bool dma_copy_to_sram(std::uint64_t src, std::uint64_t dst, std::uint64_t len);
    bool dma_copy_from_sram(std::uint64_t src, std::uint64_t dst, std::uint64_t len);
    bool dma_load_program(std::uint64_t src, std::uint64_t len);
    void dma_finish(bool ok);

    // Transport (lpu_device.cpp).
    void window_b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
    unsigned window_transport_dbg(tlm::tlm_generic_payload& gp);
    void dmc_regs_b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
    unsigned dmc_regs_transport_dbg(tlm::tlm_generic_payload& gp);
    void sram_b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
    unsigned sram_transport_dbg(tlm::tlm_generic_payload& gp);
    void build_dmc(const Params& params);

    Params params_;
    log::Logger log_;
    std::unique_ptr<Chip> chip_;
    RegisterBank regs_;
    std::unique_ptr<DmaWindows> windows_;
    tlm_utils::simple_target_socket<LpuDevice> dmc_regs_tsock_;
    tlm_utils::simple_target_socket<LpuDevice> dmc_sram_tsock_;
    std::unique_ptr<mcu::Controller> dmc_;

    State state_ = kIdle;
    std::optional<Program> program_;  // the last program loaded by DMA
    bool abort_requested_ = false;
    std::uint64_t starts_ = 0;  // STARTs that ran a program (lpu.inject_ecc_run counts them)
    bool dma_busy_ = false;
    std::vector<std::uint8_t> dma_buffer_;
    sc_core::sc_event start_event_, dma_event_;

    Activity activity_;
    trace::MailboxTrack mailbox_;
    trace::TrackId program_track_ = trace::kNoTrack, dma_track_ = trace::kNoTrack;
    std::uint64_t access_ps_ = 0;  // time of the register access being served (its delay added)
};

}  // namespace nodevp::lpu
