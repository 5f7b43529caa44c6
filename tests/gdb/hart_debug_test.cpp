// Bench of the hart debug interface (models/cpu/debug.cpp) and of the GDB packet semantics
// (platform/gdb/gdb_session.cpp) on real harts: a RAM behind a router (DMI granted, so the
// watchpoint checks the DMI bypass), programs from the test assembler. Expected values come from
// the programs' arithmetic and the RSP specification.
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <systemc>
#include <tlm>

#include "models/common/memory.hpp"
#include "models/common/router.hpp"
#include "models/cpu/hart.hpp"
#include "platform/gdb/gdb_session.hpp"
#include "platform/gdb/rsp_codec.hpp"
#include "tests/unit/cpu/rv_asm.hpp"

namespace nodevp::gdb::test {
namespace {

using namespace nodevp::cpu;
using namespace nodevp::cpu::test;

constexpr std::uint64_t kRamBase = 0x8000'0000;
constexpr std::uint64_t kRamSize = 1 << 16;
constexpr std::uint64_t kStride = 0x1000;
constexpr std::uint64_t kData = kRamBase + 0x100c;  // auipc t2, 1 at +0xc points here

enum HartIndex : unsigned { kDebugged, kFrozen, kFloat, kRv32, kHarts };

struct Bench {
    Memory ram{"ram", Memory::Params{kRamSize}};
    Router bus{"bus"};
    std::vector<std::unique_ptr<Hart>> harts;
    std::vector<DebugStop> stops;
    std::vector<std::uint64_t> pc_at_stop, a2_at_stop;
    std::uint32_t data_at_watch = 0xdeadbeef;
    std::uint64_t frozen_instret = ~0ULL, thawed_instret = 0;

