// The node's coherent fabric: its configuration (the `fabric` section), its sites and links,
// and the agent tags in front of every initiator (docs/fabric.md).
#include <fmt/format.h>

#include "gen/node_map.hpp"
#include "platform/node.hpp"

namespace nodevp::platform {

namespace {

fabric::LinkConfig link_config(const Config& config, const std::string& key) {
    fabric::LinkDirectionConfig d;
    const std::uint64_t gbytes = config.integer(key + ".gbytes_per_s");
    const std::uint64_t flit = config.integer(key + ".flit_bytes");
    const std::uint64_t credits = config.integer(key + ".credits");
    if (gbytes == 0 || gbytes > 1'000'000)
        throw ConfigError(fmt::format("{}.gbytes_per_s: {} is not in 1..1000000", key, gbytes));
    if (flit == 0 || flit > 4096)
        throw ConfigError(fmt::format("{}.flit_bytes: {} is not in 1..4096", key, flit));
    if (credits == 0 || credits > 65536)
        throw ConfigError(fmt::format("{}.credits: {} is not in 1..65536", key, credits));
    d.bytes_per_s = gbytes * 1'000'000'000ull;
    d.latency_ps = config.time(key + ".latency").value();
    d.flit_bytes = static_cast<std::uint32_t>(flit);
    d.credits = static_cast<std::uint32_t>(credits);
    fabric::LinkConfig l;
    l.dir = {d, d};
    return l;
}

}  // namespace

void Node::build_fabric(const Config& config, const boot::ElfImage* image) {
    fabric::FabricConfig fc;
    try {
        fc.fidelity = fabric::parse_fidelity(config.string("fabric.fidelity"));
    } catch (const std::invalid_argument& e) {
        throw ConfigError(e.what());
    }
    fc.local_latency = config.time("fabric.local_latency");
    fc.cache_bytes = config.integer("fabric.cache_size");
    const std::uint64_t ways = config.integer("fabric.cache_ways");
    if (ways == 0 || ways > 64)
        throw ConfigError(fmt::format("fabric.cache_ways: {} is not in 1..64", ways));
    fc.cache_ways = static_cast<unsigned>(ways);
    fc.cache_hit_latency = config.time("fabric.cache_hit_latency");

    // Test only: a protocol fault on the lines of one guest symbol (the litmus tests' proof that
    // they can fail).
    const std::string fault = config.string("fabric.fault");
    if (fault == "drop_invalidation") {
        fc.fault = fabric::Fault::DropInvalidation;
        const std::string symbol = config.string("fabric.fault_symbol");
        const auto addr = image && !symbol.empty() ? image->symbol(symbol) : std::nullopt;
        if (!addr)
            throw ConfigError(fmt::format(
                "fabric.fault_symbol: '{}' is not a symbol of the guest image", symbol));
        fc.fault_first = *addr;
        fc.fault_last = *addr + 4095;
    } else if (fault != "none") {
        throw ConfigError(
            fmt::format("fabric.fault: '{}' is not none or drop_invalidation", fault));
    }

    try {
        fabric_ = std::make_unique<fabric::Fabric>("fabric", fc);
    } catch (const std::invalid_argument& e) {
        throw ConfigError(fmt::format("fabric.cache_size / fabric.cache_ways: {}", e.what()));
    }
    try {
        host_site_ = fabric_->add_site("host", link_config(config, "fabric.host_link"));
        gpu_site_ = fabric_->add_site("gpu", link_config(config, "fabric.gpu_link"));
        const std::uint64_t lpus = config.integer("lpu.count");
        for (std::uint64_t n = 0; n < lpus && n < gen::map::lpu.count; ++n)
            lpu_sites_.push_back(
                fabric_->add_site(fmt::format("lpu{}", n), link_config(config, "fabric.lpu_link")));
        const fabric::LinkConfig direct = link_config(config, "fabric.lpu_lpu_link");
        for (std::size_t n = 0; n + 1 < lpu_sites_.size(); ++n)
            fabric_->add_direct_link(lpu_sites_[n], lpu_sites_[n + 1], direct);
    } catch (const std::invalid_argument& e) {
        throw ConfigError(fmt::format("fabric: {}", e.what()));
    }
    log_->debug("fabric: {} fidelity, {} site(s)",
                fc.fidelity == fabric::Fidelity::fast ? "fast" : "timed", 2 + lpu_sites_.size());
}

void Node::tag(tlm::tlm_initiator_socket<>& initiator, int agent, const std::string& name) {
    auto t = std::make_unique<fabric::AgentTag>(fmt::format("{}_tag", name).c_str(), agent);
    initiator.bind(t->tsock);
    t->isock.bind(bus_.tsock);
    tags_.push_back(std::move(t));
}

}  // namespace nodevp::platform
