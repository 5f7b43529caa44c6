#include "models/common/router.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

namespace nodevp {

Router::Router(const sc_core::sc_module_name& name)
    : sc_module(name), tsock("tsock"), isock("isock"), log_(log::get(this->name())) {
    tsock.register_b_transport(this, &Router::b_transport);
    tsock.register_get_direct_mem_ptr(this, &Router::get_direct_mem_ptr);
    tsock.register_transport_dbg(this, &Router::transport_dbg);
    isock.register_invalidate_direct_mem_ptr(this, &Router::invalidate_direct_mem_ptr);
}

void Router::map(tlm::tlm_target_socket<>& target, std::uint64_t base, std::uint64_t size,
                 std::string region_name) {
    if (size == 0 || base + size - 1 < base)
        throw std::invalid_argument(fmt::format("{}: region {} has a bad size {:#x} at {:#x}",
                                                name(), region_name, size, base));
    Mapping m{std::move(region_name), base, size, static_cast<unsigned>(by_port_.size())};
    for (const auto& o : by_base_) {
        if (m.base <= o.last() && o.base <= m.last())
            throw std::invalid_argument(
                fmt::format("{}: region {} [{:#x}, {:#x}] overlaps region {} [{:#x}, {:#x}]",
                            name(), m.name, m.base, m.last(), o.name, o.base, o.last()));
    }
    isock.bind(target);
    by_port_.push_back(m);
    by_base_.insert(
        std::upper_bound(by_base_.begin(), by_base_.end(), m,
                         [](const Mapping& a, const Mapping& b) { return a.base < b.base; }),
        m);
    last_hit_ = nullptr;
}

const Router::Mapping* Router::decode(std::uint64_t addr) const {
    if (last_hit_ && addr >= last_hit_->base && addr <= last_hit_->last()) return last_hit_;
    auto it = std::upper_bound(by_base_.begin(), by_base_.end(), addr,
                               [](std::uint64_t a, const Mapping& m) { return a < m.base; });
    if (it == by_base_.begin()) return nullptr;
    --it;
    if (addr > it->last()) return nullptr;
    last_hit_ = &*it;
    return last_hit_;
}

void Router::b_transport(int id, tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
    const std::uint64_t addr = gp.get_address();
    const Mapping* m = decode(addr);
    const std::uint64_t len = gp.get_data_length();
    if (!m || len == 0 || addr + len - 1 > m->last()) {
        log_->warn("{} of {} byte(s) at {:#x} from initiator {}: {}",
                   gp.is_write() ? "write" : "read", len, addr, id,
                   m ? "crosses the end of region " + m->name : std::string("no region mapped"));
        gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return;
    }
    gp.set_address(addr - m->base);
    isock[m->port]->b_transport(gp, delay);
    gp.set_address(addr);
}

bool Router::get_direct_mem_ptr(int id, tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi) {
    const std::uint64_t addr = gp.get_address();
    const Mapping* m = decode(addr);
    if (!m) {
        // Refused for the unmapped gap around addr only: an initiator may cache the refusal.
        auto next = std::upper_bound(by_base_.begin(), by_base_.end(), addr,
                                     [](std::uint64_t a, const Mapping& r) { return a < r.base; });
        dmi.allow_read_write();
        dmi.set_start_address(next == by_base_.begin() ? 0 : std::prev(next)->last() + 1);
        dmi.set_end_address(next == by_base_.end() ? ~sc_dt::uint64(0) : next->base - 1);
        return false;
    }
    gp.set_address(addr - m->base);
    const bool granted = isock[m->port]->get_direct_mem_ptr(gp, dmi);
    gp.set_address(addr);
    // Translate back to the initiator's view and clip the (inclusive) end to the region. The
    // pointer corresponds to the start address, which only moves by the base.
    const std::uint64_t start = dmi.get_start_address();
    const std::uint64_t end = std::min<std::uint64_t>(dmi.get_end_address(), m->size - 1);
    dmi.set_start_address(m->base + start);
    dmi.set_end_address(m->base + end);
    return granted;
}

unsigned Router::transport_dbg(int id, tlm::tlm_generic_payload& gp) {
    const std::uint64_t addr = gp.get_address();
    const Mapping* m = decode(addr);
    if (!m) {
        gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return 0;
    }
    const unsigned len = gp.get_data_length();
    const unsigned allowed =
        static_cast<unsigned>(std::min<std::uint64_t>(len, m->last() - addr + 1));
    gp.set_address(addr - m->base);
    gp.set_data_length(allowed);
    const unsigned done = isock[m->port]->transport_dbg(gp);
    gp.set_data_length(len);
    gp.set_address(addr);
    return done;
}

void Router::invalidate_direct_mem_ptr(int port, sc_dt::uint64 start, sc_dt::uint64 end) {
    const Mapping& m = by_port_.at(static_cast<unsigned>(port));
    const std::uint64_t s = m.base + std::min<std::uint64_t>(start, m.size - 1);
    const std::uint64_t e = m.base + std::min<std::uint64_t>(end, m.size - 1);
    for (unsigned i = 0; i < tsock.size(); ++i) tsock[i]->invalidate_direct_mem_ptr(s, e);
}

}  // namespace nodevp