    Bench() {
        bus.map(ram.tsock, kRamBase, kRamSize, "ram");
        for (unsigned i = 0; i < kHarts; ++i) {
            HartConfig c;
            c.hart_id = i;
            c.xlen = i == kRv32 ? 32 : 64;
            c.extensions = i == kFloat ? "imafdc" : "imac";
            c.reset_pc = kRamBase + i * kStride;
            harts.push_back(Hart::create(("hart" + std::to_string(i)).c_str(), c));
            harts.back()->isock.bind(bus.tsock);
        }
    }
    void load(unsigned hart, const std::vector<u32>& words) {
        ram.load(hart * kStride, words.data(), words.size() * 4);
    }
};

Bench* bench = nullptr;

// kDebugged: 7 + 5 stored to kData and loaded back. kFrozen: counts in a0 forever.
void load_programs() {
    bench->load(kDebugged, {li(a0, 7), li(a1, 5), add(a2, a0, a1), auipc(t2, 1), sw(a2, t2, 0),
                            lw(a3, t2, 0), kWfi});
    bench->load(kFrozen, {addi(a0, a0, 1), jal(zero, -4)});
    bench->load(kFloat, {kWfi});
    bench->load(kRv32, {kWfi});
}

// The debugged hart's script: breakpoint at +8 -> remove it, step -> step done -> run ->
// watchpoint on the store -> remove it, run.
void on_stop(Hart& h, const DebugStop& stop) {
    bench->stops.push_back(stop);
    bench->pc_at_stop.push_back(h.pc());
    bench->a2_at_stop.push_back(h.xreg(a2));
    if (stop.kind == DebugStop::Kind::breakpoint) {
        h.debug_breakpoint(stop.addr, false);
        h.debug_set_run(DebugRun::step);
    } else if (stop.kind == DebugStop::Kind::watchpoint) {
        h.debug_memory(false, kData, &bench->data_at_watch, 4);
        h.debug_watchpoint(kData, 4, WatchKind::write, false);
        h.debug_set_run(DebugRun::run);
    } else {
        h.debug_set_run(DebugRun::run);
    }
}

// Runs the scripted session once per process (every test may run alone under ctest).
void ensure_ran() {
    static bool ran = false;
    if (ran) return;
    ran = true;
    Hart& h = *bench->harts[kDebugged];
    h.set_debug_handler(on_stop);
    h.debug_breakpoint(kRamBase + 8, true);
    h.debug_watchpoint(kData, 4, WatchKind::write, true);
    bench->harts[kFrozen]->debug_set_run(DebugRun::freeze);
    sc_core::sc_start(sc_core::sc_time(5, sc_core::SC_US));
    bench->frozen_instret = bench->harts[kFrozen]->instret();
    bench->harts[kFrozen]->debug_set_run(DebugRun::run);
    sc_core::sc_start(sc_core::sc_time(5, sc_core::SC_US));
    bench->thawed_instret = bench->harts[kFrozen]->instret();
}

TEST(HartDebug, BreakpointStopsBeforeTheInstructionAndStepRunsExactlyOne) {
    ensure_ran();
    ASSERT_GE(bench->stops.size(), 2u);
    EXPECT_EQ(bench->stops[0].kind, DebugStop::Kind::breakpoint);
    EXPECT_EQ(bench->stops[0].addr, kRamBase + 8);
    EXPECT_EQ(bench->pc_at_stop[0], kRamBase + 8);
    EXPECT_EQ(bench->a2_at_stop[0], 0u);  // the add has not run
    EXPECT_EQ(bench->stops[1].kind, DebugStop::Kind::step);
    EXPECT_EQ(bench->pc_at_stop[1], kRamBase + 12);
    EXPECT_EQ(bench->a2_at_stop[1], 12u);  // 7 + 5
}

TEST(HartDebug, WriteWatchpointStopsBeforeTheStoreDespiteDmi) {
    ensure_ran();
    ASSERT_EQ(bench->stops.size(), 3u);
    EXPECT_EQ(bench->stops[2].kind, DebugStop::Kind::watchpoint);
    EXPECT_EQ(bench->stops[2].watch, WatchKind::write);
    EXPECT_EQ(bench->stops[2].addr, kData);
    EXPECT_EQ(bench->pc_at_stop[2], kRamBase + 16);     // the sw
    EXPECT_EQ(bench->data_at_watch, 0u);                // not yet stored
    EXPECT_EQ(bench->harts[kDebugged]->xreg(a3), 12u);  // then the program ran on
}

TEST(HartDebug, FrozenHartRunsNothingUntilReleased) {
    ensure_ran();
    EXPECT_EQ(bench->frozen_instret, 0u);
    EXPECT_GT(bench->thawed_instret, 100u);
}

TEST(HartDebug, RegistersAndCsrsReadAndWriteWithoutPrivilegeChecks) {
    ensure_ran();
    Hart& h = *bench->harts[kFloat];
    std::uint64_t v = 0;
    EXPECT_TRUE(h.debug_read_reg(RegFile::csr, 0xf14, v));  // mhartid
    EXPECT_EQ(v, kFloat);
    EXPECT_TRUE(h.debug_write_reg(RegFile::csr, 0x340, 0x1234));  // mscratch
    EXPECT_TRUE(h.debug_read_reg(RegFile::csr, 0x340, v));
    EXPECT_EQ(v, 0x1234u);
    EXPECT_TRUE(h.debug_write_reg(RegFile::f, 3, 0x400921fb54442d18ULL));  // pi
    EXPECT_TRUE(h.debug_read_reg(RegFile::f, 3, v));
    EXPECT_EQ(v, 0x400921fb54442d18ULL);
    EXPECT_TRUE(h.debug_write_reg(RegFile::csr, 3, 0xff));  // fcsr: frm 7, fflags 0x1f
    EXPECT_TRUE(h.debug_read_reg(RegFile::csr, 2, v));
    EXPECT_EQ(v, 7u);
    EXPECT_FALSE(h.debug_read_reg(RegFile::csr, 0x7ff, v));                   // no such CSR
    EXPECT_FALSE(bench->harts[kDebugged]->debug_read_reg(RegFile::f, 0, v));  // no F
    EXPECT_FALSE(h.debug_read_reg(RegFile::x, 32, v));
}

GdbSession& session() {
    static GdbSession s({{bench->harts[kDebugged].get(), "hart0"},
                         {bench->harts[kFrozen].get(), "hart1"},
                         {bench->harts[kFloat].get(), "hart2"}});
    return s;
}

std::string ask(const std::string& packet) {
    GdbSession::Action action;
    const std::string reply = session().handle(packet, action);
    EXPECT_EQ(action, GdbSession::Action::none) << packet;
    return reply;
}

TEST(GdbSession, MalformedPacketsGetErrorReplies) {
    ensure_ran();
    EXPECT_EQ(ask("mzz,4"), "E01");
    EXPECT_EQ(ask("m80000000"), "E01");
    EXPECT_EQ(ask("m80000000,"), "E01");
    EXPECT_EQ(ask("m80000000,100000"), "E01");
    EXPECT_EQ(ask("M80000000,2:001"), "E01");
    EXPECT_EQ(ask("M80001100,2:00"), "E01");  // 1 byte of data for a length of 2
    EXPECT_EQ(ask("X80000000,1:}"), "E01");
    EXPECT_EQ(ask("P"), "E01");
    EXPECT_EQ(ask("Pa=1"), "E01");
    EXPECT_EQ(ask("px"), "E01");
    EXPECT_EQ(ask("G0"), "E01");
    EXPECT_EQ(ask("Z0"), "E01");
    EXPECT_EQ(ask("Z0,80000000"), "E01");
    EXPECT_EQ(ask("Z2,80000000,0"), "E01");
    EXPECT_EQ(ask("H"), "E01");
    EXPECT_EQ(ask("Hx1"), "E01");
    EXPECT_EQ(ask("gx"), "E01");
    EXPECT_EQ(ask("qXfer:features:read:target.xml:zz"), "E01");
    GdbSession::Action action;
    EXPECT_EQ(session().handle("vCont;x", action), "E01");
    EXPECT_EQ(session().handle("vCont;c:9", action), "E02");
    EXPECT_EQ(session().handle("vCont;", action), "E01");
    EXPECT_EQ(session().handle("cxyz", action), "E01");
    EXPECT_EQ(action, GdbSession::Action::none);
}

TEST(GdbSession, UnknownOrMissingThingsGetTheRightReplies) {
    ensure_ran();
    EXPECT_EQ(ask("Hg4"), "E02");  // three threads
    EXPECT_EQ(ask("T0"), "OK");    // 0 = any thread
    EXPECT_EQ(ask("T3"), "OK");
    EXPECT_EQ(ask("T4"), "E02");
    EXPECT_EQ(ask("p1041"), "E02");  // regno 65 + 4096
    EXPECT_EQ(ask("m0,4"), "E02");   // unmapped
    EXPECT_EQ(ask("z0,80000000,4"), "E02");
    EXPECT_EQ(ask("Z5,80000000,4"), "");  // unsupported type
    EXPECT_EQ(ask("qUnheardOf"), "");
    EXPECT_EQ(ask("jabberwock"), "");
    EXPECT_EQ(ask("qXfer:features:read:other.xml:0,10"), "E02");
}

TEST(GdbSession, ThreadsAreHartsNumberedFromOne) {
    ensure_ran();
    EXPECT_EQ(ask("qfThreadInfo"), "m1,2,3");
    EXPECT_EQ(ask("qsThreadInfo"), "l");
    EXPECT_EQ(ask("qThreadExtraInfo,2"), to_hex("hart1"));
    EXPECT_EQ(ask("qAttached"), "1");
}

TEST(GdbSession, RegistersInGdbNumbering) {
    ensure_ran();
    ASSERT_EQ(ask("Hg1"), "OK");
    const std::string g = ask("g");
    ASSERT_EQ(g.size(), 33u * 16);                     // x0..x31, pc; 8 bytes each
    EXPECT_EQ(g.substr(0, 16), std::string(16, '0'));  // x0
    EXPECT_EQ(g.substr(10 * 16, 16), le_hex(7, 8));    // a0
    EXPECT_EQ(g.substr(13 * 16, 16), le_hex(12, 8));   // a3
    EXPECT_EQ(ask("pd"), le_hex(12, 8));               // a3 again, by p
    EXPECT_EQ(ask("Pe=" + le_hex(0x55, 8)), "OK");     // a4
    EXPECT_EQ(bench->harts[kDebugged]->xreg(a4), 0x55u);
    EXPECT_EQ(ask("P0=" + le_hex(0x55, 8)), "OK");  // x0 stays zero
    EXPECT_EQ(ask("p0"), le_hex(0, 8));
    EXPECT_EQ(ask("p20"), le_hex(kRamBase + 28, 8));  // pc after the wfi (at 0x18)
    EXPECT_EQ(ask("p" + fmt::format("{:x}", 65 + 0xf14)), le_hex(0, 8));  // mhartid
    EXPECT_EQ(ask("p21"), "E02");                                         // f0: hart0 has no F
    ASSERT_EQ(ask("Hg3"), "OK");
    EXPECT_EQ(ask("P24=" + le_hex(0x3ff0000000000000ULL, 8)), "OK");  // f3 = 1.0
    EXPECT_EQ(ask("p24"), le_hex(0x3ff0000000000000ULL, 8));
    EXPECT_EQ(ask("P44=" + le_hex(0x65, 4)), "OK");  // fcsr (65 + 3): frm 3, fflags 5
    EXPECT_EQ(ask("p44"), le_hex(0x65, 4));
    EXPECT_EQ(ask("p43"), le_hex(3, 4));  // frm
    EXPECT_EQ(ask("p42"), le_hex(5, 4));  // fflags
}

TEST(GdbSession, MemoryReadsAndWritesGoThroughTheHart) {
    ensure_ran();
    ASSERT_EQ(ask("Hg1"), "OK");
    const u32 first = li(a0, 7);
    EXPECT_EQ(ask("m80000000,4"), to_hex(&first, 4));
    EXPECT_EQ(ask("m8000100c,4"), le_hex(12, 4));  // what the program stored
    EXPECT_EQ(ask("M80001100,3:a1b2c3"), "OK");
    EXPECT_EQ(ask("m80001100,3"), "a1b2c3");
    EXPECT_EQ(ask("X80001100,2:}\x03}]"), "OK");  // '#', '}' escaped
    EXPECT_EQ(ask("m80001100,3"), "237dc3");
    // Crossing the end of RAM: only the mapped bytes.
    EXPECT_EQ(ask(fmt::format("m{:x},8", kRamBase + kRamSize - 4)), "00000000");
}

TEST(GdbSession, TargetDescriptionFollowsTheHart) {
    ensure_ran();
    const std::string xml = session().target_xml();
    EXPECT_NE(xml.find("<architecture>riscv:rv64</architecture>"), std::string::npos);
    EXPECT_NE(xml.find("org.gnu.gdb.riscv.cpu"), std::string::npos);
    EXPECT_EQ(xml.find("org.gnu.gdb.riscv.fpu"), std::string::npos);  // hart0 is imac
    GdbSession fp({{bench->harts[kFloat].get(), "hart2"}});
    const std::string fxml = fp.target_xml();
    EXPECT_NE(fxml.find("<reg name=\"f31\" bitsize=\"64\" type=\"ieee_double\" regnum=\"64\"/>"),
              std::string::npos);
    EXPECT_NE(fxml.find("name=\"fcsr\" bitsize=\"32\" type=\"int\" regnum=\"68\""),
              std::string::npos);
    // qXfer returns it in pieces: 'm' while more follows, 'l' with the last piece.
    const std::string part = ask("qXfer:features:read:target.xml:0,10");
    EXPECT_EQ(part, "m" + xml.substr(0, 0x10));
    const std::string rest = ask(fmt::format("qXfer:features:read:target.xml:10,{:x}", 0x3ff));
    EXPECT_EQ(rest.front(), xml.size() <= 0x10 + 0x3ff ? 'l' : 'm');
    EXPECT_EQ(ask(fmt::format("qXfer:features:read:target.xml:{:x},10", xml.size())), "l");
}

TEST(GdbSession, BreakpointsAndWatchpointsNeedAMatchingRemove) {
    ensure_ran();
    EXPECT_EQ(ask("Z0,80000010,4"), "OK");
    EXPECT_EQ(ask("Z0,80000010,4"), "OK");  // idempotent
    EXPECT_EQ(ask("z0,80000010,4"), "OK");
    EXPECT_EQ(ask("z0,80000010,4"), "E02");
    EXPECT_EQ(ask("Z4,8000100c,4"), "OK");
    EXPECT_EQ(ask("z3,8000100c,4"), "E02");  // another kind
    EXPECT_EQ(ask("z4,8000100c,4"), "OK");
}

TEST(GdbSession, RefusesHartsOfTwoXlens) {
    ensure_ran();
    EXPECT_THROW(
        GdbSession({{bench->harts[kDebugged].get(), "hart0"}, {bench->harts[kRv32].get(), "dmc"}}),
        std::invalid_argument);
    EXPECT_THROW(GdbSession({}), std::invalid_argument);
}

}  // namespace
}  // namespace nodevp::gdb::test

int sc_main(int argc, char* argv[]) {
    testing::InitGoogleTest(&argc, argv);
    tlm::tlm_global_quantum::instance().set(sc_core::sc_time(1, sc_core::SC_US));
    nodevp::gdb::test::Bench bench;
    nodevp::gdb::test::bench = &bench;
    nodevp::gdb::test::load_programs();
    return RUN_ALL_TESTS();
}
