#include "models/fabric/fabric.hpp"

#include <algorithm>
#include <cstring>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>
#include <tlm_utils/simple_initiator_socket.h>

#include <tlm_utils/simple_target_socket.h>
#include "models/common/coherence.hpp"

namespace nodevp::fabric {

namespace {

constexpr std::uint64_t kControlBytes = 16;              // a message without data (header only)
constexpr std::uint64_t kLineMessageBytes = kLineBytes;  // a data message: the header rides in
                                                         // the flit's side band

std::uint64_t ps_of(const sc_core::sc_time& t) {
    return t.value();  // the resolution is 1 ps (checked in the constructor)
}
sc_core::sc_time time_of(std::uint64_t ps) {
    return sc_core::sc_time::from_value(ps);
}

// Makes `module` the parent of SystemC objects created in this scope, so that sockets the
// fabric creates after its construction (one pair per region) are its own children.
class InModule {
  public:
    explicit InModule(sc_core::sc_module* module) {
        sc_core::sc_get_curr_simcontext()->hierarchy_push(module);
    }
    ~InModule() { sc_core::sc_get_curr_simcontext()->hierarchy_pop(); }
    InModule(const InModule&) = delete;
    InModule& operator=(const InModule&) = delete;
};

const char* command_name(const tlm::tlm_generic_payload& gp) {
    return gp.is_write() ? "write" : "read";
}

}  // namespace

Fidelity parse_fidelity(const std::string& s) {
    if (s == "fast") return Fidelity::fast;
    if (s == "timed") return Fidelity::timed;
    throw std::invalid_argument("fabric.fidelity: '" + s + "' is not fast or timed");
}

// ---------------------------------------------------------------------------------------------
// AgentExtension, AgentTag

tlm::tlm_extension_base* AgentExtension::clone() const {
    auto* e = new AgentExtension;
    e->agent = agent;
    return e;
}

void AgentExtension::copy_from(const tlm::tlm_extension_base& other) {
    agent = static_cast<const AgentExtension&>(other).agent;
}

AgentTag::AgentTag(const sc_core::sc_module_name& name, int agent)
    : sc_module(name), tsock("tsock"), isock("isock") {
    ext_.agent = agent;
    tsock.register_b_transport(this, &AgentTag::b_transport);
    tsock.register_get_direct_mem_ptr(this, &AgentTag::get_direct_mem_ptr);
    tsock.register_transport_dbg(this, &AgentTag::transport_dbg);
    isock.register_invalidate_direct_mem_ptr(this, &AgentTag::invalidate_direct_mem_ptr);
}

namespace {

// The tag's extension is on the payload only while it passes through (also when an exception
// unwinds, since the payload would otherwise free an extension it does not own).
class Tagged {
  public:
    Tagged(tlm::tlm_generic_payload& gp, AgentExtension& ext) : gp_(gp), ext_(ext) {
        gp_.set_extension(&ext_);
    }
    ~Tagged() { gp_.clear_extension(&ext_); }
    Tagged(const Tagged&) = delete;
    Tagged& operator=(const Tagged&) = delete;

  private:
    tlm::tlm_generic_payload& gp_;
    AgentExtension& ext_;
};

}  // namespace

void AgentTag::b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
    Tagged tagged(gp, ext_);
    isock->b_transport(gp, delay);
}

bool AgentTag::get_direct_mem_ptr(tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi) {
    Tagged tagged(gp, ext_);
    return isock->get_direct_mem_ptr(gp, dmi);
}

unsigned AgentTag::transport_dbg(tlm::tlm_generic_payload& gp) {
    return isock->transport_dbg(gp);
}

void AgentTag::invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end) {
    tsock->invalidate_direct_mem_ptr(start, end);
}

// ---------------------------------------------------------------------------------------------
// Topology

struct Fabric::Site {
    std::string name;
    C2cLink link;  // direction AToB: site -> switch; BToA: switch -> site
    // Accesses of this site's caching agents to lines nobody may cache.
    std::unique_ptr<IoAgent> uncached;
};

struct Fabric::DirectLink {
    int a, b;
    C2cLink link;  // AToB: a -> b
};

struct Fabric::AgentInfo {
    std::string name;
    int site = 0;
    bool caching = false;    // a caching agent (a hart's cache, the GPU L2)
    Agent* agent = nullptr;  // owned below
    std::unique_ptr<Agent> owned;
    WindowCheck check;
    AgentStats stats;
};

