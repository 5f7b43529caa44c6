// The timeline recorder (models/common/trace.hpp) against the Chrome trace-event format: the
// expected lines are written by hand from the format's definition (metadata "M" events, complete
// "X" events with ts/dur in microseconds, thread-scoped instants), and a small JSON parser in
// this file checks that what the recorder writes is well-formed.
#include "models/common/trace.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <limits>
#include <sstream>
#include <string>

namespace nodevp::trace {
namespace {

// A strict recursive-descent JSON recogniser (RFC 8259 grammar, no extensions).
class JsonChecker {
  public:
    explicit JsonChecker(const std::string& text) : s_(text) {}
    bool valid() {
        ws();
        if (!value()) return false;
        ws();
        return i_ == s_.size();
    }

  private:
    bool value() {
        if (i_ >= s_.size()) return false;
        switch (s_[i_]) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return word("true");
            case 'f':
                return word("false");
            case 'n':
                return word("null");
            default:
                return number();
        }
    }
    bool object() {
        ++i_;
        ws();
        if (peek('}')) return ++i_, true;
        for (;;) {
            ws();
            if (!string()) return false;
            ws();
            if (!peek(':')) return false;
            ++i_;
            ws();
            if (!value()) return false;
            ws();
            if (peek('}')) return ++i_, true;
            if (!peek(',')) return false;
            ++i_;
        }
    }
    bool array() {
        ++i_;
        ws();
        if (peek(']')) return ++i_, true;
        for (;;) {
            ws();
            if (!value()) return false;
            ws();
            if (peek(']')) return ++i_, true;
            if (!peek(',')) return false;
            ++i_;
        }
    }
    bool string() {
        if (!peek('"')) return false;
        for (++i_; i_ < s_.size(); ++i_) {
            const auto c = static_cast<unsigned char>(s_[i_]);
            if (c == '"') return ++i_, true;
            if (c < 0x20) return false;
            if (c == '\\') {
                if (++i_ >= s_.size()) return false;
                if (s_[i_] == 'u') {
                    for (int k = 0; k < 4; ++k)
                        if (++i_ >= s_.size() || !std::isxdigit(static_cast<unsigned char>(s_[i_])))
                            return false;
                } else if (std::string("\"\\/bfnrt").find(s_[i_]) == std::string::npos) {
                    return false;
                }
            }
        }
        return false;
    }
    bool number() {
        const std::size_t start = i_;
        if (peek('-')) ++i_;
        if (peek('0')) {
            ++i_;
        } else if (!digits()) {
            return false;
        }
        if (peek('.')) {
            ++i_;
            if (!digits()) return false;
        }
        if (peek('e') || peek('E')) {
            ++i_;
            if (peek('+') || peek('-')) ++i_;
            if (!digits()) return false;
        }
        return i_ > start;
    }
    bool digits() {
        const std::size_t start = i_;
        while (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))) ++i_;
        return i_ > start;
    }
    bool word(const char* w) {
        const std::string ws(w);
        if (s_.compare(i_, ws.size(), ws) != 0) return false;
        i_ += ws.size();
        return true;
    }
    bool peek(char c) const { return i_ < s_.size() && s_[i_] == c; }
    void ws() {
        while (i_ < s_.size() && std::string(" \t\r\n").find(s_[i_]) != std::string::npos) ++i_;
    }
    const std::string& s_;
    std::size_t i_ = 0;
};

std::string written(const Recorder& r, std::uint64_t end_ps = 0) {
    std::ostringstream out;
    r.write(out, end_ps);
    return out.str();
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

TEST(JsonChecker, RejectsMalformedDocuments) {
    for (const char* bad : {"{", "{\"a\": }", "[1,]", "{\"a\" 1}", "\"\x01\"", "01", "[1] x"})
        EXPECT_FALSE(JsonChecker(bad).valid()) << bad;
    EXPECT_TRUE(JsonChecker(R"({"a": [1, -2.5e3, "x\"y", true, null], "b": {}})").valid());
}

