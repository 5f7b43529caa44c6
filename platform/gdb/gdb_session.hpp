// The meaning of GDB remote-protocol packets for a set of harts (one GDB thread per hart,
// thread id = index + 1). No I/O: the stub (gdb_stub.hpp) feeds packets and sends the replies,
// so this part is unit-tested on its own (tests/gdb/gdb_session_test.cpp).
//
// Registers use gdb's RISC-V numbering, which the target description (target_xml()) states:
// x0..x31 = 0..31, pc = 32, f0..f31 = 33..64 (when the hart has F), CSR n = 65 + n (fflags,
// frm, fcsr in the fpu feature). Breakpoints and watchpoints apply to every thread. A malformed
// packet gets `E01` (bad syntax or value) or `E02` (no such thread/register, or memory not
// accessible); an unknown one gets the empty reply the protocol prescribes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/cpu/hart.hpp"

namespace nodevp::gdb {

struct Thread {
    cpu::Hart* hart;
    std::string name;  // shown by `info threads` (qThreadExtraInfo)
};

class GdbSession {
  public:
    enum class Action {
        none,    // send the reply, read the next packet
        resume,  // the harts' run modes are set: let the simulation go (no reply to send)
        kill,    // end the simulation
        detach,  // breakpoints and watchpoints removed: close the connection and run on
    };
    // Throws std::invalid_argument when `threads` is empty or mixes XLENs.
    explicit GdbSession(std::vector<Thread> threads);

    std::string handle(const std::string& packet, Action& action);

    // The stop reply for a stop of thread `index` (also remembered for `?`).
    std::string stop_reply(unsigned index, const cpu::DebugStop& stop);
    // The stop reply after Ctrl-C (SIGINT), reported for the current thread.
    std::string interrupt_reply();
    std::string target_xml() const;
    unsigned xlen() const { return xlen_; }
    const std::vector<Thread>& threads() const { return threads_; }
    // Removes every breakpoint and watchpoint and lets all harts run.
    void release_all();

  private:
    std::string read_registers();
    std::string write_registers(const std::string& hex);
    std::string read_register(const std::string& args);
    std::string write_register(const std::string& args);
    std::string read_memory(const std::string& args);
    std::string write_memory(const std::string& args, bool binary);
    std::string breakpoint(const std::string& packet);
    std::string set_thread(const std::string& args);
    std::string query(const std::string& packet);
    std::string xfer_features(const std::string& args);
    std::string vcont(const std::string& args, Action& action);
    std::string resume_legacy(char command, const std::string& args, Action& action);
    // Thread id in gdb's syntax (hex; 0 = any, -1 = all) to an index; -1 = all, -2 = invalid.
    long thread_index(const std::string& id) const;
    bool reg_location(unsigned regno, cpu::RegFile& file, unsigned& index, unsigned& bytes) const;
    cpu::Hart& general() { return *threads_[general_].hart; }
    std::string thread_id(unsigned index) const;

    std::vector<Thread> threads_;
    unsigned xlen_;
    unsigned general_ = 0;  // Hg: registers and memory
    unsigned control_ = 0;  // Hc: the thread a legacy `s` steps
    unsigned current_ = 0;  // the thread of the last stop
    std::string last_stop_;
    struct Watch {
        std::uint64_t addr, length;
        cpu::WatchKind kind;
    };
    std::vector<std::uint64_t> breakpoints_;
    std::vector<Watch> watches_;
};

}  // namespace nodevp::gdb
