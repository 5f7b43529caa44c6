// SiFive CLINT: machine software interrupts (msip) and the machine timer (mtime, mtimecmp).
//
// mtime = (simulated time of the access, i.e. sc_time_stamp() + delay) x timebase_hz + offset,
// where a guest write to mtime sets the offset. MTIP of hart h is mtime >= mtimecmp[h]; a
// per-hart event raises it at the exact simulated time mtime reaches mtimecmp (re-armed on every
// mtime or mtimecmp write; nothing polls). mtime and mtimecmp are 64-bit registers that also take
// aligned 32-bit accesses (RV32). msip keeps bit 0 only. Registers exist only for the harts
// configured; other offsets are address errors.
//
// Not modelled: mtime wrap-around (2^64 ticks), the per-hart mtime of ACLINT, ssip/stimecmp.
#pragma once

#include <cstdint>
#include <vector>

#include "models/common/irq.hpp"
#include "models/common/mmio_device.hpp"

namespace nodevp {

class Clint : public MmioDevice {
  public:
    Clint(const sc_core::sc_module_name& name, unsigned num_harts, std::uint64_t timebase_hz);

    IrqOut& msip(unsigned hart) { return msip_.at(hart); }
    IrqOut& mtip(unsigned hart) { return mtip_.at(hart); }
    unsigned num_harts() const { return num_harts_; }

    // mtime at simulated time `t` (model side, e.g. for the harts' `time` CSR).
    std::uint64_t mtime_at(const sc_core::sc_time& t) const;

  protected:
    void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) override;
    unsigned transport_dbg(tlm::tlm_generic_payload& gp) override;

  private:
    void declare_registers();
    // Recomputes every msip/mtip line at time `now` and re-arms the timer for the earliest
    // mtimecmp not yet reached.
    void update_irq(const sc_core::sc_time& now);
    void on_timer();
    std::uint64_t ticks_at(const sc_core::sc_time& t) const;
    // Earliest simulated time at which ticks_at() >= `ticks`; false if beyond any sc_time.
    bool time_of_ticks(std::uint64_t ticks, sc_core::sc_time& t) const;

    unsigned num_harts_;
    std::uint64_t timebase_hz_;
    std::uint64_t offset_ = 0;  // mtime - ticks (modulo 2^64)
    sc_core::sc_time access_time_;
    std::vector<IrqOut> msip_, mtip_;
    sc_core::sc_event timer_;
    std::vector<Register*> msip_reg_, mtimecmp_reg_;
    Register* mtime_reg_ = nullptr;
};

}  // namespace nodevp
