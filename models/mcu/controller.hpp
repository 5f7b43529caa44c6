// A device's management controller (the LPU's DMC, the GPU's GSP): an RV32IMAC hart of our ISS
// on a private bus with a boot ROM, IMEM and DMEM. The device maps its own targets (registers,
// memory windows) on bus(), drives meip/msip, and shows IMEM and DMEM in its host window
// (host_access). The boot ROM sleeps with only MSIE enabled until the device's run bit is set,
// then jumps to IMEM; IMEM refuses host writes while `imem_locked()` says the controller runs
// (it caches decoded instructions). Not an sc_module: its parts are children of the device that
// builds it, named from `Layout::prefix`.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>

#include "models/common/irq.hpp"
#include "models/common/log.hpp"
#include "models/common/memory.hpp"
#include "models/common/regbank.hpp"
#include "models/common/router.hpp"
#include "models/common/secure_boot.hpp"
#include "models/cpu/hart.hpp"

namespace nodevp::mcu {

struct Layout {
    std::string prefix;  // names: <prefix>bootrom, <prefix>imem, <prefix>dmem, <prefix>bus
    std::string hart;    // the hart's name (e.g. "dmc")
    std::string label;   // in messages (e.g. "DMC")
    std::uint64_t bootrom_base = 0x1000;
    std::uint64_t imem_base = 0, imem_size = 0;
    std::uint64_t dmem_base = 0, dmem_size = 0;
    std::uint64_t host_imem_offset = 0, host_dmem_offset = 0;  // in the device's host window
    // The boot ROM's wait-for-run loop: the run register's bus address and bit.
    std::uint64_t run_register = 0;
    std::uint32_t run_mask = 0;
    sc_core::sc_time clock = sc_core::sc_time(1, sc_core::SC_NS);
};

// The boot ROM: mie = MSIE; wfi until the word at run_register has run_mask set; mie = 0; jump
// to imem_base (RV32I machine code; bases 4 KiB aligned, register offset and mask < 2048).
std::vector<std::uint32_t> wait_for_run_boot_rom(std::uint64_t run_register, std::uint32_t run_mask,
                                                 std::uint64_t imem_base);

class Controller {
  public:
    // Throws std::invalid_argument when the layout cannot be encoded in the boot ROM.
    Controller(const Layout& layout, log::Logger log, std::function<bool()> imem_locked);
    ~Controller();

    Router& bus() { return *bus_; }
    cpu::Hart& hart() { return *hart_; }
    Memory& imem() { return *imem_; }
    IrqOut meip, msip;

    // Model-side load into IMEM (tests, secure boot); throws std::out_of_range past its end.
    void load_imem(std::uint64_t offset, const void* data, std::uint64_t length);
    // The boot ROM's firmware check before the controller leaves reset (secure boot,
    // models/common/secure_boot.hpp): hashes IMEM[0, FW_SIZE) of `regs`, sets BOOT_STATUS and
    // FW_DIGEST<n> there, logs the outcome and returns whether the image may run; a refused image
    // is for the caller to report (its BOOT_ERROR interrupt).
    bool verify_firmware(RegisterBank& regs, const std::optional<Sha256Digest>& provisioned);
    // The device's host window at IMEM/DMEM offsets: false when [address, +length) is not
    // wholly inside one of them (the device answers that as an address error).
    bool host_access(tlm::tlm_generic_payload& gp, bool debug);

  private:
    Layout layout_;
    log::Logger log_;
    std::function<bool()> imem_locked_;
    std::unique_ptr<Router> bus_;
    std::unique_ptr<Memory> bootrom_, imem_, dmem_;
    std::unique_ptr<cpu::Hart> hart_;
};

}  // namespace nodevp::mcu
