#include "models/cpu/rv_hart.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace nodevp::cpu {

namespace {

// A hart's time (now_value(): SystemC time values) in the trace's picoseconds.
std::uint64_t trace_ps(std::uint64_t value) {
    return trace::ps(sc_core::sc_time::from_value(value));
}

// misa bits of the extension letters; "g" stands for "imafd" (Zicsr and Zifencei are always there).
std::uint64_t misa_extensions(const HartConfig& c) {
    std::uint64_t bits = 1u << ('i' - 'a');
    for (char ch : c.extensions) {
        if (ch == 'i') continue;
        if (ch == 'g') {
            for (char g : {'m', 'a', 'f', 'd'}) bits |= 1u << (g - 'a');
            continue;
        }
        if (ch != 'm' && ch != 'a' && ch != 'f' && ch != 'd' && ch != 'c')
            throw std::invalid_argument(fmt::format(
                "hart {}: unsupported extension '{}' in \"{}\" (supported: i, m, a, f, d, c, g)",
                c.hart_id, ch, c.extensions));
        bits |= 1u << (ch - 'a');
    }
    if ((bits & (1u << ('d' - 'a'))) && !(bits & (1u << ('f' - 'a'))))
        throw std::invalid_argument(fmt::format("hart {}: extension 'd' requires 'f' (in \"{}\")",
                                                c.hart_id, c.extensions));
    if (c.supervisor) bits |= 1u << ('s' - 'a');
    if (c.user) bits |= 1u << ('u' - 'a');
    return bits;
}

}  // namespace

std::unique_ptr<Hart> Hart::create(const sc_core::sc_module_name& name, const HartConfig& config) {
    if (config.supervisor && !config.user)
        throw std::invalid_argument(fmt::format("hart {}: S mode requires U mode", config.hart_id));
    if (config.clock_period == sc_core::SC_ZERO_TIME)
        throw std::invalid_argument(fmt::format("hart {}: clock period is zero", config.hart_id));
    misa_extensions(config);  // validates the letters
    if (config.xlen == 32) return std::make_unique<RvHart<std::uint32_t>>(name, config);
    if (config.xlen == 64) return std::make_unique<RvHart<std::uint64_t>>(name, config);
    throw std::invalid_argument(
        fmt::format("hart {}: xlen {} is not supported (32 or 64)", config.hart_id, config.xlen));
}

template <class X>
RvHart<X>::RvHart(const sc_core::sc_module_name& name, const HartConfig& config)
    : Hart(name),
      config_(config),
      log_(log::get(this->name())),
      handlers_(handler_table<X>()),
      period_(config.clock_period.value()) {
    const std::uint64_t ext = misa_extensions(config);
    has_c_ = ext & (1u << ('c' - 'a'));
    has_m_ = ext & (1u << ('m' - 'a'));
    has_a_ = ext & (1u << ('a' - 'a'));
    has_f_ = ext & (1u << ('f' - 'a'));
    has_d_ = ext & (1u << ('d' - 'a'));
    has_s_ = config.supervisor;
    has_u_ = config.user;
    ialign_mask_ = has_c_ ? 0 : 2;
    misa_ = static_cast<X>((static_cast<std::uint64_t>(kXlen == 32 ? 1 : 2) << (kXlen - 2)) | ext);
    if (kXlen == 64)
        mstatus_fixed_ = (has_u_ ? mstatus::kUxl64 : 0) | (has_s_ ? mstatus::kSxl64 : 0);
    mstatus_ = mstatus_fixed_ | (std::uint64_t{kPrivM} << mstatus::kMppShift);
    pc_ = static_cast<X>(config.reset_pc);
    icache_[kPrivM].resize(kCacheEntries);
    if (has_s_)  // satp (translation) exists only with S mode
        for (auto& t : tlb_) t.resize(kTlbEntries);
    flush_icache();
    mem_context_changed();
    SC_HAS_PROCESS(RvHart);
    SC_THREAD(run);
}