struct Fabric::Region {
    Region(const std::string& n, int s, std::uint64_t b, std::uint64_t sz, bool mem)
        : name(n),
          site(s),
          base(b),
          size(sz),
          memory(mem),
          tsock((n + "_tsock").c_str()),
          isock((n + "_isock").c_str()) {}
    std::string name;
    int site;
    std::uint64_t base, size;
    bool memory;
    bool host_cacheable = false;
    tlm_utils::simple_target_socket_tagged<Fabric> tsock;
    tlm_utils::simple_initiator_socket_tagged<Fabric> isock;
    std::unique_ptr<LineStore> store;
    std::unique_ptr<HomeAgent> home;
    bool contains(std::uint64_t addr) const { return addr >= base && addr - base < size; }
};

// A home's backing data: the region's memory, reached through the fabric's initiator socket.
// Memory latency advances the network's clock, so it delays what the home sends next.
class Fabric::RegionStore : public LineStore {
  public:
    RegionStore(Fabric& fabric, Region& region) : fabric_(fabric), region_(region) {}

    Line read(std::uint64_t line) override {
        Line data{};
        access(tlm::TLM_READ_COMMAND, line, &data, nullptr);
        return data;
    }
    void write(std::uint64_t line, const Line& data, std::uint64_t byte_enable) override {
        if (byte_enable == kAllBytes) {
            access(tlm::TLM_WRITE_COMMAND, line, const_cast<Line*>(&data), nullptr);
            return;
        }
        unsigned char be[kLineBytes];
        for (unsigned b = 0; b < kLineBytes; ++b) be[b] = (byte_enable >> b & 1) ? 0xff : 0x00;
        access(tlm::TLM_WRITE_COMMAND, line, const_cast<Line*>(&data), be);
    }

  private:
    void access(tlm::tlm_command cmd, std::uint64_t line, Line* data, unsigned char* be) {
        tlm::tlm_generic_payload gp;
        gp.set_command(cmd);
        gp.set_address(line - region_.base);
        gp.set_data_ptr(reinterpret_cast<unsigned char*>(data->data()));
        gp.set_data_length(kLineBytes);
        gp.set_streaming_width(kLineBytes);
        gp.set_byte_enable_ptr(be);
        gp.set_byte_enable_length(be ? kLineBytes : 0);
        gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
        sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
        region_.isock->b_transport(gp, delay);
        // Host-cacheable memories are plain RAM: an error here is a wiring fault of the node.
        if (!gp.is_response_ok())
            throw std::logic_error(fmt::format("fabric: {} of line {:#x} in {} failed: {}",
                                               cmd == tlm::TLM_READ_COMMAND ? "read" : "write",
                                               line, region_.name, gp.get_response_string()));
        fabric_.net_.advance(ps_of(delay));
    }

    Fabric& fabric_;
    Region& region_;
};

Fabric::Fabric(const sc_core::sc_module_name& name, const FabricConfig& config)
    : sc_module(name),
      config_(config),
      log_(log::get(this->name())),
      faults_(config.fault, config.fault_first, config.fault_last),
      net_(1) {
    if (sc_core::sc_get_time_resolution() != sc_core::sc_time(1, sc_core::SC_PS))
        throw std::logic_error("fabric: needs a SystemC time resolution of 1 ps");
    // Validate the cache geometry now rather than at the first hart.
    Cache probe(config.cache_bytes, config.cache_ways);
    (void)probe;
    net_.set_timing([this](const Message& m, std::uint64_t send_ps) {
        return route(node_site_.at(m.src), node_site_.at(m.dst),
                     m.has_data ? kLineMessageBytes : kControlBytes, send_ps,
                     channel_of(m.type) == Channel::Snp);
    });
}

Fabric::~Fabric() = default;

int Fabric::add_site(const std::string& name, const LinkConfig& link) {
    sites_.push_back(std::make_unique<Site>(Site{name, C2cLink(link), nullptr}));
    return int(sites_.size()) - 1;
}

