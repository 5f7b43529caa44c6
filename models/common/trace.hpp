// Timeline recorder: what the models did in simulated time, written as Chrome trace-event JSON
// (https://ui.perfetto.dev and chrome://tracing open it). docs/trace.md is the user's view.
//
// A model asks for a track — a process name ("host", "gpu", "lpu0", "fabric") and a track name
// within it ("hart0", "channel 2", "program", "link host->switch") — and records on it complete
// spans (name, start, end, a few key/value arguments) and instants. One span may be open per
// track (begin/end); spans still open when the file is written end at the end of the run.
//
// Contracts:
// - Off unless enable() was called (the platform does, for --trace, before it builds the node).
//   When off, track() returns kNoTrack without allocating, and every recording call on kNoTrack
//   returns at its first branch: a model keeps its track ids and tests them, nothing else.
// - Deterministic: process ids in order of each process's first registration, track ids in
//   registration order, events in (start, longest first, recording order); times are integer
//   picoseconds written as microseconds with three decimals (nanoseconds, floored), so the same
//   run gives a byte-identical file.
// - Bounded: at most max_events spans and instants are kept; later ones are counted as dropped
//   (one warning, and "dropped_events" in the file's otherData) instead of growing memory.
// - Spans on one track should be disjoint or nested; the recorder does not check it (a span whose
//   end lies before its start is stored with duration 0).
// Not modelled: flow arrows between tracks, counters, async (overlapping) slices.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <iosfwd>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <systemc>

namespace nodevp::trace {

using TrackId = std::uint32_t;
inline constexpr TrackId kNoTrack = 0xffffffffu;
inline constexpr std::size_t kDefaultMaxEvents = 2'000'000;

// One key/value argument of an event: an integer, a floating-point number or a string.
class Arg {
  public:
    Arg(const char* key, std::uint64_t v) : key_(key), kind_(Kind::u), u_(v) {}
    Arg(const char* key, std::uint32_t v) : Arg(key, std::uint64_t{v}) {}
    Arg(const char* key, std::int64_t v) : key_(key), kind_(Kind::i), i_(v) {}
    Arg(const char* key, int v) : Arg(key, std::int64_t{v}) {}
    Arg(const char* key, double v) : key_(key), kind_(Kind::d), d_(v) {}
    Arg(const char* key, bool v) : Arg(key, std::uint64_t{v ? 1u : 0u}) {}
    Arg(const char* key, std::string_view v) : key_(key), kind_(Kind::s), s_(v) {}
    Arg(const char* key, const char* v) : Arg(key, std::string_view(v)) {}
    Arg(const char* key, const std::string& v) : Arg(key, std::string_view(v)) {}
    // Appends `"key": value` to a JSON object body.
    void append_json(std::string& out) const;

  private:
    enum class Kind : std::uint8_t { u, i, d, s };
    const char* key_;
    Kind kind_;
    std::uint64_t u_ = 0;
    std::int64_t i_ = 0;
    double d_ = 0;
    std::string_view s_;
};
using Args = std::initializer_list<Arg>;

// "0x1f": an address as a string argument.
std::string hex(std::uint64_t value);

class Recorder {
  public:
    explicit Recorder(std::size_t max_events = kDefaultMaxEvents);

    // The track (process, name), registered on first use; the same id for the same pair.
    TrackId track(std::string_view process, std::string_view name);
    // Registers a process without a track (fixes its place among the processes).
    void process(std::string_view process);

    void span(TrackId track, std::string_view name, std::uint64_t start_ps, std::uint64_t end_ps,
              Args args = {});
    void instant(TrackId track, std::string_view name, std::uint64_t at_ps, Args args = {});
    // Opens the track's span (ending an open one at `at_ps` first).
    void begin(TrackId track, std::string_view name, std::uint64_t at_ps, Args args = {});
    // Ends the track's open span at `at_ps`, adding `args` to those given at begin(); nothing
    // when no span is open.
    void end(TrackId track, std::uint64_t at_ps, Args args = {});
    bool is_open(TrackId track) const;

