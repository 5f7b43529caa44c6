// The coherent C2C fabric of the node as a TLM-2.0 model: a switch with one C2C link per site
// (host complex, GPU, each LPU) plus direct LPU-to-LPU links, a home agent with a directory for
// every memory, a caching agent per host hart and an I/O-coherent agent per device DMA port.
// docs/fabric.md is the user's view; README.md the protocol.
//
// Wiring. Initiators reach the node's address router through an AgentTag, which marks every
// transaction with the fabric agent that issued it (AgentExtension). The router maps each
// memory and device window that lies behind the fabric to one of the fabric's region sockets
// (add_memory / add_window return it); the fabric forwards to the real target through its own
// initiator socket for that region, so targets see the same region-relative addresses as
// before.
//
// Fidelities (identical functional results; only timing and host cost differ):
// - fast: memories are accessed directly (DMI for an agent at the memory's own site); an
//   access from another site is charged on the links it crosses, one line-sized message at a
//   time, so streams pipeline and share link bandwidth. Caches are not simulated.
// - timed: every host-hart access to a memory goes through that hart's cache (ReadShared,
//   ReadUnique, CleanUnique, WriteBack, Evict) and the protocol; device DMA uses ReadOnce /
//   WriteUnique per line through its I/O agent, snooping the caches. Data moves in messages;
//   a home reads and writes its memory only when data enters or leaves the caches. Every
//   message is timed on the links (or on-chip hops) between its source and destination site.
//   Lines the node declares uncached (HTIF, device apertures) are read and written by the host
//   with ReadOnce / WriteUnique.
//
// Recall. A device about to access memory at its own site directly (a GPU kernel on HBM) first
// sends a TLM_IGNORE_COMMAND with a RecallExtension (models/common/coherence.hpp) over the
// range: in `timed` the host's cached copies are cleaned or invalidated through the device's
// I/O agent, so its direct accesses see and leave coherent data.
//
// Device windows. A device agent may have a window check (the IOMMU-style DMA windows its
// driver granted, held in the device's registers): an access outside them is refused with
// TLM_ADDRESS_ERROR_RESPONSE, logged as an error naming the agent and address, and counted.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>
#include <systemc>
#include <tlm>

#include "models/common/log.hpp"
#include "models/common/trace.hpp"
#include "models/fabric/c2c_link.hpp"
#include "models/fabric/caching_agent.hpp"
#include "models/fabric/faults.hpp"
#include "models/fabric/home_agent.hpp"
#include "models/fabric/io_agent.hpp"
#include "models/fabric/network.hpp"

namespace nodevp::fabric {

enum class Fidelity { fast, timed };
// "fast" or "timed"; throws std::invalid_argument otherwise.
Fidelity parse_fidelity(const std::string& s);

// The fabric agent that issued a transaction.
class AgentExtension : public tlm::tlm_extension<AgentExtension> {
  public:
    int agent = -1;
    tlm::tlm_extension_base* clone() const override;
    void copy_from(const tlm::tlm_extension_base& other) override;
};

// Marks every transaction passing from `tsock` to `isock` with one agent id; DMI requests,
// debug transport and invalidations pass through.
class AgentTag : public sc_core::sc_module {
  public:
    tlm_utils::simple_target_socket<AgentTag> tsock;
    tlm_utils::simple_initiator_socket<AgentTag> isock;

    AgentTag(const sc_core::sc_module_name& name, int agent);

  private:
    void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
    bool get_direct_mem_ptr(tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi);
    unsigned transport_dbg(tlm::tlm_generic_payload& gp);
    void invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end);
    AgentExtension ext_;
};

struct FabricConfig {
    Fidelity fidelity = Fidelity::fast;
    sc_core::sc_time local_latency = sc_core::sc_time(2, sc_core::SC_NS);  // one on-chip hop
    std::uint64_t cache_bytes = 16 * 1024;                                 // per host hart
    unsigned cache_ways = 4;
    sc_core::sc_time cache_hit_latency = sc_core::sc_time(1, sc_core::SC_NS);
    // Test only: arm one protocol fault on the lines of [fault_first, fault_last].
    Fault fault = Fault::None;
    std::uint64_t fault_first = 0, fault_last = ~std::uint64_t{0};
};

class Fabric : public sc_core::sc_module {
  public:
    // May `agent` reach [addr, addr + length)? (the device's granted DMA windows)
    using WindowCheck = std::function<bool(std::uint64_t addr, std::uint64_t length, bool write)>;

    struct AgentStats {
        std::uint64_t reads = 0, writes = 0;  // transactions
        std::uint64_t bytes = 0;
        std::uint64_t hits = 0, misses = 0;  // timed fidelity, host harts
        std::uint64_t refused = 0;           // outside the granted windows
        std::uint64_t recalled = 0;          // lines recalled from host caches (RecallExtension)
    };

    // Throws std::invalid_argument on an impossible configuration (cache geometry); requires a
    // SystemC time resolution of 1 ps (the default).
    Fabric(const sc_core::sc_module_name& name, const FabricConfig& config);
    ~Fabric() override;