void Fabric::add_direct_link(int site_a, int site_b, const LinkConfig& link) {
    if (site_a == site_b || site_a < 0 || site_b < 0 || site_a >= int(sites_.size()) ||
        site_b >= int(sites_.size()))
        throw std::invalid_argument("fabric: a direct link needs two different sites");
    direct_links_.push_back(
        std::make_unique<DirectLink>(DirectLink{site_a, site_b, C2cLink(link)}));
}

void Fabric::attach_node(int id, int site) {
    // Nodes attach to the network in id order; remember each one's site for routing.
    if (id != int(node_site_.size())) throw std::logic_error("fabric: network nodes out of order");
    // Directory entries hold one bit per node; `fast` never uses the protocol.
    if (config_.fidelity == Fidelity::timed && id >= 64)
        throw std::invalid_argument(
            "the timed fabric holds at most 64 agents and homes (fewer harts or devices)");
    node_site_.push_back(site);
}

int Fabric::home_for(std::uint64_t line) const {
    for (const auto& r : regions_)
        if (r->home && r->contains(line)) return r->home->id();
    throw std::logic_error(fmt::format("fabric: no home for line {:#x}", line));
}

void Fabric::on_complete(std::uint64_t value) {
    op_done_ = true;
    op_value_ = value;
    op_done_ps_ = net_.now_ps();
}

int Fabric::add_hart(const std::string& name, int site) {
    return add_cache(name, site, config_.cache_bytes, config_.cache_ways);
}

int Fabric::add_cache(const std::string& name, int site, std::uint64_t bytes, unsigned ways,
                      WindowCheck check) {
    auto homes = [this](std::uint64_t line) { return home_for(line); };
    if (site < 0 || site >= int(sites_.size()))
        throw std::invalid_argument("fabric: agent " + name + " at an unknown site");
    if (!sites_[site]->uncached) {
        auto io = std::make_unique<IoAgent>(net_, sites_[site]->name + "_uncached", homes);
        attach_node(io->id(), site);
        io->on_complete = [this](int, const Op&, std::uint64_t v) { on_complete(v); };
        sites_[site]->uncached = std::move(io);
    }
    auto info = std::make_unique<AgentInfo>();
    info->name = name;
    info->site = site;
    info->caching = true;
    info->check = std::move(check);
    info->owned = std::make_unique<CachingAgent>(net_, name, homes, bytes, ways, nullptr, &faults_);
    info->agent = info->owned.get();
    attach_node(info->agent->id(), site);
    info->agent->on_complete = [this](int, const Op&, std::uint64_t v) { on_complete(v); };
    agents_.push_back(std::move(info));
    return int(agents_.size()) - 1;
}

int Fabric::add_device(const std::string& name, int site, WindowCheck check) {
    auto homes = [this](std::uint64_t line) { return home_for(line); };
    auto info = std::make_unique<AgentInfo>();
    info->name = name;
    info->site = site;
    info->owned = std::make_unique<IoAgent>(net_, name, homes);
    info->agent = info->owned.get();
    attach_node(info->agent->id(), site);
    info->agent->on_complete = [this](int, const Op&, std::uint64_t v) { on_complete(v); };
    info->check = std::move(check);
    agents_.push_back(std::move(info));
    return int(agents_.size()) - 1;
}

Fabric::Region& Fabric::new_region(const std::string& name, int site, std::uint64_t base,
                                   std::uint64_t size, tlm::tlm_target_socket<>& target,
                                   bool memory) {
    if (site < 0 || site >= int(sites_.size()))
        throw std::invalid_argument("fabric: region " + name + " at an unknown site");
    const int id = int(regions_.size());
    {
        InModule scope(this);
        regions_.push_back(std::make_unique<Region>(name, site, base, size, memory));
    }
    Region& r = *regions_.back();
    r.tsock.register_b_transport(
        this, trace::enabled() ? &Fabric::traced_b_transport : &Fabric::b_transport, id);
    r.tsock.register_get_direct_mem_ptr(this, &Fabric::get_direct_mem_ptr, id);
    r.tsock.register_transport_dbg(this, &Fabric::transport_dbg, id);
    r.isock.register_invalidate_direct_mem_ptr(this, &Fabric::invalidate_direct_mem_ptr, id);
    r.isock.bind(target);
    return r;
}