    std::size_t events() const { return events_.size(); }  // recorded (open spans not counted)
    std::size_t open_spans() const;
    std::size_t dropped() const { return dropped_; }
    std::size_t tracks() const { return tracks_.size(); }
    std::size_t max_events() const { return max_events_; }

    // The whole trace as JSON; spans still open end at `end_ps` (argument "unfinished": 1).
    void write(std::ostream& out, std::uint64_t end_ps) const;

  private:
    struct Track {
        std::uint32_t pid = 0;
        std::string process, name;
        bool open = false;
        std::uint64_t open_ps = 0;
        std::string open_name, open_args;
    };
    struct Event {
        std::uint64_t ts_ps;
        std::uint64_t dur_ps;
        TrackId track;
        bool instant;
        std::string name;
        std::string args;  // JSON object body, without braces
    };
    bool admit();
    void push(TrackId track, bool instant, std::string_view name, std::uint64_t ts_ps,
              std::uint64_t dur_ps, std::string args);
    static std::string args_json(Args args);

    std::size_t max_events_;
    std::size_t dropped_ = 0;
    std::vector<std::string> processes_;  // index + 1 = pid
    std::vector<Track> tracks_;           // index = track id; tid = index + 1
    std::map<std::pair<std::string, std::string>, TrackId, std::less<>> index_;
    std::vector<Event> events_;
};

// ---- The recorder of this simulation (one per process, like SystemC's kernel) ----------------

namespace detail {
extern Recorder* g_recorder;
}

inline bool enabled() {
    return detail::g_recorder != nullptr;
}
// Starts recording (a fresh recorder); tracks registered before stay kNoTrack.
void enable(std::size_t max_events = kDefaultMaxEvents);
// Stops recording and frees the events.
void disable();
// The active recorder; only valid while enabled().
inline Recorder& recorder() {
    return *detail::g_recorder;
}

// Picoseconds of a SystemC time (any time resolution).
std::uint64_t ps(const sc_core::sc_time& t);
inline std::uint64_t now_ps() {
    return ps(sc_core::sc_time_stamp());
}

// The calls models use: no-ops on kNoTrack (always the case while recording is off).
inline TrackId track(std::string_view process, std::string_view name) {
    return enabled() ? recorder().track(process, name) : kNoTrack;
}
inline void span(TrackId t, std::string_view name, std::uint64_t start_ps, std::uint64_t end_ps,
                 Args args = {}) {
    if (t != kNoTrack) recorder().span(t, name, start_ps, end_ps, args);
}
inline void instant(TrackId t, std::string_view name, std::uint64_t at_ps, Args args = {}) {
    if (t != kNoTrack) recorder().instant(t, name, at_ps, args);
}
inline void begin(TrackId t, std::string_view name, std::uint64_t at_ps, Args args = {}) {
    if (t != kNoTrack) recorder().begin(t, name, at_ps, args);
}
inline void end(TrackId t, std::uint64_t at_ps, Args args = {}) {
    if (t != kNoTrack) recorder().end(t, at_ps, args);
}

// A request/response mailbox shown on a track: request() opens a span named after the command,
// response() ends it with the status word; a response with no request open (a message the device
// posts unasked) is an instant. Counts requests whether or not recording is on.
class MailboxTrack {
  public:
    void attach(TrackId track) { track_ = track; }
    void request(std::string_view command, std::uint32_t word, std::uint64_t at_ps) {
        ++requests_;
        begin(track_, command, at_ps, {{"command", word}});
    }
    void response(std::uint32_t status, std::uint64_t at_ps) {
        if (track_ == kNoTrack) return;
        if (recorder().is_open(track_))
            end(track_, at_ps, {{"status", status}});
        else
            instant(track_, "message", at_ps, {{"word0", status}});
    }
    std::uint64_t requests() const { return requests_; }

  private:
    TrackId track_ = kNoTrack;
    std::uint64_t requests_ = 0;
};

}  // namespace nodevp::trace
