// Address router: forwards transactions from any number of initiators to mapped targets.
//
// Targets see addresses relative to their region's base; the payload's address is restored after
// forwarding. DMI requests are forwarded and the granted range translated back and clipped to the
// region; invalidations from a target are translated and broadcast to every initiator. An access
// that hits no region gets TLM_ADDRESS_ERROR_RESPONSE and a warning; one that crosses the end of
// its region gets TLM_ADDRESS_ERROR_RESPONSE too (debug accesses are truncated instead).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <tlm_utils/multi_passthrough_initiator_socket.h>
#include <tlm_utils/multi_passthrough_target_socket.h>
#include <tlm>

#include "models/common/log.hpp"

namespace nodevp {

class Router : public sc_core::sc_module {
  public:
    tlm_utils::multi_passthrough_target_socket<Router> tsock;     // initiators bind here
    tlm_utils::multi_passthrough_initiator_socket<Router> isock;  // targets, via map()

    struct Mapping {
        std::string name;
        std::uint64_t base;
        std::uint64_t size;
        unsigned port;
        std::uint64_t last() const { return base + size - 1; }
    };

    explicit Router(const sc_core::sc_module_name& name);

    // Maps [base, base + size) to `target`. Throws std::invalid_argument on an overlap or a
    // zero size (a node description error, reported before simulation starts).
    void map(tlm::tlm_target_socket<>& target, std::uint64_t base, std::uint64_t size,
             std::string region_name);

    const std::vector<Mapping>& mappings() const { return by_base_; }
    // The mapping holding `addr`, or nullptr.
    const Mapping* decode(std::uint64_t addr) const;

  private:
    void b_transport(int id, tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
    bool get_direct_mem_ptr(int id, tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi);
    unsigned transport_dbg(int id, tlm::tlm_generic_payload& gp);
    void invalidate_direct_mem_ptr(int port, sc_dt::uint64 start, sc_dt::uint64 end);

    log::Logger log_;
    std::vector<Mapping> by_base_;  // sorted by base
    std::vector<Mapping> by_port_;  // indexed by initiator port
    mutable const Mapping* last_hit_ = nullptr;
};

}  // namespace nodevp