tlm::tlm_target_socket<>& Fabric::add_memory(const std::string& name, int site, std::uint64_t base,
                                             std::uint64_t size, tlm::tlm_target_socket<>& target,
                                             bool host_cacheable) {
    Region& r = new_region(name, site, base, size, target, true);
    r.host_cacheable = host_cacheable;
    r.store = std::make_unique<RegionStore>(*this, r);
    r.home = std::make_unique<HomeAgent>(net_, "home_" + name, nullptr, &faults_, r.store.get());
    attach_node(r.home->id(), site);
    return r.tsock;
}

tlm::tlm_target_socket<>& Fabric::add_window(const std::string& name, int site, std::uint64_t base,
                                             std::uint64_t size, tlm::tlm_target_socket<>& target) {
    return new_region(name, site, base, size, target, false).tsock;
}

void Fabric::set_uncached(std::uint64_t base, std::uint64_t size) {
    if (size == 0) return;
    uncached_.emplace_back(line_of(base), line_of(base + size - 1) + kLineBytes - 1);
}

bool Fabric::uncached(std::uint64_t addr) const {
    for (const auto& [first, last] : uncached_)
        if (addr >= first && addr <= last) return true;
    return false;
}

const Fabric::AgentStats& Fabric::agent_stats(int agent) const {
    return agents_.at(agent)->stats;
}

// ---------------------------------------------------------------------------------------------
// Timing

std::uint64_t Fabric::route(int from, int to, std::uint64_t bytes, std::uint64_t now_ps,
                            bool snoop) {
    if (from == to) return now_ps + ps_of(config_.local_latency);
    const std::size_t direct_lanes = 2 * sites_.size();
    for (std::size_t i = 0; i < direct_links_.size(); ++i) {
        const auto& d = direct_links_[i];
        if ((d->a == from && d->b == to) || (d->a == to && d->b == from)) {
            const bool forward = d->a == from;
            const std::uint64_t end = d->link.transfer(
                now_ps, bytes, forward ? LinkDirection::AToB : LinkDirection::BToA, snoop);
            if (link_uses_) note_link(direct_lanes + 2 * i + (forward ? 0 : 1), now_ps, end, bytes);
            return end;
        }
    }
    // Through the switch: store and forward of this message (messages are at most one line, so
    // a stream of them pipelines across both links).
    const std::uint64_t at_switch =
        sites_[from]->link.transfer(now_ps, bytes, LinkDirection::AToB, snoop);
    const std::uint64_t end =
        sites_[to]->link.transfer(at_switch, bytes, LinkDirection::BToA, snoop);
    if (link_uses_) {
        note_link(2 * std::size_t(from), now_ps, at_switch, bytes);
        note_link(2 * std::size_t(to) + 1, at_switch, end, bytes);
    }
    return end;
}

// ---------------------------------------------------------------------------------------------
// Timeline

void Fabric::end_of_elaboration() {
    if (!trace::enabled()) return;
    for (const auto& s : sites_) {
        lane_tracks_.push_back(trace::track(basename(), fmt::format("link {}->switch", s->name)));
        lane_tracks_.push_back(trace::track(basename(), fmt::format("link switch->{}", s->name)));
    }
    for (const auto& d : direct_links_) {
        const std::string& a = sites_[d->a]->name;
        const std::string& b = sites_[d->b]->name;
        lane_tracks_.push_back(trace::track(basename(), fmt::format("link {}->{}", a, b)));
        lane_tracks_.push_back(trace::track(basename(), fmt::format("link {}->{}", b, a)));
    }
    lane_end_ps_.assign(lane_tracks_.size(), 0);
}

void Fabric::note_link(std::size_t lane, std::uint64_t ready_ps, std::uint64_t arrival_ps,
                       std::uint64_t bytes) {
    for (LinkUse& u : *link_uses_) {
        if (u.lane != lane) continue;
        u.start_ps = std::min(u.start_ps, ready_ps);
        u.end_ps = std::max(u.end_ps, arrival_ps);
        u.bytes += bytes;
        ++u.messages;
        return;
    }
    link_uses_->push_back(LinkUse{lane, ready_ps, arrival_ps, bytes, 1});
}

