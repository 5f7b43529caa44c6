// The timed delivery discipline of the network and a home agent over an external line store:
// what the platform's `timed` fidelity builds on. Times are hand-computed from the hop costs.
#include <gtest/gtest.h>

#include <map>
#include <vector>

#include "models/fabric/caching_agent.hpp"
#include "models/fabric/home_agent.hpp"
#include "models/fabric/io_agent.hpp"

namespace nodevp::fabric {
namespace {

// A store that counts its accesses and charges 50 ps per access to the network's clock, as the
// platform's memory-backed store does with the memory's latency.
class CountingStore : public LineStore {
  public:
    explicit CountingStore(Network& net) : net_(net) {}
    Line read(std::uint64_t line) override {
        ++reads;
        net_.advance(50);
        return lines[line];
    }
    void write(std::uint64_t line, const Line& data, std::uint64_t byte_enable) override {
        ++writes;
        net_.advance(50);
        merge(lines[line], data, byte_enable);
    }
    std::map<std::uint64_t, Line> lines;
    int reads = 0, writes = 0;

  private:
    Network& net_;
};

struct Timed : ::testing::Test {
    Timed()
        : store(net),
          home(net, "hn", nullptr, nullptr, &store),
          cpu(
              net, "cpu", [this](std::uint64_t) { return home.id(); }, 1024, 2, nullptr, nullptr),
          io(net, "io", [this](std::uint64_t) { return home.id(); }) {
        // Every hop costs 100 ps; a message with data 40 ps more.
        net.set_timing(
            [](const Message& m, std::uint64_t t) { return t + 100 + (m.has_data ? 40 : 0); });
        for (Agent* a : {static_cast<Agent*>(&cpu), static_cast<Agent*>(&io)})
            a->on_complete = [this](int, const Op&, std::uint64_t v) {
                value = v;
                done_at = net.now_ps();
            };
    }
    void run(Agent& a, const Op& op, std::uint64_t start) {
        net.set_now(start);
        done_at = 0;
        a.issue(op);
        if (!a.busy() && done_at == 0) done_at = start;
        while (net.step()) {
        }
    }
    Network net{1};
    CountingStore store;
    HomeAgent home;
    CachingAgent cpu;
    IoAgent io;
    std::uint64_t value = 0, done_at = 0;
};

TEST_F(Timed, MissTakesRequestMemoryAndDataHops) {
    store.lines[0x40][2] = 0x1234;
    Op load;
    load.addr = 0x50;
    run(cpu, load, 1000);
    EXPECT_EQ(value, 0x1234u);
    // ReadShared 100, memory read 50, CompData 140.
    EXPECT_EQ(done_at, 1000u + 100 + 50 + 140);
    EXPECT_EQ(store.reads, 1);
    run(cpu, load, 5000);  // a hit: no message, done at issue
    EXPECT_EQ(done_at, 5000u);
    EXPECT_EQ(store.reads, 1);
}

TEST_F(Timed, DirtyDataReachesTheStoreOnlyWhenSnoopedOrWrittenBack) {
    Op st;
    st.kind = Op::Kind::Store;
    st.addr = 0x40;
    st.value = 7;
    run(cpu, st, 0);
    EXPECT_EQ(store.lines[0x40][0], 0u);  // still only in the cache (M)
    Op rd;
    rd.kind = Op::Kind::ReadLine;
    rd.addr = 0x40;
    run(io, rd, 10'000);
    EXPECT_EQ(io.line_result()[0], 7u);
    EXPECT_EQ(store.lines[0x40][0], 7u);  // absorbed from the snoop response
    // ReadOnce 100; SnpOnce 100; SnpResp with data 140 + store write 50; store read 50;
    // CompData 140.
    EXPECT_EQ(done_at, 10'000u + 100 + 100 + 140 + 50 + 50 + 140);
}

TEST_F(Timed, EarliestArrivalIsDeliveredFirst) {
    std::vector<std::uint64_t> order;
    net.on_deliver = [&](const Message& m) { order.push_back(m.time_ps); };
    Op a;
    a.addr = 0x80;
    net.set_now(500);
    cpu.issue(a);  // ReadShared arrives at 600
    Op b;
    b.addr = 0xc0;
    net.set_now(100);
    io.issue(b);  // ReadOnce arrives at 200
    while (net.step()) {
    }
    // ReadOnce at 200; its CompData at 200 + 50 (store) + 140 = 390, before the ReadShared.
    ASSERT_GE(order.size(), 3u);
    EXPECT_EQ(order[0], 200u);
    EXPECT_EQ(order[1], 390u);
    EXPECT_EQ(order[2], 600u);
    for (std::size_t i = 1; i < order.size(); ++i) EXPECT_LE(order[i - 1], order[i]) << i;
}

}  // namespace
}  // namespace nodevp::fabric
