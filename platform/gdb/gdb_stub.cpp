#include "platform/gdb/gdb_stub.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

namespace nodevp::gdb {

GdbStub::GdbStub(const sc_core::sc_module_name& name, std::vector<Thread> threads, const Params& p)
    : sc_module(name),
      session_(std::move(threads)),
      log_(log::get(this->name())),
      poll_interval_(p.poll_interval) {
    if (p.port > 65535) throw std::runtime_error(fmt::format("--gdb {}: not a TCP port", p.port));
    if (poll_interval_ == sc_core::SC_ZERO_TIME)
        throw std::invalid_argument("gdb: the poll interval must be above 0");
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listen_fd_ < 0)
        throw std::runtime_error(fmt::format("gdb: socket: {}", std::strerror(errno)));
    const int one = 1;
    ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);  // loopback only, never another host
    addr.sin_port = htons(static_cast<std::uint16_t>(p.port));
    socklen_t len = sizeof addr;
    if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(listen_fd_, 1) != 0 ||
        ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        const std::string why = std::strerror(errno);
        ::close(listen_fd_);
        throw std::runtime_error(
            fmt::format("gdb: cannot listen on 127.0.0.1:{}: {}", p.port, why));
    }
    port_ = ntohs(addr.sin_port);
    for (unsigned i = 0; i < session_.threads().size(); ++i)
        session_.threads()[i].hart->set_debug_handler(
            [this](cpu::Hart& h, const cpu::DebugStop& stop) { on_stop(h, stop); });
    SC_HAS_PROCESS(GdbStub);
    SC_THREAD(poll_process);
}

GdbStub::~GdbStub() {
    if (fd_ >= 0) ::close(fd_);
    if (listen_fd_ >= 0) ::close(listen_fd_);
}

void GdbStub::wait_for_connection() {
    std::fprintf(stderr, "gdb: waiting on 127.0.0.1:%u\n", port_);
    std::fflush(stderr);
    for (;;) {
        fd_ = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd_ >= 0 || errno != EINTR) break;
    }
    ::close(listen_fd_);  // one debugger per run
    listen_fd_ = -1;
    if (fd_ < 0) throw std::runtime_error(fmt::format("gdb: accept: {}", std::strerror(errno)));
    const int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    log_->info("debugger connected on port {}; {} thread(s)", port_, session_.threads().size());
}

// Sockets are bound now (memory is reachable) and no hart has run yet: the first session.
void GdbStub::start_of_simulation() {
    if (fd_ >= 0) serve("");
}

void GdbStub::report_exit(int code) {
    if (fd_ < 0) return;
    send(fmt::format("W{:02x}", static_cast<unsigned>(code) & 0xff));
    // gdb closes the connection once it has seen the exit; do not wait forever for it.
    for (int i = 0; i < 50 && fd_ >= 0; ++i)
        if (fill(100) < 0) disconnect("the debugger closed the connection");
    if (fd_ >= 0) disconnect("the run has ended");
}

void GdbStub::poll_process() {
    if (killed_) {  // before the first instruction
        if (!stop_sent_) sc_core::sc_stop();
        return;
    }
    for (;;) {
        sc_core::wait(poll_interval_);
        if (fd_ < 0) return;  // no debugger (any more): the stub costs nothing
        if (!running_) continue;
        if (fill(0) < 0) {
            disconnect("the debugger closed the connection; running on");
            session_.release_all();
            return;
        }
        bool interrupt = false;
        while (inpos_ < inbuf_.size()) {
            const auto ev = reader_.feed(inbuf_[inpos_++]);
            if (ev == PacketReader::Event::interrupt) interrupt = true;
            if (ev == PacketReader::Event::packet) {
                send_raw("+");
                log_->warn("packet '{}' while the target runs: ignored", reader_.payload());
            }
        }
        if (interrupt) {
            log_->info("interrupted by the debugger");
            serve(session_.interrupt_reply());
        }
    }
}

void GdbStub::on_stop(cpu::Hart& hart, const cpu::DebugStop& stop) {
    if (fd_ < 0) return;
    const auto& threads = session_.threads();
    for (unsigned i = 0; i < threads.size(); ++i)
        if (threads[i].hart == &hart) serve(session_.stop_reply(i, stop));
}

void GdbStub::serve(const std::string& first) {
    running_ = false;
    if (!first.empty()) send(first);
    for (;;) {
        std::string packet;
        const Input in = next_input(packet);
        if (in == Input::closed) {
            disconnect("the debugger closed the connection; running on");
            session_.release_all();
            running_ = true;
            return;
        }
        if (in == Input::interrupt) continue;  // already stopped
        GdbSession::Action action;
        const std::string reply = session_.handle(packet, action);
        log_->debug("<- {} -> {}", packet, reply);
        switch (action) {
            case GdbSession::Action::none:
                send(reply);
                break;
            case GdbSession::Action::resume:
                running_ = true;
                return;
            case GdbSession::Action::kill:
                if (packet.rfind("vKill", 0) == 0) send(reply);
                killed_ = true;
                for (const Thread& t : session_.threads())
                    t.hart->debug_set_run(cpu::DebugRun::freeze);
                disconnect("killed by the debugger");
                if (sc_core::sc_get_status() == sc_core::SC_RUNNING) {
                    sc_core::sc_stop();
                    stop_sent_ = true;
                }
                return;
            case GdbSession::Action::detach:
                send(reply);
                disconnect("the debugger detached; running on");
                running_ = true;
                return;
        }
    }
}

GdbStub::Input GdbStub::next_input(std::string& payload) {
    for (;;) {
        while (inpos_ < inbuf_.size()) {
            switch (reader_.feed(inbuf_[inpos_++])) {
                case PacketReader::Event::packet:
                    send_raw("+");
                    payload = reader_.payload();
                    return Input::packet;
                case PacketReader::Event::bad_checksum:
                    log_->warn("packet with a bad checksum: asking again");
                    send_raw("-");
                    break;
                case PacketReader::Event::nack:
                    send_raw(last_sent_);
                    break;
                case PacketReader::Event::interrupt:
                    return Input::interrupt;
                default:
                    break;
            }
        }
        if (fd_ < 0 || fill(-1) < 0) return Input::closed;
    }
}

long GdbStub::fill(int timeout_ms) {
    if (fd_ < 0) return -1;
    if (inpos_ == inbuf_.size()) {
        inbuf_.clear();
        inpos_ = 0;
    }
    pollfd pfd{fd_, POLLIN, 0};
    int r;
    do {
        r = ::poll(&pfd, 1, timeout_ms);
    } while (r < 0 && errno == EINTR);
    if (r < 0) return -1;
    if (r == 0) return 0;
    char buf[4096];
    ssize_t n;
    do {
        n = ::recv(fd_, buf, sizeof buf, 0);
    } while (n < 0 && errno == EINTR);
    if (n <= 0) return -1;
    inbuf_.append(buf, static_cast<std::size_t>(n));
    return n;
}

void GdbStub::send(const std::string& payload) {
    last_sent_ = frame(payload);
    send_raw(last_sent_);
}

void GdbStub::send_raw(const std::string& bytes) {
    std::size_t done = 0;
    while (fd_ >= 0 && done < bytes.size()) {
        const ssize_t n = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            disconnect("cannot send to the debugger; running on");
            session_.release_all();  // no stop may wait for a debugger that is gone
            return;
        }
        done += static_cast<std::size_t>(n);
    }
}

void GdbStub::disconnect(const char* why) {
    if (fd_ < 0) return;
    ::close(fd_);
    fd_ = -1;
    log_->info("{}", why);
}

}  // namespace nodevp::gdb