// While a transaction runs (one b_transport), collects the link directions its messages use;
// when it ends, puts one span per direction on the timeline. Does nothing unless recording.
class Fabric::TransactionTrace {
  public:
    TransactionTrace(Fabric& fabric, const AgentInfo& agent, const tlm::tlm_generic_payload& gp,
                     std::uint64_t addr)
        : fabric_(fabric), agent_(agent), gp_(gp), addr_(addr) {
        if (!fabric_.link_uses_) fabric_.link_uses_ = &uses_;  // not nested: the outer one
    }
    ~TransactionTrace() {
        if (fabric_.link_uses_ != &uses_) return;
        fabric_.link_uses_ = nullptr;
        const char* kind = gp_.get_extension<RecallExtension>() ? "recall"
                           : gp_.is_read()                      ? "read"
                           : gp_.is_write()                     ? "write"
                                                                : "other";
        for (const LinkUse& u : uses_) {
            std::uint64_t& last_end = fabric_.lane_end_ps_[u.lane];
            const std::uint64_t start = std::max(u.start_ps, last_end);
            const std::uint64_t end = std::max(u.end_ps, start);
            last_end = end;
            trace::span(fabric_.lane_tracks_[u.lane], kind, start, end,
                        {{"agent", agent_.name},
                         {"addr", trace::hex(addr_)},
                         {"bytes", std::uint64_t{gp_.get_data_length()}},
                         {"link_bytes", u.bytes},
                         {"messages", u.messages}});
        }
    }

  private:
    Fabric& fabric_;
    const AgentInfo& agent_;
    const tlm::tlm_generic_payload& gp_;
    std::uint64_t addr_;
    std::vector<LinkUse> uses_;
};

// ---------------------------------------------------------------------------------------------
// Transport

Fabric::AgentInfo* Fabric::agent_of(const tlm::tlm_generic_payload& gp) {
    const AgentExtension* ext = gp.get_extension<AgentExtension>();
    if (!ext || ext->agent < 0 || ext->agent >= int(agents_.size())) return nullptr;
    return agents_[ext->agent].get();
}

bool Fabric::forward(Region& r, tlm::tlm_generic_payload& gp, std::uint64_t& delay_ps) {
    sc_core::sc_time d = sc_core::SC_ZERO_TIME;
    r.isock->b_transport(gp, d);
    delay_ps = ps_of(d);
    return gp.is_response_ok();
}

// b_transport while recording a timeline: the links the transaction uses become spans when it
// ends. Registered instead of b_transport when recording is on as the region is made, so a run
// without a timeline does not even test for it.
void Fabric::traced_b_transport(int region, tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
    std::optional<TransactionTrace> traced;
    if (const AgentInfo* a = agent_of(gp); a && !lane_tracks_.empty())
        traced.emplace(*this, *a, gp, regions_[region]->base + gp.get_address());
    b_transport(region, gp, delay);
}

