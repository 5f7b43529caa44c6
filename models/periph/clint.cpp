#include "models/periph/clint.hpp"

#include <limits>
#include <stdexcept>

#include <fmt/format.h>

#include "gen/regs.hpp"
#include "models/periph/field_mask.hpp"

namespace nodevp {

namespace regs = gen::regs::clint;
using sc_core::sc_time;

namespace {
using u128 = unsigned __int128;
constexpr std::uint64_t kFsPerSecond = 1000000000000000ULL;

// The SystemC time resolution in femtoseconds.
std::uint64_t resolution_fs() {
    return static_cast<std::uint64_t>(sc_core::sc_get_time_resolution().to_seconds() * 1e15 + 0.5);
}
}  // namespace

Clint::Clint(const sc_core::sc_module_name& name, unsigned num_harts, std::uint64_t timebase_hz)
    : MmioDevice(name),
      num_harts_(num_harts),
      timebase_hz_(timebase_hz),
      msip_(num_harts),
      mtip_(num_harts) {
    if (num_harts == 0 || num_harts > regs::MSIP_count || num_harts > regs::MTIMECMP_count)
        throw std::invalid_argument(
            fmt::format("{}: unsupported hart count {}", this->name(), num_harts));
    if (timebase_hz == 0)
        throw std::invalid_argument(fmt::format("{}: timebase_hz is zero", this->name()));
    declare_registers();
    SC_HAS_PROCESS(Clint);
    SC_METHOD(on_timer);
    sensitive << timer_;
    dont_initialize();
}

void Clint::declare_registers() {
    for (unsigned h = 0; h < num_harts_; ++h) {
        regs_
            .add(fmt::format("msip{}", h), regs::MSIP + h * regs::MSIP_stride, regs::MSIP_width, 0,
                 {periph::mask_field("MSIP", regs::MSIP_MSIP)})
            .on_write([this](Register&, std::uint64_t) { update_irq(access_time_); });
        regs_
            .add(fmt::format("mtimecmp{}", h), regs::MTIMECMP + h * regs::MTIMECMP_stride,
                 regs::MTIMECMP_width, ~0ULL)
            .min_access(regs::MTIMECMP_min_access)
            .on_write([this](Register&, std::uint64_t) { update_irq(access_time_); });
    }
    regs_.add("mtime", regs::MTIME, regs::MTIME_width)
        .min_access(regs::MTIME_min_access)
        .on_write([this](Register& r, std::uint64_t) {
            offset_ = r.value() - ticks_at(access_time_);
            update_irq(access_time_);
        });
    // Pointers only once the bank's storage no longer moves.
    for (unsigned h = 0; h < num_harts_; ++h) {
        msip_reg_.push_back(regs_.find(regs::MSIP + h * regs::MSIP_stride));
        mtimecmp_reg_.push_back(regs_.find(regs::MTIMECMP + h * regs::MTIMECMP_stride));
    }
    mtime_reg_ = regs_.find(regs::MTIME);
}

std::uint64_t Clint::ticks_at(const sc_time& t) const {
    const u128 fs = static_cast<u128>(t.value()) * resolution_fs();
    return static_cast<std::uint64_t>(fs * timebase_hz_ / kFsPerSecond);
}

bool Clint::time_of_ticks(std::uint64_t ticks, sc_time& t) const {
    const u128 per_unit = static_cast<u128>(timebase_hz_) * resolution_fs();
    const u128 units = (static_cast<u128>(ticks) * kFsPerSecond + per_unit - 1) / per_unit;
    if (units > std::numeric_limits<sc_dt::uint64>::max()) return false;
    t = sc_time::from_value(static_cast<sc_dt::uint64>(units));
    return true;
}

std::uint64_t Clint::mtime_at(const sc_time& t) const {
    return ticks_at(t) + offset_;
}

void Clint::update_irq(const sc_time& now) {
    const std::uint64_t ticks = ticks_at(now);
    const std::uint64_t mtime = ticks + offset_;
    bool armed = false;
    sc_time next;
    for (unsigned h = 0; h < num_harts_; ++h) {
        msip_[h].set(msip_reg_[h]->value() & regs::MSIP_MSIP);
        const std::uint64_t cmp = mtimecmp_reg_[h]->value();
        mtip_[h].set(mtime >= cmp);
        const std::uint64_t wait_ticks = cmp - mtime;  // > 0 when not yet reached
        sc_time when;
        if (mtime < cmp && ticks <= ~0ULL - wait_ticks && time_of_ticks(ticks + wait_ticks, when) &&
            (!armed || when < next)) {
            next = when;
            armed = true;
        }
    }
    timer_.cancel();
    if (armed) {
        const sc_time stamp = sc_core::sc_time_stamp();
        timer_.notify(next > stamp ? next - stamp : sc_core::SC_ZERO_TIME);
    }
}

void Clint::on_timer() {
    update_irq(sc_core::sc_time_stamp());
}

void Clint::b_transport(tlm::tlm_generic_payload& gp, sc_time& delay) {
    access_time_ = sc_core::sc_time_stamp() + delay;
    mtime_reg_->set(mtime_at(access_time_));
    MmioDevice::b_transport(gp, delay);
}

unsigned Clint::transport_dbg(tlm::tlm_generic_payload& gp) {
    const sc_time now = sc_core::sc_time_stamp();
    mtime_reg_->set(mtime_at(now));
    const unsigned done = MmioDevice::transport_dbg(gp);
    if (gp.is_write() && done) {  // a debugger's write takes effect like a guest's
        offset_ = mtime_reg_->value() - ticks_at(now);
        update_irq(now);
    }
    return done;
}

}  // namespace nodevp
