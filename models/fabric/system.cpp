#include "models/fabric/system.hpp"

#include <stdexcept>
#include <string>

namespace nodevp::fabric {

System::System(const SystemConfig& c) : net_(c.seed), faults_(c.fault), checker_(net_) {
    if (c.homes == 0 || c.homes + c.caching_agents + c.io_agents > 64)
        throw std::invalid_argument("fabric system: need 1..64 nodes and at least one home");
    for (unsigned i = 0; i < c.homes; ++i)
        homes_.push_back(
            std::make_unique<HomeAgent>(net_, "hn" + std::to_string(i), &checker_, &faults_));
    HomeMap map = [this](std::uint64_t line) { return home_of(line).id(); };
    for (unsigned i = 0; i < c.caching_agents; ++i)
        agents_.push_back(std::make_unique<CachingAgent>(
            net_, "cpu" + std::to_string(i), map, c.cache_bytes, c.ways, &checker_, &faults_));
    for (unsigned i = 0; i < c.io_agents; ++i)
        agents_.push_back(std::make_unique<IoAgent>(net_, "io" + std::to_string(i), map));
    std::vector<const Agent*> watched;
    for (auto& a : agents_) watched.push_back(a.get());
    checker_.watch(watched,
                   [this](std::uint64_t line) -> const HomeAgent& { return home_of(line); });
    net_.on_deliver = [this](const Message& m) { checker_.record(m); };
}

HomeAgent& System::home_of(std::uint64_t line) {
    return *homes_[(line / kLineBytes) % homes_.size()];
}

bool System::step() {
    if (!net_.step()) return false;
    checker_.check_line(line_of(net_.last_addr()));
    return true;
}

void System::drain() {
    while (!checker_.failed() && step()) {
    }
}

void System::run(unsigned agent, const Op& op) {
    agents_.at(agent)->issue(op);
    checker_.check_line(line_of(op.addr));
    drain();
}

}  // namespace nodevp::fabric
