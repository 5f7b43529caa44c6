// A request a device sends through its DMA port before it touches memory of its own directly
// (a GPU kernel on its HBM, say): a TLM_IGNORE_COMMAND transaction over [address, address +
// length) carrying this extension. A coherent interconnect (models/fabric) then recalls what
// the host caches of that range: dirty data is written back, and for `for_write` every cached
// copy is invalidated, so the device's direct accesses and the host's caches agree. Without a
// coherent interconnect (or where nothing is cached) the request is a no-op that succeeds.
#pragma once

#include <tlm>

namespace nodevp {

class RecallExtension : public tlm::tlm_extension<RecallExtension> {
  public:
    bool for_write = false;
    tlm::tlm_extension_base* clone() const override {
        auto* e = new RecallExtension;
        e->for_write = for_write;
        return e;
    }
    void copy_from(const tlm::tlm_extension_base& other) override {
        for_write = static_cast<const RecallExtension&>(other).for_write;
    }
};

}  // namespace nodevp
