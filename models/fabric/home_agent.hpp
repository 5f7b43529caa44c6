// A home agent: the directory and backing data of one memory, and the serialisation point of
// every transaction on its lines. Transactions on one line are processed one at a time (a
// blocking home); requests that arrive while the line is busy wait in arrival order. A
// transaction that grants a cached copy stays open until the requester's CompAck, so a later
// snoop can never overtake the data that grants the copy. Far atomics are executed here.
// Not modelled: retries (RetryAck/PCrdGrant), DMT/DCT, partial-line writes wider than a word.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

#include "models/fabric/faults.hpp"
#include "models/fabric/message.hpp"
#include "models/fabric/network.hpp"
#include "models/fabric/observer.hpp"

namespace nodevp::fabric {

// The backing data of a home's memory. The home reads a line whenever it sends data and writes
// it whenever data comes back, so the store (a TLM memory in the platform) always holds every
// line that no cache owns. The default store is a map of lines that starts as zeros.
class LineStore {
  public:
    virtual ~LineStore() = default;
    virtual Line read(std::uint64_t line) = 0;
    // Writes the bytes of `data` that `byte_enable` selects.
    virtual void write(std::uint64_t line, const Line& data, std::uint64_t byte_enable) = 0;
};

class MapLineStore : public LineStore {
  public:
    Line read(std::uint64_t line) override;
    void write(std::uint64_t line, const Line& data, std::uint64_t byte_enable) override;

  private:
    std::unordered_map<std::uint64_t, Line> lines_;
};

enum class DirState : std::uint8_t { I, S, U };  // U: one owner holding UC or UD
const char* to_string(DirState s);

struct DirEntry {
    DirState state = DirState::I;
    int owner = -1;             // node id when state == U
    std::uint64_t sharers = 0;  // bit per node id when state == S
    std::uint64_t holders() const;
};

class HomeAgent : public Node {
  public:
    struct Stats {
        std::uint64_t transactions = 0;
        std::uint64_t snoops = 0;
        std::uint64_t queued_requests = 0;     // arrived while their line was busy
        std::uint64_t stale_copy_backs = 0;    // WriteBack/Evict that lost a race to a snoop
        std::uint64_t upgrades_with_data = 0;  // CleanUnique whose requester lost its copy
    };

    // `store` (not owned) holds the memory's data; null: a private MapLineStore.
    HomeAgent(Network& net, std::string name, CoherenceObserver* observer, FaultSwitch* faults,
              LineStore* store = nullptr);

    int id() const { return id_; }
    void receive(const Message& m) override;

    DirEntry entry(std::uint64_t line) const;
    // Lines in [first, last] that some agent holds (directory not I), in address order.
    std::vector<std::uint64_t> held_lines(std::uint64_t first, std::uint64_t last) const;
    Line data(std::uint64_t line) const;
    bool busy(std::uint64_t line) const;
    const Stats& stats() const { return stats_; }

  private:
    struct Transaction {
        Message req;
        int pending_snoops = 0;
        bool requester_had_copy = false;
        // A ReadOnce served by an owner that keeps its copy is ordered where the owner answers.
        bool read_performed_by_owner = false;
    };
    struct HomeLine {
        std::uint64_t addr = 0;  // the line's address
        DirEntry dir;
        bool busy = false;
        Transaction txn;
        std::deque<Message> waiting;
    };

    HomeLine& line_for(std::uint64_t addr);
    Line read(const HomeLine& l) { return store_->read(l.addr); }
    void write(const HomeLine& l, const Line& data, std::uint64_t byte_enable = kAllBytes) {
        store_->write(l.addr, data, byte_enable);
    }
    void start(HomeLine& l, const Message& req);
    void snoop(HomeLine& l, MsgType type, std::uint64_t targets);
    void on_snoop_response(const Message& m);
    void finish(HomeLine& l);
    void grant(HomeLine& l, LineState state, bool with_data);
    void finish_word_access(HomeLine& l);
    void finish_copy_back(HomeLine& l);
    void run_waiting(HomeLine& l);

    Network& net_;
    int id_;
    CoherenceObserver* observer_;
    FaultSwitch* faults_;
    MapLineStore own_store_;
    LineStore* store_;
    std::unordered_map<std::uint64_t, HomeLine> lines_;
    Stats stats_;
};

}  // namespace nodevp::fabric
