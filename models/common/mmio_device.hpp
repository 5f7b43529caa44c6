// Base of every memory-mapped device model: a TLM target socket decoded by a RegisterBank.
//
// Loosely timed: an access adds the device's access latency to `delay` and never waits.
// Derived classes declare registers in `regs_` in their constructor and call update_irq()-style
// helpers from register hooks.
#pragma once

#include <tlm_utils/simple_target_socket.h>
#include <tlm>

#include "models/common/log.hpp"
#include "models/common/regbank.hpp"

namespace nodevp {

class MmioDevice : public sc_core::sc_module {
  public:
    tlm_utils::simple_target_socket<MmioDevice> tsock;

    MmioDevice(const sc_core::sc_module_name& name,
               sc_core::sc_time access_latency = sc_core::sc_time(10, sc_core::SC_NS))
        : sc_module(name),
          tsock("tsock"),
          regs_(this->name()),
          log_(log::get(this->name())),
          latency_(access_latency) {
        tsock.register_b_transport(this, &MmioDevice::b_transport);
        tsock.register_transport_dbg(this, &MmioDevice::transport_dbg);
    }

    RegisterBank& registers() { return regs_; }
    // Latency added to every b_transport (default 10 ns).
    void set_access_latency(const sc_core::sc_time& latency) { latency_ = latency; }

  protected:
    virtual void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
        regs_.transport(gp);
        delay += latency_;
    }
    virtual unsigned transport_dbg(tlm::tlm_generic_payload& gp) { return regs_.transport_dbg(gp); }

    RegisterBank regs_;
    log::Logger log_;
    sc_core::sc_time latency_;
};

}  // namespace nodevp