void Fabric::b_transport(int region, tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
    Region& r = *regions_[region];
    const std::uint64_t addr = r.base + gp.get_address();
    const unsigned len = gp.get_data_length();
    AgentInfo* a = agent_of(gp);
    if (!a) {
        log_->error("{} of {} byte(s) at {:#x} ({}) from an initiator the fabric does not know",
                    command_name(gp), len, addr, r.name);
        gp.set_response_status(tlm::TLM_GENERIC_ERROR_RESPONSE);
        return;
    }
    const std::uint64_t now = ps_of(sc_core::sc_time_stamp());
    const std::uint64_t start = now + ps_of(delay);
    if (const RecallExtension* recall = gp.get_extension<RecallExtension>();
        recall && gp.get_command() == tlm::TLM_IGNORE_COMMAND) {
        delay = time_of(
            std::max(this->recall(r, *a, addr, len, recall->for_write, gp, start), start) - now);
        return;
    }
    if (gp.is_write() || gp.is_read()) {
        if (gp.get_byte_enable_ptr() || gp.get_streaming_width() < len) {
            log_->error("{}: {} at {:#x} with byte enables or streaming is not supported", a->name,
                        command_name(gp), addr);
            gp.set_response_status(tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
            return;
        }
        if (a->check && !a->check(addr, len, gp.is_write())) {
            ++a->stats.refused;
            log_->error(
                "{}: DMA {} of {} byte(s) at {:#x} ({}) refused: outside the windows its "
                "driver granted",
                a->name, command_name(gp), len, addr, r.name);
            gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
            return;
        }
    }
    std::uint64_t end;
    if (!r.memory)
        end = window_access(r, *a, gp, start);
    else if (config_.fidelity == Fidelity::timed && r.host_cacheable)
        end = timed_access(r, *a, gp, start);
    else
        end = fast_access(r, *a, gp, start);
    if (gp.is_response_ok()) {
        (gp.is_write() ? a->stats.writes : a->stats.reads)++;
        a->stats.bytes += len;
    }
    delay = time_of(std::max(end, start) - now);
}

// A register access: one message each way over the links between the two sites.
std::uint64_t Fabric::window_access(Region& r, const AgentInfo& a, tlm::tlm_generic_payload& gp,
                                    std::uint64_t start) {
    const std::uint64_t len = gp.get_data_length();
    const std::uint64_t request = route(
        a.site, r.site, gp.is_write() ? std::max(len, kControlBytes) : kControlBytes, start, false);
    std::uint64_t d = 0;
    forward(r, gp, d);
    gp.set_dmi_allowed(false);
    return route(r.site, a.site, gp.is_read() ? std::max(len, kControlBytes) : kControlBytes,
                 request + d, false);
}

// One backing store, accessed directly; the access is charged per line on the links between
// the agent's site and the memory's.
std::uint64_t Fabric::fast_access(Region& r, const AgentInfo& a, tlm::tlm_generic_payload& gp,
                                  std::uint64_t start) {
    std::uint64_t d = 0;
    const bool ok = forward(r, gp, d);
    if (a.site == r.site) return start + d;
    gp.set_dmi_allowed(false);
    if (!ok)
        return route(r.site, a.site, kControlBytes,
                     route(a.site, r.site, kControlBytes, start, false) + d, false);
    const bool write = gp.is_write();
    const std::uint64_t addr = r.base + gp.get_address();
    const std::uint64_t len = std::max<std::uint64_t>(gp.get_data_length(), 1);
    std::uint64_t end = start;
    for (std::uint64_t line = line_of(addr); line < addr + len; line += kLineBytes) {
        const std::uint64_t request =
            route(a.site, r.site, write ? kLineMessageBytes : kControlBytes, start, false);
        end = std::max(end, route(r.site, a.site, write ? kControlBytes : kLineMessageBytes,
                                  request + d, false));
    }
    return end;
}

// Runs one protocol operation to completion from `start_ps`, then drains what it left in
// flight (acknowledgements, copy-backs). Returns its completion time; *hit tells whether it
// completed at once (a cache hit).
std::uint64_t Fabric::run_op(Agent& agent, const Op& op, std::uint64_t start_ps, bool* hit) {
    net_.set_now(start_ps);
    op_done_ = false;
    agent.issue(op);
    const bool at_once = op_done_;
    while (!op_done_ && net_.step()) {
    }
    if (!op_done_)
        throw std::logic_error(fmt::format("fabric: {} of {:#x} by {} never completed",
                                           to_string(op.kind), op.addr, agent.name()));
    const std::uint64_t end = at_once ? start_ps : op_done_ps_;
    while (net_.step()) {
    }
    if (hit) *hit = at_once;
    return end;
}

std::uint64_t Fabric::timed_access(Region& r, AgentInfo& a, tlm::tlm_generic_payload& gp,
                                   std::uint64_t start) {
    const bool write = gp.is_write();
    if (!write && !gp.is_read()) {  // TLM_IGNORE_COMMAND
        gp.set_response_status(tlm::TLM_OK_RESPONSE);
        return start;
    }
    const std::uint64_t addr = r.base + gp.get_address();
    const std::uint64_t len = gp.get_data_length();
    unsigned char* data = gp.get_data_ptr();
    std::uint64_t end = start;
    if (a.caching) {
        // Word by word, each after the previous (a hart's accesses are naturally aligned, so
        // this is one word; a debugger's may be longer).
        for (std::uint64_t pos = 0; pos < len;) {
            const std::uint64_t at = addr + pos;
            const unsigned offset = unsigned(at % 8);
            const unsigned n = unsigned(std::min<std::uint64_t>(8 - offset, len - pos));
            const std::uint64_t mask =
                (n == 8 ? ~std::uint64_t{0} : ((std::uint64_t{1} << (8 * n)) - 1)) << (8 * offset);
            const bool cached = !uncached(at);
            Agent& agent = cached ? *a.agent : *sites_[a.site]->uncached;
            Op op;
            op.addr = at - offset;
            if (write) {
                std::uint64_t v = 0;
                std::memcpy(reinterpret_cast<unsigned char*>(&v) + offset, data + pos, n);
                op.kind = Op::Kind::Store;
                op.value = v;
                op.mask = mask;
            }
            bool hit = false;
            end = run_op(agent, op, end, &hit);
            if (cached) {
                (hit ? a.stats.hits : a.stats.misses)++;
                if (hit) end += ps_of(config_.cache_hit_latency);
            }
            if (!write) {
                const std::uint64_t v = op_value_;
                std::memcpy(data + pos, reinterpret_cast<const unsigned char*>(&v) + offset, n);
            }
            pos += n;
        }
    } else {
        // A device: line by line, all issued at `start` (the DMA keeps many requests in
        // flight), so the links pipeline them.
        for (std::uint64_t line = line_of(addr); line < addr + len; line += kLineBytes) {
            const std::uint64_t first = std::max(line, addr);
            const std::uint64_t last = std::min(line + kLineBytes, addr + len);  // exclusive
            Op op;
            op.kind = write ? Op::Kind::WriteLine : Op::Kind::ReadLine;
            op.addr = line;
            op.byte_enable = 0;
            for (std::uint64_t b = first; b < last; ++b)
                op.byte_enable |= std::uint64_t{1} << (b - line);
            if (write)
                std::memcpy(reinterpret_cast<unsigned char*>(op.data.data()) + (first - line),
                            data + (first - addr), last - first);
            end = std::max(end, run_op(*a.agent, op, start, nullptr));
            if (!write)
                std::memcpy(data + (first - addr),
                            reinterpret_cast<const unsigned char*>(a.agent->line_result().data()) +
                                (first - line),
                            last - first);
        }
    }
    gp.set_dmi_allowed(false);
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
    return end;
}

// A device about to access memory of its own site directly: in `timed`, the host's copies of
// the lines it will read are cleaned (dirty data written back), and of the lines it will
// write invalidated, through its I/O agent (WriteUnique without data invalidates).
std::uint64_t Fabric::recall(Region& r, AgentInfo& a, std::uint64_t addr, std::uint64_t len,
                             bool for_write, tlm::tlm_generic_payload& gp, std::uint64_t start) {
    if (!r.memory || a.site != r.site || a.caching || len == 0) {
        log_->error("{}: recall of [{:#x}, +{:#x}) refused: not a memory of its own site", a.name,
                    addr, len);
        gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return start;
    }
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
    if (config_.fidelity != Fidelity::timed || !r.host_cacheable) return start;
    std::uint64_t end = start;
    for (std::uint64_t line : r.home->held_lines(line_of(addr), line_of(addr + len - 1))) {
        Op op;
        op.kind = for_write ? Op::Kind::WriteLine : Op::Kind::ReadLine;
        op.addr = line;
        op.byte_enable = for_write ? 0 : kAllBytes;
        end = std::max(end, run_op(*a.agent, op, start, nullptr));
        ++a.stats.recalled;
    }
    return end;
}

bool Fabric::get_direct_mem_ptr(int region, tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi) {
    Region& r = *regions_[region];
    const AgentInfo* a = agent_of(gp);
    // DMI only where no cache or link can be in the way: fast fidelity, an agent at the
    // memory's own site, and no window check (which must see every access).
    if (!r.memory || config_.fidelity == Fidelity::timed || !a || a->site != r.site || a->check)
        return false;
    return r.isock->get_direct_mem_ptr(gp, dmi);
}

// Debug access (loaders, debuggers, statistics): the memory, with the cached copies overlaid
// on a read and patched on a write, so a debugger sees what the harts see.
unsigned Fabric::transport_dbg(int region, tlm::tlm_generic_payload& gp) {
    Region& r = *regions_[region];
    const unsigned n = r.isock->transport_dbg(gp);
    if (!r.memory || !r.host_cacheable || config_.fidelity != Fidelity::timed || n == 0) return n;
    const std::uint64_t addr = r.base + gp.get_address();
    unsigned char* data = gp.get_data_ptr();
    for (std::uint64_t line = line_of(addr); line < addr + n; line += kLineBytes) {
        const std::uint64_t first = std::max(line, addr),
                            last = std::min(line + kLineBytes, addr + n);
        for (auto& info : agents_) {
            if (!info->caching) continue;
            auto* cache = static_cast<CachingAgent*>(info->agent);
            Line* copy = cache->debug_line(line);
            if (!copy) continue;
            auto* bytes = reinterpret_cast<unsigned char*>(copy->data());
            if (gp.is_read()) {
                if (cache->state_of(line) == LineState::M)
                    std::memcpy(data + (first - addr), bytes + (first - line), last - first);
            } else {
                std::memcpy(bytes + (first - line), data + (first - addr), last - first);
            }
        }
    }
    return n;
}

void Fabric::invalidate_direct_mem_ptr(int region, sc_dt::uint64 start, sc_dt::uint64 end) {
    regions_[region]->tsock->invalidate_direct_mem_ptr(start, end);
}

// ---------------------------------------------------------------------------------------------
// Statistics

Fabric::Summary Fabric::summary() const {
    Summary s;
    for (const auto& site : sites_) {
        s.links.emplace_back(site->name + "->switch", site->link.stats(LinkDirection::AToB));
        s.links.emplace_back("switch->" + site->name, site->link.stats(LinkDirection::BToA));
    }
    for (const auto& d : direct_links_) {
        const std::string& a = sites_[d->a]->name;
        const std::string& b = sites_[d->b]->name;
        s.links.emplace_back(a + "->" + b, d->link.stats(LinkDirection::AToB));
        s.links.emplace_back(b + "->" + a, d->link.stats(LinkDirection::BToA));
    }
    for (const auto& a : agents_) {
        s.cache_hits += a->stats.hits;
        s.cache_misses += a->stats.misses;
    }
    for (const auto& r : regions_) {
        if (!r->home) continue;
        s.home_transactions += r->home->stats().transactions;
        s.home_snoops += r->home->stats().snoops;
    }
    return s;
}

std::string Fabric::stats_json() const {
    const std::uint64_t window = ps_of(sc_core::sc_time_stamp());
    auto link_json = [&](const C2cLink& l, const char* d0, const char* d1) {
        std::string s;
        for (LinkDirection d : {LinkDirection::AToB, LinkDirection::BToA}) {
            const LinkStats& st = l.stats(d);
            s += fmt::format(
                "{}\"{}\": {{\"bytes\": {}, \"flits\": {}, \"transactions\": {}, \"snoops\": {}, "
                "\"busy_ps\": {}, \"utilisation\": {:.6f}}}",
                s.empty() ? "" : ", ", d == LinkDirection::AToB ? d0 : d1, st.bytes, st.flits,
                st.transactions, st.snoops, st.busy_ps, st.utilisation(window));
        }
        return "{" + s + "}";
    };
    std::string out = fmt::format("{{\"fidelity\": \"{}\", \"links\": {{",
                                  config_.fidelity == Fidelity::fast ? "fast" : "timed");
    bool first = true;
    for (const auto& s : sites_) {
        out += fmt::format("{}\"{}\": {}", first ? "" : ", ", s->name,
                           link_json(s->link, "to_switch", "from_switch"));
        first = false;
    }
    for (const auto& d : direct_links_) {
        out += fmt::format("{}\"{}-{}\": {}", first ? "" : ", ", sites_[d->a]->name,
                           sites_[d->b]->name, link_json(d->link, "forward", "backward"));
        first = false;
    }
    out += "}, \"homes\": {";
    first = true;
    for (const auto& r : regions_) {
        if (!r->home) continue;
        const HomeAgent::Stats& s = r->home->stats();
        out += fmt::format("{}\"{}\": {{\"transactions\": {}, \"snoops\": {}}}", first ? "" : ", ",
                           r->name, s.transactions, s.snoops);
        first = false;
    }
    out += "}, \"agents\": {";
    first = true;
    for (const auto& a : agents_) {
        const AgentStats& s = a->stats;
        out += fmt::format(
            "{}\"{}\": {{\"reads\": {}, \"writes\": {}, \"bytes\": {}, \"hits\": {}, \"misses\": "
            "{}, \"refused\": {}, \"recalled_lines\": {}}}",
            first ? "" : ", ", a->name, s.reads, s.writes, s.bytes, s.hits, s.misses, s.refused,
            s.recalled);
        first = false;
    }
    return out + "}}";
}

}  // namespace nodevp::fabric
