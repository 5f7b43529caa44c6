// RAM and ROM: a TLM target backed by lazily allocated host memory.
//
// The whole size is reserved as anonymous, MAP_NORESERVE virtual memory: the host kernel gives a
// page real memory only when it is first written, so a 141 GB HBM costs nothing until touched,
// and DMI can grant one contiguous range. Reads of untouched memory return zeros.
//
// Timing: each b_transport adds the configured read or write latency; DMI grants carry the same
// latencies. A read-only memory (ROM) answers writes with TLM_COMMAND_ERROR_RESPONSE and grants
// read-only DMI; its contents are written through debug transport or load().
//
// Write watches: watch_writes() registers a callback for writes to a byte range (used for HTIF
// tohost and, later, watchpoints). DMI is never granted over a watched 4 KiB page, and existing
// grants are invalidated, so every store to it comes through b_transport.
#pragma once

#include <cstdint>
#include <functional>
#include <map>

#include <tlm_utils/simple_target_socket.h>
#include <tlm>

#include "models/common/log.hpp"

namespace nodevp {

class Memory : public sc_core::sc_module {
  public:
    tlm_utils::simple_target_socket<Memory> tsock;

    struct Params {
        std::uint64_t size = 0;
        sc_core::sc_time read_latency = sc_core::SC_ZERO_TIME;
        sc_core::sc_time write_latency = sc_core::SC_ZERO_TIME;
        bool read_only = false;
    };
    // Called after a b_transport write that touched a watched range: offset and length written.
    using WriteWatch = std::function<void(std::uint64_t offset, unsigned length)>;

    Memory(const sc_core::sc_module_name& name, const Params& params);
    ~Memory() override;
    Memory(const Memory&) = delete;
    Memory& operator=(const Memory&) = delete;

    std::uint64_t size() const { return size_; }
    // Host pointer to the backing store (for loaders and tests); offset must be < size().
    std::uint8_t* data(std::uint64_t offset = 0) { return base_ + offset; }
    // Copies bytes in, bypassing read-only protection. Throws std::out_of_range past the end.
    void load(std::uint64_t offset, const void* src, std::uint64_t length);

    void watch_writes(std::uint64_t offset, std::uint64_t length, WriteWatch callback);

  private:
    void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
    bool get_direct_mem_ptr(tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi);
    unsigned transport_dbg(tlm::tlm_generic_payload& gp);
    bool in_range(std::uint64_t offset, std::uint64_t length) const {
        return length <= size_ && offset <= size_ - length;
    }

    struct Watch {
        std::uint64_t length;
        WriteWatch callback;
    };

    log::Logger log_;
    std::uint64_t size_;
    std::uint64_t mapped_size_;
    std::uint8_t* base_;
    Params params_;
    std::map<std::uint64_t, Watch> watches_;           // by offset
    std::map<std::uint64_t, unsigned> watched_pages_;  // page number -> watches on it
};

}  // namespace nodevp
