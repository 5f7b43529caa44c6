#include "platform/gdb/gdb_session.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "platform/gdb/rsp_codec.hpp"

namespace nodevp::gdb {

namespace {

constexpr unsigned kRegPc = 32, kRegF0 = 33, kRegCsr0 = 65;
constexpr unsigned kMaxMemory = 0x800;  // bytes per m/M packet (PacketSize below)
constexpr const char* kPacketSize = "PacketSize=1200";
constexpr const char* kErrSyntax = "E01";
constexpr const char* kErrTarget = "E02";

constexpr const char* kXNames[32] = {"zero", "ra", "sp",  "gp",  "tp", "t0", "t1", "t2",
                                     "fp",   "s1", "a0",  "a1",  "a2", "a3", "a4", "a5",
                                     "a6",   "a7", "s2",  "s3",  "s4", "s5", "s6", "s7",
                                     "s8",   "s9", "s10", "s11", "t3", "t4", "t5", "t6"};

struct CsrName {
    unsigned number;
    const char* name;
    bool supervisor;
};
constexpr CsrName kCsrs[] = {
    {0x100, "sstatus", true},   {0x104, "sie", true},      {0x105, "stvec", true},
    {0x140, "sscratch", true},  {0x141, "sepc", true},     {0x142, "scause", true},
    {0x143, "stval", true},     {0x144, "sip", true},      {0x180, "satp", true},
    {0x300, "mstatus", false},  {0x301, "misa", false},    {0x302, "medeleg", false},
    {0x303, "mideleg", false},  {0x304, "mie", false},     {0x305, "mtvec", false},
    {0x340, "mscratch", false}, {0x341, "mepc", false},    {0x342, "mcause", false},
    {0x343, "mtval", false},    {0x344, "mip", false},     {0xb00, "mcycle", false},
    {0xb02, "minstret", false}, {0xf14, "mhartid", false},
};

// "a,b" or "a,b:rest" fields in hex.
bool split_addr_len(const std::string& args, std::uint64_t& addr, std::uint64_t& len,
                    std::string* rest) {
    const auto comma = args.find(',');
    if (comma == std::string::npos) return false;
    const auto colon = args.find(':', comma);
    if (rest && colon == std::string::npos) return false;
    const auto a = parse_hex(std::string_view(args).substr(0, comma));
    const auto l = parse_hex(std::string_view(args).substr(
        comma + 1, colon == std::string::npos ? std::string::npos : colon - comma - 1));
    if (!a || !l) return false;
    addr = *a;
    len = *l;
    if (rest) *rest = args.substr(colon + 1);
    return true;
}

}  // namespace

GdbSession::GdbSession(std::vector<Thread> threads) : threads_(std::move(threads)) {
    if (threads_.empty()) throw std::invalid_argument("gdb: no hart to debug");
    xlen_ = threads_.front().hart->config().xlen;
    for (const Thread& t : threads_)
        if (t.hart->config().xlen != xlen_)
            throw std::invalid_argument(
                fmt::format("gdb: {} is RV{} but {} is RV{}; one session debugs harts of one XLEN",
                            t.name, t.hart->config().xlen, threads_.front().name, xlen_));
    last_stop_ = fmt::format("T05thread:{};", thread_id(0));
}

std::string GdbSession::thread_id(unsigned index) const {
    return fmt::format("{:x}", index + 1);
}

long GdbSession::thread_index(const std::string& id) const {
    if (id == "-1") return -1;
    const auto v = parse_hex(id);
    if (!v) return -2;
    if (*v == 0) return static_cast<long>(current_);
    if (*v > threads_.size()) return -2;
    return static_cast<long>(*v - 1);
}

std::string GdbSession::handle(const std::string& packet, Action& action) {
    action = Action::none;
    if (packet.empty()) return "";
    const std::string args = packet.substr(1);
    switch (packet[0]) {
        case '?':
            return last_stop_;
        case 'g':
            return args.empty() ? read_registers() : kErrSyntax;
        case 'G':
            return write_registers(args);
        case 'p':
            return read_register(args);
        case 'P':
            return write_register(args);
        case 'm':
            return read_memory(args);
        case 'M':
            return write_memory(args, false);
        case 'X':
            return write_memory(args, true);
        case 'Z':
        case 'z':
            return breakpoint(packet);
        case 'H':
            return set_thread(args);
        case 'T': {
            const long t = thread_index(args);
            return t >= 0 ? "OK" : kErrTarget;
        }
        case 'c':
        case 's':
            return resume_legacy(packet[0], args, action);
        case 'k':
            action = Action::kill;
            return "OK";
        case 'D':
            release_all();
            action = Action::detach;
            return "OK";
        case 'q':
        case 'Q':
            return query(packet);
        case 'v':
            if (packet == "vCont?") return "vCont;c;C;s;S;t";
            if (packet.rfind("vCont;", 0) == 0) return vcont(packet.substr(6), action);
            if (packet.rfind("vKill", 0) == 0) {
                action = Action::kill;
                return "OK";
            }
            return "";
        default:
            return "";
    }
}

bool GdbSession::reg_location(unsigned regno, cpu::RegFile& file, unsigned& index,
                              unsigned& bytes) const {
    const cpu::Hart& h = *threads_[general_].hart;
    if (regno < 32) {
        file = cpu::RegFile::x;
        index = regno;
        bytes = xlen_ / 8;
        return true;
    }
    if (regno == kRegPc) {
        file = cpu::RegFile::pc;
        index = 0;
        bytes = xlen_ / 8;
        return true;
    }
    if (regno < kRegCsr0) {
        if (!h.has_extension('f')) return false;
        file = cpu::RegFile::f;
        index = regno - kRegF0;
        bytes = h.has_extension('d') ? 8 : 4;
        return true;
    }
    if (regno - kRegCsr0 >= 4096) return false;
    file = cpu::RegFile::csr;
    index = regno - kRegCsr0;
    bytes = index <= 3 ? 4 : xlen_ / 8;  // fflags, frm, fcsr are 32 bits wide
    return true;
}

std::string GdbSession::read_registers() {
    std::string out;
    for (unsigned r = 0; r <= kRegPc; ++r) {
        std::uint64_t v = 0;
        general().debug_read_reg(r == kRegPc ? cpu::RegFile::pc : cpu::RegFile::x,
                                 r == kRegPc ? 0 : r, v);
        out += le_hex(v, xlen_ / 8);
    }
    return out;
}

std::string GdbSession::write_registers(const std::string& hex) {
    const unsigned bytes = xlen_ / 8;
    if (hex.size() % (2 * bytes) || hex.size() / (2 * bytes) > kRegPc + 1) return kErrSyntax;
    std::vector<std::uint64_t> values;
    for (std::size_t i = 0; i < hex.size(); i += 2 * bytes) {
        const auto v = parse_le_hex(std::string_view(hex).substr(i, 2 * bytes), bytes);
        if (!v) return kErrSyntax;
        values.push_back(*v);
    }
    for (unsigned r = 0; r < values.size(); ++r)
        general().debug_write_reg(r == kRegPc ? cpu::RegFile::pc : cpu::RegFile::x,
                                  r == kRegPc ? 0 : r, values[r]);
    return "OK";
}

std::string GdbSession::read_register(const std::string& args) {
    const auto regno = parse_hex(args);
    if (!regno) return kErrSyntax;
    cpu::RegFile file;
    unsigned index, bytes;
    std::uint64_t v = 0;
    if (*regno > 0xffffffffu || !reg_location(static_cast<unsigned>(*regno), file, index, bytes) ||
        !general().debug_read_reg(file, index, v))
        return kErrTarget;
    return le_hex(v, bytes);
}

std::string GdbSession::write_register(const std::string& args) {
    const auto eq = args.find('=');
    if (eq == std::string::npos) return kErrSyntax;
    const auto regno = parse_hex(std::string_view(args).substr(0, eq));
    if (!regno) return kErrSyntax;
    cpu::RegFile file;
    unsigned index, bytes;
    if (*regno > 0xffffffffu || !reg_location(static_cast<unsigned>(*regno), file, index, bytes))
        return kErrTarget;
    const auto v = parse_le_hex(std::string_view(args).substr(eq + 1), bytes);
    if (!v) return kErrSyntax;
    return general().debug_write_reg(file, index, *v) ? "OK" : kErrTarget;
}

std::string GdbSession::read_memory(const std::string& args) {
    std::uint64_t addr, len;
    if (!split_addr_len(args, addr, len, nullptr) || len > kMaxMemory) return kErrSyntax;
    std::vector<std::uint8_t> buf(len);
    const unsigned done =
        len ? general().debug_memory(false, addr, buf.data(), static_cast<unsigned>(len)) : 0;
    if (done == 0 && len) return kErrTarget;
    return to_hex(buf.data(), done);
}

std::string GdbSession::write_memory(const std::string& args, bool binary) {
    std::uint64_t addr, len;
    std::string data;
    if (!split_addr_len(args, addr, len, &data) || len > kMaxMemory) return kErrSyntax;
    std::vector<std::uint8_t> bytes;
    if (binary) {
        const auto raw = unescape_binary(data);
        if (!raw) return kErrSyntax;
        bytes.assign(raw->begin(), raw->end());
    } else {
        const auto raw = from_hex(data);
        if (!raw) return kErrSyntax;
        bytes = *raw;
    }
    if (bytes.size() != len) return kErrSyntax;
    if (len == 0) return "OK";
    const unsigned done =
        general().debug_memory(true, addr, bytes.data(), static_cast<unsigned>(len));
    if (done != len) return kErrTarget;
    // Every thread decodes the new bytes (code may have changed).
    for (const Thread& t : threads_)
        if (t.hart != &general()) t.hart->debug_memory(true, addr, bytes.data(), 0);
    return "OK";
}

// Z/z type,addr,kind: 0/1 breakpoint (kind = length, ignored), 2 write, 3 read, 4 access
// watchpoint (kind = length in bytes). Applied to every thread.
std::string GdbSession::breakpoint(const std::string& packet) {
    const bool insert = packet[0] == 'Z';
    const auto c1 = packet.find(',');
    if (c1 != 2) return kErrSyntax;
    std::uint64_t addr, len;
    if (!split_addr_len(packet.substr(3), addr, len, nullptr)) return kErrSyntax;
    const char type = packet[1];
    if (type == '0' || type == '1') {
        const auto it = std::find(breakpoints_.begin(), breakpoints_.end(), addr);
        if (!insert && it == breakpoints_.end()) return kErrTarget;
        if (insert && it == breakpoints_.end()) breakpoints_.push_back(addr);
        if (!insert) breakpoints_.erase(it);
        for (const Thread& t : threads_) t.hart->debug_breakpoint(addr, insert);
        return "OK";
    }
    if (type < '2' || type > '4') return "";  // not supported
    if (len == 0) return kErrSyntax;
    const cpu::WatchKind kind = type == '2'   ? cpu::WatchKind::write
                                : type == '3' ? cpu::WatchKind::read
                                              : cpu::WatchKind::access;
    const auto it = std::find_if(watches_.begin(), watches_.end(), [&](const Watch& w) {
        return w.addr == addr && w.length == len && w.kind == kind;
    });
    if (!insert && it == watches_.end()) return kErrTarget;
    if (insert && it == watches_.end()) watches_.push_back(Watch{addr, len, kind});
    if (!insert) watches_.erase(it);
    for (const Thread& t : threads_) t.hart->debug_watchpoint(addr, len, kind, insert);
    return "OK";
}

void GdbSession::release_all() {
    for (const Thread& t : threads_) {
        for (std::uint64_t a : breakpoints_) t.hart->debug_breakpoint(a, false);
        for (const Watch& w : watches_) t.hart->debug_watchpoint(w.addr, w.length, w.kind, false);
        t.hart->debug_set_run(cpu::DebugRun::run);
    }
    breakpoints_.clear();
    watches_.clear();
}

std::string GdbSession::set_thread(const std::string& args) {
    if (args.size() < 2 || (args[0] != 'g' && args[0] != 'c')) return kErrSyntax;
    const long t = thread_index(args.substr(1));
    if (t == -2) return kErrTarget;
    const unsigned index = t < 0 ? current_ : static_cast<unsigned>(t);
    (args[0] == 'g' ? general_ : control_) = index;
    return "OK";
}

std::string GdbSession::query(const std::string& packet) {
    if (packet.rfind("qSupported", 0) == 0)
        return fmt::format("{};qXfer:features:read+;vContSupported+", kPacketSize);
    if (packet == "qAttached") return "1";
    if (packet == "qC") return "QC" + thread_id(current_);
    if (packet == "qfThreadInfo") {
        std::string out = "m";
        for (unsigned i = 0; i < threads_.size(); ++i) out += (i ? "," : "") + thread_id(i);
        return out;
    }
    if (packet == "qsThreadInfo") return "l";
    if (packet.rfind("qThreadExtraInfo,", 0) == 0) {
        const long t = thread_index(packet.substr(17));
        if (t < 0) return kErrTarget;
        const cpu::Hart& h = *threads_[static_cast<unsigned>(t)].hart;
        return to_hex(fmt::format("{}{}", threads_[static_cast<unsigned>(t)].name,
                                  h.halted() ? " (halted)" : ""));
    }
    if (packet.rfind("qXfer:features:read:", 0) == 0) return xfer_features(packet.substr(20));
    if (packet == "qOffsets") return "Text=0;Data=0;Bss=0";
    if (packet == "qSymbol::") return "OK";
    return "";
}

// annex:offset,length
std::string GdbSession::xfer_features(const std::string& args) {
    const auto colon = args.find(':');
    if (colon == std::string::npos) return kErrSyntax;
    if (args.substr(0, colon) != "target.xml") return kErrTarget;
    std::uint64_t offset, length;
    if (!split_addr_len(args.substr(colon + 1), offset, length, nullptr)) return kErrSyntax;
    const std::string xml = target_xml();
    if (offset >= xml.size()) return "l";
    const std::string part = xml.substr(offset, std::min<std::uint64_t>(length, 0x400));
    return (offset + part.size() >= xml.size() ? "l" : "m") + escape_binary(part);
}

std::string GdbSession::target_xml() const {
    const cpu::Hart& h = *threads_.front().hart;
    std::string x = fmt::format(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
        "<target version=\"1.0\">\n<architecture>riscv:rv{}</architecture>\n"
        "<feature name=\"org.gnu.gdb.riscv.cpu\">\n",
        xlen_);
    for (unsigned i = 0; i < 32; ++i)
        x += fmt::format("  <reg name=\"{}\" bitsize=\"{}\" type=\"{}\" regnum=\"{}\"/>\n",
                         kXNames[i], xlen_, i == 2 ? "data_ptr" : "int", i);
    x += fmt::format("  <reg name=\"pc\" bitsize=\"{}\" type=\"code_ptr\" regnum=\"{}\"/>\n", xlen_,
                     kRegPc);
    x += "</feature>\n";
    if (h.has_extension('f')) {
        const bool d = h.has_extension('d');
        x += "<feature name=\"org.gnu.gdb.riscv.fpu\">\n";
        for (unsigned i = 0; i < 32; ++i)
            x += fmt::format("  <reg name=\"f{}\" bitsize=\"{}\" type=\"{}\" regnum=\"{}\"/>\n", i,
                             d ? 64 : 32, d ? "ieee_double" : "ieee_single", kRegF0 + i);
        for (const auto& [n, name] : {std::pair{1u, "fflags"}, {2u, "frm"}, {3u, "fcsr"}})
            x += fmt::format(
                "  <reg name=\"{}\" bitsize=\"32\" type=\"int\" regnum=\"{}\" group=\"float\"/>\n",
                name, kRegCsr0 + n);
        x += "</feature>\n";
    }
    x += "<feature name=\"org.gnu.gdb.riscv.csr\">\n";
    for (const CsrName& c : kCsrs) {
        if (c.supervisor && !h.has_extension('s')) continue;
        x += fmt::format(
            "  <reg name=\"{}\" bitsize=\"{}\" type=\"int\" regnum=\"{}\" group=\"system\"/>\n",
            c.name, xlen_, kRegCsr0 + c.number);
    }
    x += "</feature>\n</target>\n";
    return x;
}

std::string GdbSession::stop_reply(unsigned index, const cpu::DebugStop& stop) {
    current_ = general_ = control_ = index;
    std::string r = "T05";
    if (stop.kind == cpu::DebugStop::Kind::watchpoint) {
        const char* kind = stop.watch == cpu::WatchKind::write  ? "watch"
                           : stop.watch == cpu::WatchKind::read ? "rwatch"
                                                                : "awatch";
        r += fmt::format("{}:{:x};", kind, stop.addr);
    }
    r += fmt::format("thread:{};", thread_id(index));
    last_stop_ = r;
    return r;
}

std::string GdbSession::interrupt_reply() {
    general_ = control_ = current_;
    last_stop_ = fmt::format("T02thread:{};", thread_id(current_));
    return last_stop_;
}

// vCont;action[:thread][;action[:thread]]...: the first action naming a thread (or the one
// without a thread) applies; threads without an action stay stopped (frozen).
std::string GdbSession::vcont(const std::string& args, Action& action) {
    std::vector<cpu::DebugRun> modes(threads_.size(), cpu::DebugRun::freeze);
    std::vector<bool> assigned(threads_.size(), false);
    std::size_t pos = 0;
    while (pos <= args.size()) {
        const auto end = std::min(args.find(';', pos), args.size());
        const std::string item = args.substr(pos, end - pos);
        pos = end + 1;
        if (item.empty()) return kErrSyntax;
        const auto colon = item.find(':');
        const std::string act = item.substr(0, colon);
        cpu::DebugRun mode;
        if (act == "c" || (act.size() == 3 && act[0] == 'C' && parse_hex(act.substr(1))))
            mode = cpu::DebugRun::run;
        else if (act == "s" || (act.size() == 3 && act[0] == 'S' && parse_hex(act.substr(1))))
            mode = cpu::DebugRun::step;
        else if (act == "t")
            mode = cpu::DebugRun::freeze;
        else
            return kErrSyntax;
        long t = -1;
        if (colon != std::string::npos) {
            t = thread_index(item.substr(colon + 1));
            if (t == -2) return kErrTarget;
        }
        for (unsigned i = 0; i < threads_.size(); ++i) {
            if (assigned[i] || (t >= 0 && static_cast<unsigned>(t) != i)) continue;
            modes[i] = mode;
            assigned[i] = true;
        }
        if (end == args.size()) break;
    }
    for (unsigned i = 0; i < threads_.size(); ++i) threads_[i].hart->debug_set_run(modes[i]);
    action = Action::resume;
    return "";
}

// c [addr] / s [addr]: continue all, or step the Hc thread with the others stopped.
std::string GdbSession::resume_legacy(char command, const std::string& args, Action& action) {
    if (!args.empty()) {
        const auto addr = parse_hex(args);
        if (!addr) return kErrSyntax;
        threads_[control_].hart->debug_write_reg(cpu::RegFile::pc, 0, *addr);
    }
    for (unsigned i = 0; i < threads_.size(); ++i)
        threads_[i].hart->debug_set_run(command == 'c'  ? cpu::DebugRun::run
                                        : i == control_ ? cpu::DebugRun::step
                                                        : cpu::DebugRun::freeze);
    action = Action::resume;
    return "";
}

}  // namespace nodevp::gdb
