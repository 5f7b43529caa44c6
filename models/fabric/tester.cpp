#include "models/fabric/tester.hpp"

#include <stdexcept>

namespace nodevp::fabric {

RandomTester::RandomTester(const TesterConfig& config)
    : config_(config), system_(config.system), rng_(config.system.seed * 0x9e3779b97f4a7c15ull) {
    if (config.lines == 0) throw std::invalid_argument("fabric tester: no lines");
    for (unsigned i = 0; i < system_.agent_count(); ++i)
        system_.agent(i).on_complete = [this](int agent, const Op& op, std::uint64_t value) {
            on_complete(agent, op, value);
        };
}

TesterResult RandomTester::run() {
    InvariantChecker& checker = system_.checker();
    Network& net = system_.network();
    while (!checker.failed()) {
        bool more = issued_ < config_.operations;
        if (more && (net.idle() || rng_() % 3 == 0)) {
            try_issue();
        } else if (!net.idle()) {
            system_.step();
        } else {
            if (any_busy()) checker.fail(0, "deadlock: agents wait but no message is in flight");
            break;
        }
    }
    TesterResult r{!checker.failed(), completed_, net.delivered(), checker.report()};
    add_race_counts(r);
    return r;
}

void RandomTester::add_race_counts(TesterResult& r) {
    for (unsigned i = 0; i < config_.system.homes; ++i) {
        const HomeAgent::Stats& s = system_.home_of(i * kLineBytes).stats();
        r.queued_requests += s.queued_requests;
        r.stale_copy_backs += s.stale_copy_backs;
        r.upgrades_with_data += s.upgrades_with_data;
    }
    for (unsigned i = 0; i < system_.agent_count(); ++i)
        if (auto* c = dynamic_cast<const CachingAgent*>(&system_.agent(i)))
            r.snoops_on_copy_back += c->snoops_on_copy_back();
}

bool RandomTester::any_busy() {
    for (unsigned i = 0; i < system_.agent_count(); ++i)
        if (system_.agent(i).busy()) return true;
    return false;
}

void RandomTester::try_issue() {
    Agent& a = system_.agent(unsigned(rng_() % system_.agent_count()));
    if (a.busy()) return;
    Op op = random_op(a);
    if (!a.can_issue(op)) return;
    ++issued_;
    a.issue(op);
    system_.checker().check_line(line_of(op.addr));
}

std::uint64_t RandomTester::unique_value(const Agent& a) {
    const std::uint64_t scrambled = (++next_value_ * 0x9e3779b97f4a7c15ull) >> 8;
    return (std::uint64_t(a.id() + 1) << 56) | scrambled;
}

Op RandomTester::random_op(const Agent& a) {
    Op op;
    op.addr = (rng_() % config_.lines) * kLineBytes + (rng_() % kWordsPerLine) * 8;
    unsigned r = unsigned(rng_() % 100);
    bool caching = dynamic_cast<const CachingAgent*>(&a) != nullptr;
    if (r < 40) {
        op.kind = Op::Kind::Load;
    } else if (r < 75) {
        op.kind = Op::Kind::Store;
    } else if (r < 90 || !caching) {
        op.kind = Op::Kind::Atomic;
    } else {
        op.kind = Op::Kind::Evict;
    }
    // Distinct store values, tagged with the agent in the top byte, make a stale read
    // unambiguous in reports; the low bytes are scrambled so that a partial store changes them.
    op.value = unique_value(a);
    op.atomic = static_cast<AtomicOp>(rng_() % 3);
    if (op.kind == Op::Kind::Atomic && op.atomic == AtomicOp::Add) op.value = 1 + rng_() % 15;
    // Half of the compare-and-swaps expect the current value, so some of them succeed.
    op.compare = rng_() % 2 ? system_.checker().shadow(op.addr) : 0;
    // A quarter of the stores write a run of bytes within the word only.
    if (op.kind == Op::Kind::Store && rng_() % 4 == 0) {
        const unsigned first = unsigned(rng_() % 8), count = 1 + unsigned(rng_() % (8 - first));
        op.mask = (count == 8 ? ~std::uint64_t{0} : ((std::uint64_t{1} << (8 * count)) - 1))
                  << (8 * first);
    }
    // I/O agents also move whole or partial lines, as DMA does.
    if (!caching && (op.kind == Op::Kind::Load || op.kind == Op::Kind::Store) && rng_() % 2) {
        op.kind = op.kind == Op::Kind::Load ? Op::Kind::ReadLine : Op::Kind::WriteLine;
        op.addr = line_of(op.addr);
        op.byte_enable = rng_() % 8 == 0 ? kAllBytes : (rng_() | 1);
        for (unsigned w = 0; w < kWordsPerLine; ++w) op.data[w] = unique_value(a);
    }
    return op;
}

void RandomTester::on_complete(int agent, const Op& op, std::uint64_t value) {
    ++completed_;
    InvariantChecker& checker = system_.checker();
    if (op.kind == Op::Kind::ReadLine) {
        // The last word read at the coherence point is the highest enabled one.
        unsigned last = 0;
        for (unsigned w = 0; w < kWordsPerLine; ++w)
            if (word_mask(op.byte_enable, w)) last = w;
        value = system_.agent(unsigned(agent) - config_.system.homes).line_result()[last];
    } else if (op.kind != Op::Kind::Load && op.kind != Op::Kind::Atomic) {
        return;
    }
    if (value != checker.last_read(agent))
        checker.fail(line_of(op.addr), "a " + std::string(to_string(op.kind)) +
                                           " completed with a value other than the one it read"
                                           " at its coherence point");
}

}  // namespace nodevp::fabric
