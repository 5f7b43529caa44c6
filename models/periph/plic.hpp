// SiFive PLIC 1.0.0: level-triggered interrupt sources routed to per-hart M and S contexts.
//
// Sources are 1..num_sources (source 0 does not exist); context 2h is hart h's M mode, 2h+1 its
// S mode. Gateway (PLIC spec, "Interrupt Gateways"): a rising line makes an unclaimed source
// pending; the gateway cannot retract a request, so it stays pending until claimed even if the
// line drops first (QEMU's virt PLIC withdraws it instead; software must cope with either, and a
// handler may find its device no longer needing service). Claim returns the highest
// priority pending source enabled for the context with priority > threshold (ties: lowest id),
// clears its pending bit and marks it claimed; a complete (write of the id to CLAIM) ends the
// claim and re-pends the source if its line is still high. Completions of ids not enabled for the
// context are ignored. Priority 0 never interrupts. Registers exist only for existing sources and
// contexts; any other offset is an address error.
//
// Not modelled: edge-triggered sources, the PLIC's own access latency beyond the device default,
// per-context claim tracking (a claimed source is claimed for all contexts, as in hardware).
#pragma once

#include <cstdint>
#include <vector>

#include "models/common/irq.hpp"
#include "models/common/mmio_device.hpp"

namespace nodevp {

class Plic : public MmioDevice, public IrqSink {
  public:
    Plic(const sc_core::sc_module_name& name, unsigned num_sources, unsigned num_contexts);

    // Source line `source` (1..num_sources) changed level. Other numbers are a wiring bug and
    // throw std::out_of_range.
    void irq_changed(unsigned source, bool level) override;
    IrqOut& context_irq(unsigned context) { return out_.at(context); }

    unsigned num_sources() const { return num_sources_; }
    unsigned num_contexts() const { return num_contexts_; }
    bool pending(unsigned source) const { return pending_.at(source); }

  private:
    void declare_registers();
    void declare_context(unsigned ctx);
    // Recomputes every context's output (and the CLAIM value a debugger would see).
    void update_irq();
    // Best claimable source for `ctx`, or 0.
    unsigned best_source(unsigned ctx) const;
    std::uint64_t claim(unsigned ctx);
    void complete(unsigned ctx, std::uint64_t id);
    bool enabled(unsigned ctx, unsigned source) const;
    unsigned priority(unsigned source) const;
    unsigned words() const { return num_sources_ / 32 + 1; }

    unsigned num_sources_;
    unsigned num_contexts_;
    std::vector<bool> level_, pending_, claimed_;  // indexed by source
    std::vector<IrqOut> out_;                      // by context
    std::vector<Register*> priority_reg_;          // by source (entry 0 unused)
    std::vector<Register*> pending_reg_;           // by word
    std::vector<Register*> enable_reg_;            // by ctx * words() + word
    std::vector<Register*> threshold_reg_, claim_reg_;
};

}  // namespace nodevp