    // Topology, built before simulation starts. A site is a chip with one link to the switch.
    int add_site(const std::string& name, const LinkConfig& link);
    void add_direct_link(int site_a, int site_b, const LinkConfig& link);
    // A host hart: a caching agent with the configured cache (timed fidelity). Returns the
    // agent id to tag it with.
    int add_hart(const std::string& name, int site);
    // Any caching agent (a device's cache, such as the GPU L2) of `bytes` and `ways`; throws
    // std::invalid_argument on a bad geometry.
    int add_cache(const std::string& name, int site, std::uint64_t bytes, unsigned ways,
                  WindowCheck check = {});
    // A device DMA port: an I/O-coherent agent; `check` (optional) holds its granted windows.
    int add_device(const std::string& name, int site, WindowCheck check = {});
    // A memory behind a home agent at `site`; `host_cacheable`: host harts cache its lines in
    // timed fidelity. Returns the socket to map at [base, base + size) in the router.
    tlm::tlm_target_socket<>& add_memory(const std::string& name, int site, std::uint64_t base,
                                         std::uint64_t size, tlm::tlm_target_socket<>& target,
                                         bool host_cacheable);
    // A device register window at `site` (not coherent; accesses are timed over the links).
    tlm::tlm_target_socket<>& add_window(const std::string& name, int site, std::uint64_t base,
                                         std::uint64_t size, tlm::tlm_target_socket<>& target);
    // Host harts never cache lines of [base, base + size) (HTIF mailboxes).
    void set_uncached(std::uint64_t base, std::uint64_t size);

    Fidelity fidelity() const { return config_.fidelity; }
    const FaultSwitch& faults() const { return faults_; }
    const AgentStats& agent_stats(int agent) const;
    // End-of-run statistics as a JSON object (links, homes, agents).
    std::string stats_json() const;
    // The same in short, for the text report: every link direction ("host->switch") and the
    // totals of the caches and directories.
    struct Summary {
        std::vector<std::pair<std::string, LinkStats>> links;
        std::uint64_t cache_hits = 0, cache_misses = 0;
        std::uint64_t home_transactions = 0, home_snoops = 0;
    };
    Summary summary() const;

  private:
    struct Site;
    struct DirectLink;
    struct Region;
    class RegionStore;
    struct AgentInfo;
    class TransactionTrace;

    // Timeline (models/common/trace.hpp): a track per link direction, registered when
    // elaboration ends; each transaction is one span on every direction it used (its first
    // message ready to its last one delivered, starting no earlier than the span before it).
    void end_of_elaboration() override;
    void note_link(std::size_t lane, std::uint64_t ready_ps, std::uint64_t arrival_ps,
                   std::uint64_t bytes);
    struct LinkUse {
        std::size_t lane;
        std::uint64_t start_ps, end_ps, bytes, messages;
    };
    std::vector<trace::TrackId> lane_tracks_;    // per lane: 2 * link index + direction
    std::vector<std::uint64_t> lane_end_ps_;     // end of the last span on the lane's track
    std::vector<LinkUse>* link_uses_ = nullptr;  // the traced transaction's, while it runs

    void b_transport(int region, tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
    void traced_b_transport(int region, tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
    bool get_direct_mem_ptr(int region, tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi);
    unsigned transport_dbg(int region, tlm::tlm_generic_payload& gp);
    void invalidate_direct_mem_ptr(int region, sc_dt::uint64 start, sc_dt::uint64 end);

    Region& new_region(const std::string& name, int site, std::uint64_t base, std::uint64_t size,
                       tlm::tlm_target_socket<>& target, bool memory);
    AgentInfo* agent_of(const tlm::tlm_generic_payload& gp);
    bool forward(Region& r, tlm::tlm_generic_payload& gp, std::uint64_t& delay_ps);
    std::uint64_t fast_access(Region& r, const AgentInfo& a, tlm::tlm_generic_payload& gp,
                              std::uint64_t start_ps);
    std::uint64_t window_access(Region& r, const AgentInfo& a, tlm::tlm_generic_payload& gp,
                                std::uint64_t start_ps);
    std::uint64_t timed_access(Region& r, AgentInfo& a, tlm::tlm_generic_payload& gp,
                               std::uint64_t start_ps);
    std::uint64_t recall(Region& r, AgentInfo& a, std::uint64_t addr, std::uint64_t len,
                         bool for_write, tlm::tlm_generic_payload& gp, std::uint64_t start);
    std::uint64_t run_op(Agent& agent, const Op& op, std::uint64_t start_ps, bool* hit);
    // Arrival time of `bytes` sent from site `from` to site `to` at `now_ps`.
    std::uint64_t route(int from, int to, std::uint64_t bytes, std::uint64_t now_ps, bool snoop);
    bool uncached(std::uint64_t addr) const;
    void attach_node(int id, int site);
    int home_for(std::uint64_t line) const;
    void on_complete(std::uint64_t value);

    FabricConfig config_;
    log::Logger log_;
    FaultSwitch faults_;
    Network net_;
    std::vector<std::unique_ptr<Site>> sites_;
    std::vector<std::unique_ptr<DirectLink>> direct_links_;
    std::vector<std::unique_ptr<Region>> regions_;
    std::vector<std::unique_ptr<AgentInfo>> agents_;                 // by agent id (AgentTag value)
    std::vector<int> node_site_;                                     // network node id -> site
    std::vector<std::pair<std::uint64_t, std::uint64_t>> uncached_;  // [first, last]
    // The operation run_op() waits for.
    bool op_done_ = false;
    std::uint64_t op_value_ = 0;
    std::uint64_t op_done_ps_ = 0;
};

}  // namespace nodevp::fabric
