#include "models/common/trace.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <ostream>

#include <fmt/format.h>

#include "models/common/log.hpp"

namespace nodevp::trace {

namespace detail {
Recorder* g_recorder = nullptr;
}

namespace {

std::unique_ptr<Recorder>& owned() {
    static std::unique_ptr<Recorder> r;
    return r;
}

void append_string(std::string& out, std::string_view s) {
    out += '"';
    for (const char c : s) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20)
                    out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
                else
                    out += c;
        }
    }
    out += '"';
}

// Microseconds with nanosecond digits, floored: "12.345".
std::string micros(std::uint64_t ns) {
    return fmt::format("{}.{:03}", ns / 1000, ns % 1000);
}

}  // namespace

void Arg::append_json(std::string& out) const {
    append_string(out, key_);
    out += ": ";
    switch (kind_) {
        case Kind::u:
            out += fmt::format("{}", u_);
            break;
        case Kind::i:
            out += fmt::format("{}", i_);
            break;
        case Kind::d:
            // JSON has no NaN or infinity.
            out += std::isfinite(d_) ? fmt::format("{:.9g}", d_) : std::string("null");
            break;
        case Kind::s:
            append_string(out, s_);
            break;
    }
}

std::string hex(std::uint64_t value) {
    return fmt::format("{:#x}", value);
}

Recorder::Recorder(std::size_t max_events) : max_events_(max_events) {}

void Recorder::process(std::string_view process) {
    if (std::find(processes_.begin(), processes_.end(), process) == processes_.end())
        processes_.emplace_back(process);
}

TrackId Recorder::track(std::string_view process, std::string_view name) {
    const auto key = std::make_pair(std::string(process), std::string(name));
    if (auto it = index_.find(key); it != index_.end()) return it->second;
    this->process(process);
    const auto pid = static_cast<std::uint32_t>(
        std::find(processes_.begin(), processes_.end(), process) - processes_.begin() + 1);
    const auto id = static_cast<TrackId>(tracks_.size());
    Track t;
    t.pid = pid;
    t.process = key.first;
    t.name = key.second;
    tracks_.push_back(std::move(t));
    index_.emplace(key, id);
    return id;
}

std::string Recorder::args_json(Args args) {
    std::string out;
    for (const Arg& a : args) {
        if (!out.empty()) out += ", ";
        a.append_json(out);
    }
    return out;
}

bool Recorder::admit() {
    if (events_.size() < max_events_) return true;
    if (dropped_++ == 0)
        log::get("trace")->warn(
            "the trace holds its maximum of {} events: later events are dropped (counted in "
            "the file's otherData.dropped_events)",
            max_events_);
    return false;
}

void Recorder::push(TrackId track, bool instant, std::string_view name, std::uint64_t ts_ps,
                    std::uint64_t dur_ps, std::string args) {
    if (track >= tracks_.size() || !admit()) return;
    events_.push_back(Event{ts_ps, dur_ps, track, instant, std::string(name), std::move(args)});
}

void Recorder::span(TrackId track, std::string_view name, std::uint64_t start_ps,
                    std::uint64_t end_ps, Args args) {
    if (track >= tracks_.size() || !admit()) return;
    const std::uint64_t dur = end_ps > start_ps ? end_ps - start_ps : 0;
    events_.push_back(Event{start_ps, dur, track, false, std::string(name), args_json(args)});
}

void Recorder::instant(TrackId track, std::string_view name, std::uint64_t at_ps, Args args) {
    if (track >= tracks_.size() || !admit()) return;
    events_.push_back(Event{at_ps, 0, track, true, std::string(name), args_json(args)});
}

void Recorder::begin(TrackId track, std::string_view name, std::uint64_t at_ps, Args args) {
    if (track >= tracks_.size()) return;
    end(track, at_ps);
    Track& t = tracks_[track];
    t.open = true;
    t.open_ps = at_ps;
    t.open_name = name;
    t.open_args = args_json(args);
}

void Recorder::end(TrackId track, std::uint64_t at_ps, Args args) {
    if (track >= tracks_.size() || !tracks_[track].open) return;
    Track& t = tracks_[track];
    t.open = false;
    std::string all = std::move(t.open_args);
    const std::string more = args_json(args);
    if (!all.empty() && !more.empty()) all += ", ";
    all += more;
    push(track, false, t.open_name, t.open_ps, at_ps > t.open_ps ? at_ps - t.open_ps : 0,
         std::move(all));
}

std::size_t Recorder::open_spans() const {
    std::size_t n = 0;
    for (const Track& t : tracks_) n += t.open ? 1 : 0;
    return n;
}

