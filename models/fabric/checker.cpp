#include "models/fabric/checker.hpp"

#include <sstream>

namespace nodevp::fabric {

namespace {

std::string hex(std::uint64_t v) {
    std::ostringstream s;
    s << "0x" << std::hex << v;
    return s.str();
}

}  // namespace

void InvariantChecker::watch(std::vector<const Agent*> agents, HomeLookup home_of) {
    agents_ = std::move(agents);
    home_of_ = std::move(home_of);
}

std::uint64_t InvariantChecker::shadow(std::uint64_t addr) const {
    auto it = shadow_.find(line_of(addr));
    return it == shadow_.end() ? 0 : it->second[word_of(addr)];
}

std::uint64_t InvariantChecker::last_read(int agent) const {
    auto it = last_read_.find(agent);
    return it == last_read_.end() ? 0 : it->second;
}

void InvariantChecker::performed_read(int agent, std::uint64_t addr, std::uint64_t value) {
    last_read_[agent] = value;
    std::uint64_t latest = shadow(addr);
    if (value != latest)
        fail(line_of(addr), name(agent) + " read " + hex(value) + " at " + hex(addr) +
                                " but the latest value in coherence order is " + hex(latest));
}

void InvariantChecker::performed_write(int /*agent*/, std::uint64_t addr, std::uint64_t value,
                                       std::uint64_t mask) {
    std::uint64_t& word = shadow_[line_of(addr)][word_of(addr)];
    word = (word & ~mask) | (value & mask);
}

void InvariantChecker::record(const Message& m) {
    auto& h = history_[line_of(m.addr)];
    h.push_back(m);
    if (h.size() > kHistory) h.pop_front();
}

void InvariantChecker::check_line(std::uint64_t line) {
    if (failed()) return;
    std::string writers, readers;
    int nwriters = 0, nreaders = 0;
    for (const Agent* a : agents_) {
        LineState s = a->state_of(line);
        if (s == LineState::I) continue;
        bool unique = s == LineState::E || s == LineState::M;
        (unique ? writers : readers) += " " + a->name() + "(" + to_string(s) + ")";
        ++(unique ? nwriters : nreaders);
    }
    if (nwriters > 1 || (nwriters == 1 && nreaders > 0))
        fail(line, "single-writer/multiple-reader broken: unique copies at" + writers +
                       (nreaders ? ", shared copies at" + readers : std::string()));
    if (nwriters + nreaders == 0) return;
    auto it = shadow_.find(line);
    const Line latest = it == shadow_.end() ? Line{} : it->second;
    for (const Agent* a : agents_) check_copy(*a, line, latest);
}

void InvariantChecker::check_copy(const Agent& a, std::uint64_t line, const Line& latest) {
    const Line* copy = a.data_of(line);
    if (!copy) return;
    for (unsigned w = 0; w < kWordsPerLine; ++w) {
        if ((*copy)[w] == latest[w]) continue;
        fail(line, a.name() + " holds " + to_string(a.state_of(line)) + " with word " +
                       std::to_string(w) + " = " + hex((*copy)[w]) +
                       " but the latest value in coherence order is " + hex(latest[w]));
        return;
    }
}

void InvariantChecker::fail(std::uint64_t line, const std::string& what) {
    if (failed()) return;
    report_ = "coherence violation on line " + hex(line) + ": " + what + "\n" + describe_line(line);
}

std::string InvariantChecker::describe_line(std::uint64_t line) const {
    std::ostringstream s;
    s << "  agents:";
    for (const Agent* a : agents_) {
        s << " " << a->name() << "=" << to_string(a->state_of(line));
        if (a->copy_back_pending(line)) s << "(copy-back pending)";
        if (a->busy()) s << "(busy)";
    }
    if (home_of_) {
        const HomeAgent& h = home_of_(line);
        DirEntry d = h.entry(line);
        s << "\n  home " << name(h.id()) << ": directory " << to_string(d.state) << " owner "
          << (d.state == DirState::U ? name(d.owner) : std::string("-")) << " sharers {";
        for (int n = 0; n < 64; ++n)
            if (d.state == DirState::S && (d.sharers >> n & 1)) s << " " << name(n);
        s << " }" << (h.busy(line) ? " busy" : "");
    }
    s << "\n  last messages for this line (oldest first):";
    auto it = history_.find(line);
    if (it != history_.end())
        for (const Message& m : it->second) s << "\n    " << describe(m, net_.names());
    s << "\n";
    return s.str();
}

}  // namespace nodevp::fabric
