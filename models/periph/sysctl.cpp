#include "models/periph/sysctl.hpp"

#include "gen/regs.hpp"
#include "models/periph/field_mask.hpp"

namespace nodevp {

namespace regs = gen::regs::sysctl;

Sysctl::Sysctl(const sc_core::sc_module_name& name) : MmioDevice(name) {
    regs_
        .add("finisher", regs::FINISHER, regs::FINISHER_width, 0,
             {periph::mask_field("STATUS", regs::FINISHER_STATUS, Access::wo),
              periph::mask_field("CODE", regs::FINISHER_CODE, Access::wo)})
        .min_access(2)  // OpenSBI's sifive_test driver writes STATUS alone (writew)
        .on_write([this](Register& r, std::uint64_t) {
            const auto value = static_cast<std::uint32_t>(r.value());
            r.set(0);
            on_finisher(value);
        });
}

void Sysctl::on_finisher(std::uint32_t value) {
    const std::uint32_t status = value & regs::FINISHER_STATUS;
    const int code = static_cast<int>((value & regs::FINISHER_CODE) >> regs::FINISHER_CODE_shift);
    Action action;
    if (status == regs::FINISHER_PASS) {
        action = Action::pass;
    } else if (status == regs::FINISHER_FAIL) {
        action = Action::fail;
    } else if (status == regs::FINISHER_RESET) {
        action = Action::reset;
    } else {
        log_->warn("finisher write {:#010x}: unknown status {:#06x} ignored", value, status);
        return;
    }
    // A failure never reads as success: FAIL with CODE 0 (OpenSBI's shutdown for a system
    // failure writes FAIL alone) exits 1.
    const int exit_code = action == Action::fail ? (code == 0 ? 1 : code) : 0;
    log_->info("finisher: {} (code {})",
               action == Action::pass   ? "pass"
               : action == Action::fail ? "fail"
                                        : "reset",
               exit_code);
    if (!handler_) {
        log_->warn("no handler installed; request dropped");
        return;
    }
    handler_(action, exit_code);
}

}  // namespace nodevp