TEST(Recorder, NumbersProcessesAndTracksInRegistrationOrder) {
    Recorder r;
    EXPECT_EQ(r.track("host", "hart0"), 0u);
    EXPECT_EQ(r.track("gpu", "channel 0"), 1u);
    EXPECT_EQ(r.track("host", "hart1"), 2u);
    EXPECT_EQ(r.track("gpu", "channel 0"), 1u);  // the same pair, the same track
    const std::string j = written(r);
    EXPECT_TRUE(contains(j, R"({"ph": "M", "pid": 1, "tid": 0, "name": "process_name", )"
                            R"("args": {"name": "host"}})"));
    EXPECT_TRUE(contains(j, R"({"ph": "M", "pid": 2, "tid": 0, "name": "process_name", )"
                            R"("args": {"name": "gpu"}})"));
    EXPECT_TRUE(contains(j, R"({"ph": "M", "pid": 1, "tid": 1, "name": "thread_name", )"
                            R"("args": {"name": "hart0"}})"));
    EXPECT_TRUE(contains(j, R"({"ph": "M", "pid": 2, "tid": 2, "name": "thread_name", )"
                            R"("args": {"name": "channel 0"}})"));
    EXPECT_TRUE(contains(j, R"({"ph": "M", "pid": 1, "tid": 3, "name": "thread_name", )"
                            R"("args": {"name": "hart1"}})"));
    EXPECT_TRUE(contains(j, R"("name": "thread_sort_index", "args": {"sort_index": 3}})"));
    EXPECT_TRUE(JsonChecker(j).valid()) << j;
}

TEST(Recorder, ProcessRegisteredFirstKeepsTheFirstPid) {
    Recorder r;
    r.process("host");
    r.track("lpu0", "program");
    r.track("host", "hart0");
    const std::string j = written(r);
    EXPECT_TRUE(
        contains(j, R"("pid": 1, "tid": 0, "name": "process_name", "args": {"name": "host"})"));
    EXPECT_TRUE(
        contains(j, R"("pid": 2, "tid": 1, "name": "thread_name", "args": {"name": "program"})"));
}

