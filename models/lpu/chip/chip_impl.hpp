// Internal state of a Chip (chip.hpp); the member functions live in small files by concern:
// chip.cpp (API, load, run loop), queues.cpp (issue, ICU instructions), mem_slice.cpp,
// vxm.cpp, mxm.cpp, sxm.cpp, c2c.cpp, errors.cpp.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <queue>
#include <string>
#include <vector>

#include "models/lpu/chip/chip.hpp"
#include "models/lpu/chip/layout.hpp"
#include "models/lpu/chip/sram.hpp"
#include "models/lpu/chip/streams.hpp"

namespace nodevp::lpu {

struct Chip::Impl {
    // Who is executing: for error reports.
    struct Ctx {
        std::uint32_t queue = 0;
        std::uint32_t pc = 0;
        std::uint8_t op = 0;
        std::uint64_t issued = 0;  // issue cycle
    };

    // Work that takes effect in a later cycle (issue + read or issue + latency).
    struct Event {
        enum class Kind : std::uint8_t {
            exec,          // read phase of an instruction with read offset > 0
            stream_write,  // `count` slots onto streams dst … dst+count-1
            mem_store,     // WRITE: slots[0] to vector addr
            mem_scatter,   // SCATTER: slots[0] index, slots[1] data
            mxm_load,
            mxm_install,
            mxm_accumulate,
            mxm_drain,
            vxm_land,  // slots[0..count) the result group, written to insn.d
            config,
        };
        Kind kind = Kind::exec;
        Ctx ctx;
        Insn insn;  // exec; otherwise dst stream, imm (address, acc, value), t1/t2
        std::uint8_t count = 0;
        std::array<std::uint32_t, 32> slots{};
    };

    struct Bucket {
        std::vector<Event> reads;   // processed before the cycle's issues
        std::vector<Event> writes;  // processed after them
    };
    static constexpr unsigned kBuckets = 64;  // > every latency in the ISA table

    struct Queue {
        chip::QueueSlot slot;
        std::vector<Insn> code;
        std::uint32_t pc = 0;
        enum class Wait { none, sync, deskew, done } wait = Wait::none;
        std::uint32_t wait_pc = 0;
        unsigned deskew_link = 0;
        std::uint32_t rep_left = 0, rep_k = 0, rep_d = 0, rep_pc = 0;
        Insn rep_insn;
    };

    struct Bank {
        std::uint64_t cycle = ~std::uint64_t{0};
        std::uint32_t pc = 0;
    };

    struct Arrival {
        std::uint64_t cycle;
        std::vector<std::uint8_t> data;
    };
    struct Link {
        Impl* peer = nullptr;
        unsigned peer_link = 0;
        std::deque<Arrival> rx;
    };

    using Wake = std::pair<std::uint64_t, std::uint32_t>;  // (cycle, queue)

    explicit Impl(ChipConfig c);

    // chip.cpp
    void load(const Program& program);
    State run(std::uint64_t max_cycles);
    void reset_program();
    void step(std::uint64_t t);
    void finish();
    std::uint64_t next_cycle() const;

    // queues.cpp
    void issue(std::uint32_t qi, std::uint64_t t);
    void issue_copy(std::uint32_t qi, std::uint64_t t);
    void perform(std::uint32_t qi, const Ctx& c, const Insn& insn, const InsnInfo& info,
                 std::uint64_t t);
    void start_repeat(std::uint32_t qi, const Ctx& c, const Insn& insn, std::uint64_t t);
    void deskew(std::uint32_t qi, const Ctx& c, const Insn& insn, std::uint64_t t);
    void schedule_next(std::uint32_t qi, std::uint64_t cycle);
    void release_syncs(std::uint64_t t);
    void check_deadlock();
    void exec(const Ctx& c, const Insn& insn);  // the read phase, dispatched by unit
    void apply(const Event& e);                 // a write-phase event
    void schedule(std::uint64_t cycle, Event&& e, bool read_phase = false);
    void activity(std::uint64_t t);

    // Stream helpers (queues.cpp). Each returns false after reporting an error.
    bool check_group(const Ctx& c, Stream s, unsigned n, bool aligned, const char* what);
    bool read_group(const Ctx& c, Stream s, unsigned n, std::uint32_t* slots);
    void write_later(const Ctx& c, Stream s, unsigned n, const std::uint32_t* slots,
                     std::uint64_t cycle);
    void write_now(const Ctx& c, Stream s, unsigned n, const std::uint32_t* slots);
    std::uint8_t* data(std::uint32_t slot) { return streams.pool().data(slot); }
    std::uint32_t alloc() { return streams.pool().alloc(); }
    unsigned position(const Ctx& c) const { return queues[c.queue].slot.position; }

    // Units.
    void exec_mem(const Ctx& c, const Insn& insn);
    bool bank_access(const Ctx& c, std::uint32_t slice, unsigned bank);
    bool check_address(const Ctx& c, std::int64_t addr);
    void apply_mem(const Event& e);
    void exec_vxm(const Ctx& c, const Insn& insn);
    void apply_vxm(const Event& e);
    void exec_mxm(const Ctx& c, const Insn& insn);
    void hand_over(MxmUnit& unit, std::uint64_t at, Event&& e);
    void apply_mxm(const Event& e);
    void config(const Ctx& c, const Insn& insn);
    void exec_sxm(const Ctx& c, const Insn& insn);
    void exec_c2c(const Ctx& c, const Insn& insn);
    void receive_from_peer(unsigned link, std::uint64_t cycle, const std::uint8_t* v);

    // errors.cpp
    void fail(ErrorCode code, const Ctx& c, std::string detail);
    std::string stream_name(Stream s) const;
    std::string unit_name(const Ctx& c) const { return queues[c.queue].slot.name; }

    ChipConfig cfg;
    Geometry geo;
    unsigned vl;
    chip::Layout layout;
    std::vector<Queue> queues;
    chip::StreamFile streams;
    chip::Sram sram;
    std::vector<Bank> banks;  // 2 per MEM slice
    std::vector<std::unique_ptr<MxmUnit>> mxm;
    std::vector<unsigned> mxm_type;
    std::unique_ptr<VxmUnit> vxm;
    std::vector<Link> links;
    int c2c_queue = -1;

    std::array<Bucket, kBuckets> calendar;
    std::uint64_t pending = 0;
    std::priority_queue<Wake, std::vector<Wake>, std::greater<Wake>> ready;

    State state = State::idle;
    std::uint64_t now = 0;      // cycle being executed
    std::uint64_t elapsed = 0;  // cycles elapsed (Chip::cycle())
    std::uint64_t last_activity = 0;
    bool any_activity = false;
    bool notify_now = false;
    unsigned sync_waiters = 0;
    unsigned unfinished = 0;
    std::optional<ErrorReport> error;
    ChipStats stats;
};

}  // namespace nodevp::lpu