template <class X>
void RvHart<X>::irq_changed(unsigned line, bool level) {
    const std::uint64_t bit = line < 64 ? 1ULL << line : 0;
    if (!(bit & kAllInterrupts))
        throw std::logic_error(fmt::format("{}: interrupt line {} is not a mip bit", name(), line));
    mip_lines_ = level ? (mip_lines_ | bit) : (mip_lines_ & ~bit);
    if (mip() & mie_) {
        end_batch();
        wake_event_.notify(sc_core::SC_ZERO_TIME);
    }
}

template <class X>
void RvHart<X>::run() {
    qk_.reset();
    while (!halted_) {
        if (debug_attention_) debug_checkpoint();
        if (wfi_) sleep_until_interrupt();
        take_interrupt_if_pending();
        if (halted_) break;
        batch_start_ = instret_;
        const std::uint64_t budget = qk_.remaining().value() / period_;
        batch_end_ = instret_ + (budget ? budget : 1);
        if (debug_attention_) batch_end_ = instret_ + 1;  // single step
        if (log_->should_log(spdlog::level::trace))
            run_batch<true>();
        else
            run_batch<false>();
        qk_.inc(sc_core::sc_time::from_value((instret_ - batch_start_) * period_ + mem_delay_));
        batch_start_ = instret_;
        mem_delay_ = 0;
        if (qk_.need_sync() || stop_requested()) {
            reserved_ = false;
            qk_.sync();
        }
    }
}

// True once sc_stop() was called (e.g. by a device this hart wrote to): the hart then yields at
// once instead of finishing its quantum.
template <class X>
bool RvHart<X>::stop_requested() const {
    return sc_core::sc_get_curr_simcontext()->sim_status() == sc_core::SC_SIM_USER_STOP;
}

template <class X>
template <bool kTrace>
void RvHart<X>::run_batch() {
    CacheEntry* const cache = icache_cur_;
    for (;;) {
        try {
            while (instret_ < batch_end_) {
                CacheEntry& e = cache[(pc_ >> 1) & (kCacheEntries - 1)];
                if (__builtin_expect(e.tag != pc_, 0)) refill(e);
                if constexpr (kTrace) trace(e.d);
                e.fn(*this, e.d);
                ++instret_;
            }
            return;
        } catch (const Trap& t) {
            take_trap(t.cause, t.tval);
            // A new privilege has its own decoded-instruction cache: the next batch uses it.
            if (halted_ || debug_attention_ || cache != icache_cur_) return;
        } catch (const DebugBreak&) {
            return;
        }
    }
}

template <class X>
void RvHart<X>::refill(CacheEntry& e) {
    std::uint32_t bits = fetch16(pc_);
    if ((bits & 3) == 3) bits |= static_cast<std::uint32_t>(fetch16(pc_ + 2)) << 16;
    DecodedInsn d = decode(bits, kXlen, has_c_);
    if (!extension_enabled(d.op)) d.op = Op::illegal;
    e.tag = pc_;
    e.fn = handlers_[static_cast<unsigned>(d.op)];
    e.d = d;
    if (!dbg_.breakpoints.empty() && is_breakpoint(pc_)) e.fn = &RvHart::sem_breakpoint;
}

template <class X>
bool RvHart<X>::extension_enabled(Op op) const {
    const auto o = static_cast<unsigned>(op);
    if (o >= static_cast<unsigned>(Op::mul) && o <= static_cast<unsigned>(Op::remuw)) return has_m_;
    if (o >= static_cast<unsigned>(Op::lr_w) && o <= static_cast<unsigned>(Op::amomaxu_d))
        return has_a_;
    if (o >= static_cast<unsigned>(Op::flw) && o <= static_cast<unsigned>(Op::fmv_w_x))
        return has_f_;
    if (o >= static_cast<unsigned>(Op::fld) && o <= static_cast<unsigned>(Op::fmv_d_x))
        return has_d_;
    return true;
}