TEST(Recorder, WritesMicrosecondsWithNanosecondDigits) {
    Recorder r;
    const TrackId t = r.track("fabric", "link host->switch");
    // 1.234567 us to 2 us: floored to 1.234 us, end 2.000 us, so 0.766 us long.
    r.span(t, "read", 1'234'567, 2'000'000, {{"bytes", std::uint64_t{64}}});
    r.instant(t, "retry", 5'000'000'001ull);  // 5000.000000001 us
    const std::string j = written(r);
    EXPECT_TRUE(contains(j, R"({"ph": "X", "pid": 1, "tid": 1, "ts": 1.234, "dur": 0.766, )"
                            R"("name": "read", "args": {"bytes": 64}})"))
        << j;
    EXPECT_TRUE(contains(j, R"({"ph": "i", "pid": 1, "tid": 1, "ts": 5000.000, "s": "t", )"
                            R"("name": "retry"})"))
        << j;
    EXPECT_TRUE(contains(j, R"("displayTimeUnit": "ns")"));
}

TEST(Recorder, ClampsAnEndBeforeTheStartToZeroDuration) {
    Recorder r;
    const TrackId t = r.track("p", "t");
    r.span(t, "backwards", 3'000, 1'000);
    EXPECT_TRUE(contains(written(r), R"("ts": 0.003, "dur": 0.000, "name": "backwards")"));
}

TEST(Recorder, SortsByStartThenLongestFirst) {
    Recorder r;
    const TrackId t = r.track("p", "t");
    r.span(t, "late", 9'000, 10'000);
    r.span(t, "child", 1'000, 2'000);
    r.span(t, "parent", 1'000, 5'000);
    const std::string j = written(r);
    const auto parent = j.find("\"parent\""), child = j.find("\"child\""),
               late = j.find("\"late\"");
    ASSERT_NE(late, std::string::npos);
    EXPECT_LT(parent, child);
    EXPECT_LT(child, late);
}

TEST(Recorder, BeginAndEndMakeOneSpanWithBothArguments) {
    Recorder r;
    const TrackId t = r.track("lpu0", "program");
    EXPECT_FALSE(r.is_open(t));
    r.begin(t, "run", 10'000, {{"index", 1}});
    EXPECT_TRUE(r.is_open(t));
    r.end(t, 30'000, {{"status", "done"}, {"cycles", std::uint64_t{18}}});
    EXPECT_FALSE(r.is_open(t));
    r.end(t, 40'000);  // nothing open: ignored
    EXPECT_EQ(r.events(), 1u);
    EXPECT_TRUE(contains(written(r), R"("ts": 0.010, "dur": 0.020, "name": "run", )"
                                     R"("args": {"index": 1, "status": "done", "cycles": 18}})"));
}

TEST(Recorder, BeginOnAnOpenTrackEndsTheOpenSpanFirst) {
    Recorder r;
    const TrackId t = r.track("p", "t");
    r.begin(t, "a", 0);
    r.begin(t, "b", 4'000);
    EXPECT_EQ(r.events(), 1u);
    EXPECT_TRUE(contains(written(r, 6'000), R"("ts": 0.000, "dur": 0.004, "name": "a")"));
}

TEST(Recorder, OpenSpansEndAtTheEndOfTheRunMarkedUnfinished) {
    Recorder r;
    const TrackId t = r.track("host", "hart0");
    r.begin(t, "running", 2'000);
    const std::string j = written(r, 7'000'000);
    EXPECT_TRUE(contains(j, R"("ts": 0.002, "dur": 6.998, "name": "running", )"
                            R"("args": {"unfinished": 1}})"))
        << j;
    EXPECT_TRUE(contains(j, R"("unfinished_spans": 1)"));
    EXPECT_TRUE(r.is_open(t));  // writing does not change the recording
    EXPECT_EQ(r.open_spans(), 1u);
    EXPECT_EQ(r.events(), 0u);
}

TEST(Recorder, KeepsAtMostMaxEventsAndCountsTheDropped) {
    Recorder r(3);
    const TrackId t = r.track("p", "t");
    for (std::uint64_t i = 0; i < 5; ++i)
        r.span(t, "s" + std::to_string(i), i * 1000, i * 1000 + 500);
    EXPECT_EQ(r.events(), 3u);
    EXPECT_EQ(r.dropped(), 2u);
    const std::string j = written(r);
    EXPECT_TRUE(contains(j, R"("name": "s2")"));
    EXPECT_FALSE(contains(j, R"("name": "s3")"));
    EXPECT_TRUE(contains(j, R"("dropped_events": 2, "max_events": 3)")) << j;
    EXPECT_TRUE(JsonChecker(j).valid());
}

TEST(Recorder, EscapesStringsAndWritesWellFormedJson) {
    Recorder r;
    const TrackId t = r.track("gpu \"0\"", "channel\\1");
    r.span(t, "launch \"gemm\"\n", 0, 1'000,
           {{"kernel", "a\tb\x01"},
            {"ratio", 0.25},
            {"delta", -3},
            {"addr", hex(0xdead0000)},
            {"nan", std::numeric_limits<double>::quiet_NaN()}});
    const std::string j = written(r);
    EXPECT_TRUE(contains(j, R"("name": "launch \"gemm\"\n")"));
    EXPECT_TRUE(contains(j, R"("kernel": "a\tb\u0001", "ratio": 0.25, "delta": -3, )"
                            R"("addr": "0xdead0000", "nan": null)"))
        << j;
    EXPECT_TRUE(JsonChecker(j).valid()) << j;
}

TEST(Recorder, SameCallsWriteIdenticalFiles) {
    const auto record = [] {
        Recorder r;
        for (int k = 0; k < 3; ++k) {
            const TrackId t = r.track("p" + std::to_string(k % 2), "t" + std::to_string(k));
            r.span(t, "x", 500u * k, 900u * k + 1, {{"k", k}});
            r.instant(t, "i", 100u * k);
        }
        return written(r, 10'000);
    };
    EXPECT_EQ(record(), record());
}

TEST(Recording, IsOffUntilEnabledAndTracksAreThenNoTracks) {
    ASSERT_FALSE(enabled());
    const TrackId off = track("host", "hart0");
    EXPECT_EQ(off, kNoTrack);
    span(off, "ignored", 0, 1);  // no recorder: must not crash
    begin(off, "ignored", 0);
    end(off, 1);
    instant(off, "ignored", 0);
    enable(10);
    EXPECT_TRUE(enabled());
    const TrackId on = track("host", "hart0");
    EXPECT_NE(on, kNoTrack);
    span(on, "run", 0, 1'000);
    span(off, "still ignored", 0, 1);
    EXPECT_EQ(recorder().events(), 1u);
    EXPECT_EQ(recorder().max_events(), 10u);
    disable();
    EXPECT_FALSE(enabled());
}

TEST(Recording, ConvertsSystemCTimesToPicoseconds) {
    EXPECT_EQ(ps(sc_core::sc_time(3, sc_core::SC_NS)), 3'000u);
    EXPECT_EQ(ps(sc_core::sc_time(2, sc_core::SC_US)), 2'000'000u);
    EXPECT_EQ(ps(sc_core::SC_ZERO_TIME), 0u);
}

}  // namespace
}  // namespace nodevp::trace