bool Recorder::is_open(TrackId track) const {
    return track < tracks_.size() && tracks_[track].open;
}

void Recorder::write(std::ostream& out, std::uint64_t end_ps) const {
    // Spans still open, as if they ended now.
    std::vector<Event> unfinished;
    for (TrackId id = 0; id < tracks_.size(); ++id) {
        const Track& t = tracks_[id];
        if (!t.open) continue;
        std::string args = t.open_args;
        args += args.empty() ? "\"unfinished\": 1" : ", \"unfinished\": 1";
        unfinished.push_back(Event{t.open_ps, end_ps > t.open_ps ? end_ps - t.open_ps : 0, id,
                                   false, t.open_name, std::move(args)});
    }
    std::vector<const Event*> order;
    order.reserve(events_.size() + unfinished.size());
    for (const Event& e : events_) order.push_back(&e);
    for (const Event& e : unfinished) order.push_back(&e);
    // Nanosecond times as written; a parent span precedes the children starting with it.
    const auto ns = [](std::uint64_t ps) { return ps / 1000; };
    std::stable_sort(order.begin(), order.end(), [&](const Event* a, const Event* b) {
        const std::uint64_t ta = ns(a->ts_ps), tb = ns(b->ts_ps);
        if (ta != tb) return ta < tb;
        const std::uint64_t da = ns(a->ts_ps + a->dur_ps) - ta, db = ns(b->ts_ps + b->dur_ps) - tb;
        return da > db;
    });

    std::string line;
    out << "{\"traceEvents\": [\n";
    bool first = true;
    const auto emit = [&](const std::string& s) {
        out << (first ? "" : ",\n") << s;
        first = false;
    };
    for (std::size_t p = 0; p < processes_.size(); ++p) {
        line = fmt::format(R"({{"ph": "M", "pid": {}, "tid": 0, "name": "process_name", )", p + 1);
        line += "\"args\": {\"name\": ";
        append_string(line, processes_[p]);
        line += "}}";
        emit(line);
        emit(fmt::format(R"({{"ph": "M", "pid": {}, "tid": 0, "name": "process_sort_index", )"
                         R"("args": {{"sort_index": {}}}}})",
                         p + 1, p + 1));
    }
    for (std::size_t id = 0; id < tracks_.size(); ++id) {
        const Track& t = tracks_[id];
        line = fmt::format(R"({{"ph": "M", "pid": {}, "tid": {}, "name": "thread_name", )", t.pid,
                           id + 1);
        line += "\"args\": {\"name\": ";
        append_string(line, t.name);
        line += "}}";
        emit(line);
        emit(fmt::format(R"({{"ph": "M", "pid": {}, "tid": {}, "name": "thread_sort_index", )"
                         R"("args": {{"sort_index": {}}}}})",
                         t.pid, id + 1, id + 1));
    }
    for (const Event* e : order) {
        const Track& t = tracks_[e->track];
        const std::uint64_t ts = ns(e->ts_ps);
        line = fmt::format(R"({{"ph": "{}", "pid": {}, "tid": {}, "ts": {}, )",
                           e->instant ? "i" : "X", t.pid, e->track + 1, micros(ts));
        if (e->instant)
            line += "\"s\": \"t\", ";
        else
            line += fmt::format("\"dur\": {}, ", micros(ns(e->ts_ps + e->dur_ps) - ts));
        line += "\"name\": ";
        append_string(line, e->name);
        if (!e->args.empty()) line += ", \"args\": {" + e->args + "}";
        line += "}";
        emit(line);
    }
    out << "\n],\n\"displayTimeUnit\": \"ns\",\n";
    out << fmt::format(
        "\"otherData\": {{\"generator\": \"nodevp\", \"events\": {}, \"dropped_events\": {}, "
        "\"max_events\": {}, \"unfinished_spans\": {}}}\n}}\n",
        events_.size() + unfinished.size(), dropped_, max_events_, unfinished.size());
}

void enable(std::size_t max_events) {
    owned() = std::make_unique<Recorder>(max_events);
    detail::g_recorder = owned().get();
}

void disable() {
    detail::g_recorder = nullptr;
    owned().reset();
}

std::uint64_t ps(const sc_core::sc_time& t) {
    static const double kPsPerUnit = sc_core::sc_get_time_resolution().to_seconds() * 1e12;
    if (kPsPerUnit == 1.0) return t.value();  // the default resolution: exact
    return static_cast<std::uint64_t>(std::llround(static_cast<double>(t.value()) * kPsPerUnit));
}

}  // namespace nodevp::trace
