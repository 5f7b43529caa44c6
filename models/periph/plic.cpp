#include "models/periph/plic.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "gen/node_map.hpp"
#include "gen/regs.hpp"

namespace nodevp {

namespace regs = gen::regs::plic;

namespace {
std::uint64_t enable_offset(unsigned ctx, unsigned word) {
    return regs::ENABLE + ctx * regs::ENABLE_context_stride + word * regs::ENABLE_stride;
}
std::uint64_t threshold_offset(unsigned ctx) {
    return regs::THRESHOLD + ctx * regs::THRESHOLD_context_stride;
}
std::uint64_t claim_offset(unsigned ctx) {
    return regs::CLAIM + ctx * regs::CLAIM_context_stride;
}

// The field of word `word` that covers existing sources 1..num_sources.
Field source_field(const char* name, unsigned word, unsigned num_sources, Access access) {
    const unsigned first = word == 0 ? 1 : 32 * word;
    const unsigned last = std::min(num_sources, 32 * word + 31);
    return Field{name, first - 32 * word, last - first + 1, access};
}
}  // namespace

Plic::Plic(const sc_core::sc_module_name& name, unsigned num_sources, unsigned num_contexts)
    : MmioDevice(name),
      num_sources_(num_sources),
      num_contexts_(num_contexts),
      level_(num_sources + 1),
      pending_(num_sources + 1),
      claimed_(num_sources + 1),
      out_(num_contexts) {
    const unsigned max_contexts = (regs::THRESHOLD - regs::ENABLE) / regs::ENABLE_context_stride;
    if (num_sources == 0 || num_sources >= regs::PRIORITY_count ||
        num_sources >= 32 * regs::PENDING_count)
        throw std::invalid_argument(
            fmt::format("{}: unsupported source count {}", this->name(), num_sources));
    if (num_contexts == 0 || num_contexts > max_contexts)
        throw std::invalid_argument(
            fmt::format("{}: unsupported context count {}", this->name(), num_contexts));
    declare_registers();
}

void Plic::declare_registers() {
    for (unsigned s = 1; s <= num_sources_; ++s)
        regs_
            .add(fmt::format("priority{}", s), regs::PRIORITY + s * regs::PRIORITY_stride,
                 regs::PRIORITY_width, 0,
                 {Field{"PRIORITY", 0, gen::map::plic_priority_bits, Access::rw}})
            .on_write([this](Register&, std::uint64_t) { update_irq(); });
    for (unsigned w = 0; w < words(); ++w)
        regs_.add(fmt::format("pending{}", w), regs::PENDING + w * regs::PENDING_stride,
                  regs::PENDING_width, 0, {source_field("PENDING", w, num_sources_, Access::ro)});
    for (unsigned ctx = 0; ctx < num_contexts_; ++ctx) declare_context(ctx);

    priority_reg_.push_back(nullptr);
    for (unsigned s = 1; s <= num_sources_; ++s)
        priority_reg_.push_back(regs_.find(regs::PRIORITY + s * regs::PRIORITY_stride));
    for (unsigned w = 0; w < words(); ++w)
        pending_reg_.push_back(regs_.find(regs::PENDING + w * regs::PENDING_stride));
    for (unsigned ctx = 0; ctx < num_contexts_; ++ctx) {
        for (unsigned w = 0; w < words(); ++w)
            enable_reg_.push_back(regs_.find(enable_offset(ctx, w)));
        threshold_reg_.push_back(regs_.find(threshold_offset(ctx)));
        claim_reg_.push_back(regs_.find(claim_offset(ctx)));
    }
}

void Plic::declare_context(unsigned ctx) {
    for (unsigned w = 0; w < words(); ++w)
        regs_
            .add(fmt::format("enable{}_{}", ctx, w), enable_offset(ctx, w), regs::ENABLE_width, 0,
                 {source_field("ENABLE", w, num_sources_, Access::rw)})
            .on_write([this](Register&, std::uint64_t) { update_irq(); });
    regs_
        .add(fmt::format("threshold{}", ctx), threshold_offset(ctx), regs::THRESHOLD_width, 0,
             {Field{"THRESHOLD", 0, gen::map::plic_priority_bits, Access::rw}})
        .on_write([this](Register&, std::uint64_t) { update_irq(); });
    regs_.add(fmt::format("claim{}", ctx), claim_offset(ctx), regs::CLAIM_width)
        .on_read([this, ctx](const Register&) { return claim(ctx); })
        .on_write([this, ctx](Register& r, std::uint64_t old) {
            const std::uint64_t id = r.value();
            r.set(old);
            complete(ctx, id);
        });
}

void Plic::irq_changed(unsigned source, bool level) {
    if (source == 0 || source > num_sources_)
        throw std::out_of_range(fmt::format("{}: no interrupt source {}", name(), source));
    level_[source] = level;
    // The gateway turns a level into one request (PLIC spec, "Interrupt Gateways"): once the
    // core has it, it stays pending until claimed even if the source drops its level first.
    if (level && !claimed_[source]) pending_[source] = true;
    update_irq();
}

unsigned Plic::priority(unsigned source) const {
    return static_cast<unsigned>(priority_reg_[source]->value());
}

bool Plic::enabled(unsigned ctx, unsigned source) const {
    return (enable_reg_[ctx * words() + source / 32]->value() >> (source % 32)) & 1;
}

unsigned Plic::best_source(unsigned ctx) const {
    unsigned best = 0;
    unsigned best_priority = static_cast<unsigned>(threshold_reg_[ctx]->value());
    for (unsigned s = 1; s <= num_sources_; ++s) {
        if (pending_[s] && enabled(ctx, s) && priority(s) > best_priority) {
            best = s;
            best_priority = priority(s);
        }
    }
    return best;
}

std::uint64_t Plic::claim(unsigned ctx) {
    const unsigned s = best_source(ctx);
    if (s != 0) {
        pending_[s] = false;
        claimed_[s] = true;
        update_irq();
    }
    log_->debug("context {} claims {}", ctx, s);
    return s;
}

void Plic::complete(unsigned ctx, std::uint64_t id) {
    if (id == 0 || id > num_sources_ || !enabled(ctx, static_cast<unsigned>(id))) {
        log_->debug("context {} completes {}: ignored (not an enabled source)", ctx, id);
        return;
    }
    const auto s = static_cast<unsigned>(id);
    claimed_[s] = false;
    pending_[s] = level_[s];
    update_irq();
}

void Plic::update_irq() {
    for (unsigned w = 0; w < words(); ++w) {
        std::uint64_t bits = 0;
        for (unsigned b = 0; b < 32 && 32 * w + b <= num_sources_; ++b)
            if (pending_[32 * w + b]) bits |= 1ULL << b;
        pending_reg_[w]->set(bits);
    }
    for (unsigned ctx = 0; ctx < num_contexts_; ++ctx) {
        const unsigned best = best_source(ctx);
        claim_reg_[ctx]->set(best);
        out_[ctx].set(best != 0);
    }
}

}  // namespace nodevp