template <class X>
void RvHart<X>::trace(const DecodedInsn& d) const {
    log_->trace("pc {:#x} raw {:#0{}x} {}", static_cast<std::uint64_t>(pc_), d.raw,
                d.length == 2 ? 6 : 10, insn_name(d.op));
}

template <class X>
void RvHart<X>::flush_icache() {
    for (auto& cache : icache_)
        for (CacheEntry& e : cache) e.tag = kNoTag;
}

template <class X>
void RvHart<X>::flush_translated_icaches() {
    for (unsigned p : {kPrivU, kPrivS})
        for (CacheEntry& e : icache_[p]) e.tag = kNoTag;
}

template <class X>
std::uint64_t RvHart<X>::interrupt_to_take() const {
    const std::uint64_t pending = mip() & mie_;
    if (!pending) return 0;
    const bool m_enabled = priv_ < kPrivM || (mstatus_ & mstatus::kMie);
    const bool s_enabled = priv_ < kPrivS || (priv_ == kPrivS && (mstatus_ & mstatus::kSie));
    std::uint64_t take = m_enabled ? pending & ~std::uint64_t{mideleg_} : 0;
    if (!take && s_enabled) take = pending & mideleg_;
    // Priority order of the privileged spec.
    static constexpr unsigned kOrder[] = {11, 3, 7, 9, 1, 5};
    for (unsigned code : kOrder)
        if (take & (1ULL << code)) return kInterruptFlag | code;
    return 0;
}

template <class X>
void RvHart<X>::take_interrupt_if_pending() {
    if (const std::uint64_t cause = interrupt_to_take()) take_trap(cause, 0);
}

template <class X>
void RvHart<X>::take_trap(std::uint64_t cause, std::uint64_t tval) {
    const bool interrupt = cause & kInterruptFlag;
    const unsigned code = static_cast<unsigned>(cause & 63);
    const X xcause = interrupt ? (X(1) << (kXlen - 1)) | code : code;
    const X deleg = interrupt ? mideleg_ : medeleg_;
    const unsigned from = priv_;
    // The handler's first instruction itself raised an exception (an illegal instruction at the
    // vector, a vector in the middle of an instruction): the hart would trap there forever
    // without retiring anything, so simulated time would stand still. Stop it and say why.
    if (!interrupt && pc_ == last_vector_ && instret_ == last_trap_instret_) {
        halt(
            fmt::format("{}: trap loop: the trap handler at pc {:#x} raises exception {} "
                        "(tval {:#x}) before it retires an instruction",
                        name(), static_cast<std::uint64_t>(pc_), code, tval));
        return;
    }
    X vector;
    if (has_s_ && priv_ <= kPrivS && ((deleg >> code) & 1)) {
        scause_ = xcause;
        sepc_ = pc_;
        stval_ = static_cast<X>(tval);
        std::uint64_t s = mstatus_ & ~(mstatus::kSpp | mstatus::kSpie | mstatus::kSie);
        if (mstatus_ & mstatus::kSie) s |= mstatus::kSpie;
        if (priv_ == kPrivS) s |= mstatus::kSpp;
        mstatus_ = s;
        priv_ = kPrivS;
        vector = stvec_;
    } else {
        mcause_ = xcause;
        mepc_ = pc_;
        mtval_ = static_cast<X>(tval);
        std::uint64_t s = mstatus_ & ~(mstatus::kMpp | mstatus::kMpie | mstatus::kMie);
        if (mstatus_ & mstatus::kMie) s |= mstatus::kMpie;
        s |= std::uint64_t{priv_} << mstatus::kMppShift;
        mstatus_ = s;
        priv_ = kPrivM;
        vector = mtvec_;
    }
    mem_context_changed();
    reserved_ = false;
    pc_ = (vector & ~X(3)) + ((vector & 1) && interrupt ? 4 * code : 0);
    if (!interrupt) {
        last_vector_ = pc_;
        last_trap_instret_ = instret_;
    }
    if (trace_track_ != trace::kNoTrack)
        trace::instant(trace_track_, interrupt ? "interrupt" : "exception", trace_ps(now_value()),
                       {{"cause", code}, {"tval", trace::hex(tval)}, {"to", trace::hex(pc_)}});
    log_->debug("trap: {} {} from priv {} at pc {:#x}, tval {:#x}, to priv {} at {:#x}",
                interrupt ? "interrupt" : "exception", code, from,
                static_cast<std::uint64_t>(interrupt ? (priv_ == kPrivM ? mepc_ : sepc_) : pc_),
                tval, priv_, static_cast<std::uint64_t>(pc_));
    try {
        CacheEntry& e = icache_cur_[(pc_ >> 1) & (kCacheEntries - 1)];
        if (e.tag != pc_) refill(e);
    } catch (const Trap& t) {
        halt(cause, t.tval);
    }
}

