// GDB remote-serial-protocol server (`nodevp --gdb PORT`): a TCP listener on 127.0.0.1 only,
// one debugger connection, every hart of the selected set as a thread.
//
// Halting: SystemC runs every process in one host thread, so the stub halts the whole platform
// by blocking inside the simulation while a hart is stopped: in the stopped hart's own thread
// (breakpoint, watchpoint, step; the hart's debug handler) or in the stub's poll process
// (Ctrl-C). It returns when gdb resumes (c, s, vCont) after setting each hart's run mode.
// While the target runs, the poll process looks at the socket every `poll_interval` of
// simulated time without blocking, for Ctrl-C (0x03) and for a closed connection (treated as a
// detach). When the run ends, report_exit() sends `W<code>`. Deterministic: the simulation does
// the same for the same packets; only where a Ctrl-C lands depends on the host's timing.
#pragma once

#include <string>
#include <vector>

#include <systemc>

#include "models/common/log.hpp"
#include "platform/gdb/gdb_session.hpp"
#include "platform/gdb/rsp_codec.hpp"

namespace nodevp::gdb {

class GdbStub : public sc_core::sc_module {
  public:
    struct Params {
        unsigned port = 0;  // 0: any free port (see port())
        sc_core::sc_time poll_interval = sc_core::sc_time(10, sc_core::SC_US);
    };
    // Listens on 127.0.0.1:port. Throws std::runtime_error when the socket cannot be opened
    // and std::invalid_argument for an unusable thread set (see GdbSession).
    GdbStub(const sc_core::sc_module_name& name, std::vector<Thread> threads, const Params& p);
    ~GdbStub() override;

    unsigned port() const { return port_; }
    // Before sc_start: prints "gdb: waiting on 127.0.0.1:PORT" on stderr and accepts the
    // debugger. The first session (until gdb resumes, kills or detaches) runs once elaboration
    // is complete, before any hart executes.
    void wait_for_connection();
    // After the simulation: sends W<code> and waits (at most a few seconds) for gdb to close.
    void report_exit(int code);
    // The debugger sent k / vKill: the simulation was asked to stop.
    bool killed() const { return killed_; }

  private:
    void start_of_simulation() override;
    enum class Input { packet, interrupt, closed };
    void poll_process();
    void on_stop(cpu::Hart& hart, const cpu::DebugStop& stop);
    // Sends `first` (a stop reply) unless empty, then answers packets until a resume.
    void serve(const std::string& first);
    Input next_input(std::string& payload);  // blocks
    long fill(int timeout_ms);  // bytes read; 0: nothing within the timeout; -1: closed
    void send(const std::string& payload);
    void send_raw(const std::string& bytes);
    void disconnect(const char* why);

    GdbSession session_;
    log::Logger log_;
    sc_core::sc_time poll_interval_;
    int listen_fd_ = -1;
    int fd_ = -1;
    unsigned port_ = 0;
    std::string inbuf_;
    std::size_t inpos_ = 0;
    PacketReader reader_;
    std::string last_sent_;
    bool killed_ = false;
    bool stop_sent_ = false;  // sc_stop() called for the kill
    bool running_ = false;    // the target runs (a stop reply is owed)
};

}  // namespace nodevp::gdb