template <class X>
void RvHart<X>::halt(std::uint64_t cause, std::uint64_t address) {
    halt(fmt::format(
        "{}: cannot enter the trap handler at pc {:#x} (cause {}{}): fetch fault at {:#x}", name(),
        static_cast<std::uint64_t>(pc_), cause & kInterruptFlag ? "interrupt " : "",
        cause & ~kInterruptFlag, address));
}

template <class X>
void RvHart<X>::halt(const std::string& reason) {
    log_->error("{}", reason);
    halted_ = true;
    trace::end(trace_track_, trace_ps(now_value()), {{"halted", true}});
    end_batch();
    if (halt_handler_) halt_handler_(*this, reason);
}

template <class X>
void RvHart<X>::sleep_until_interrupt() {
    // An interrupt already pending and enabled in mie makes WFI a no-op: no yield, so a hart that
    // polls with WFI while one stays pending (OpenSBI's HSM wait) costs no context switches.
    if (mip() & mie_) {
        wfi_ = false;
        return;
    }
    reserved_ = false;
    qk_.sync();
    trace::end(trace_track_, trace::now_ps());
    while (!(mip() & mie_)) sc_core::wait(wake_event_);
    trace::begin(trace_track_, "running", trace::now_ps());
    wfi_ = false;
    qk_.reset();
}

template <class X>
void RvHart<X>::mret() {
    const unsigned mpp = (mstatus_ & mstatus::kMpp) >> mstatus::kMppShift;
    std::uint64_t s = mstatus_ & ~(mstatus::kMie | mstatus::kMpp);
    if (mstatus_ & mstatus::kMpie) s |= mstatus::kMie;
    s |= mstatus::kMpie;
    s |= std::uint64_t{has_u_ ? kPrivU : kPrivM} << mstatus::kMppShift;
    if (mpp != kPrivM) s &= ~mstatus::kMprv;
    mstatus_ = s;
    priv_ = mpp;
    mem_context_changed();
    pc_ = mepc_ & ~ialign_mask_;
    end_batch();
}

template <class X>
void RvHart<X>::sret() {
    const unsigned spp = (mstatus_ & mstatus::kSpp) ? kPrivS : kPrivU;
    std::uint64_t s = mstatus_ & ~(mstatus::kSie | mstatus::kSpp | mstatus::kMprv);
    if (mstatus_ & mstatus::kSpie) s |= mstatus::kSie;
    s |= mstatus::kSpie;
    mstatus_ = s;
    priv_ = spp;
    mem_context_changed();
    pc_ = sepc_ & ~ialign_mask_;
    end_batch();
}

template <class X>
std::uint64_t RvHart<X>::local_time_value() const {
    return qk_.get_local_time().value() + (instret_ - batch_start_) * period_ + mem_delay_;
}

template <class X>
std::uint64_t RvHart<X>::time_csr() const {
    static const std::uint64_t kSecond = sc_core::sc_time(1, sc_core::SC_SEC).value();
    const unsigned __int128 ticks =
        static_cast<unsigned __int128>(now_value()) * config_.timebase_hz / kSecond;
    return static_cast<std::uint64_t>(ticks);
}

template class RvHart<std::uint32_t>;
template class RvHart<std::uint64_t>;

}  // namespace nodevp::cpu
