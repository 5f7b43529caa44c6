// ISS bench: harts + nodevp::Memory + nodevp::Router, each hart running its own hand-assembled
// program (rv_asm.hpp) from its own slice of RAM. All harts are elaborated once in sc_main; each
// test advances simulated time and checks its hart. Expected values are computed by hand from the
// ISA and privileged specifications.
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
#include "tests/unit/cpu/rv_asm.hpp"

namespace nodevp::cpu::test {
namespace {

constexpr std::uint64_t kRamBase = 0x8000'0000;
constexpr std::uint64_t kRamSize = 1 << 20;
constexpr std::uint64_t kProgramStride = 0x1000;
constexpr std::uint64_t kHandler = 0x40;      // trap handler offset in the trap programs
constexpr std::uint32_t kUnmapped = 0x40000;  // lui immediate of an unmapped address
constexpr u32 kIllegalWord = 0xffffffff;
// CSR numbers (privileged spec).
constexpr u32 kMstatus = 0x300, kMedeleg = 0x302, kMie = 0x304, kMtvec = 0x305, kMepc = 0x341,
              kMcause = 0x342, kMtval = 0x343, kSstatus = 0x100, kStvec = 0x105, kSepc = 0x141,
              kScause = 0x142, kMisa = 0x301, kMhartid = 0xf14, kCycle = 0xc00, kInstret = 0xc02,
              kPmpcfg0 = 0x3a0, kPmpaddr0 = 0x3b0, kMip = 0x344;

enum HartIndex : unsigned {
    kAlu,
    kRv32,
    kIllegal,
    kMisalignedLoad,
    kUnmappedLoad,
    kUnmappedStore,
    kMisalignedAmo,
    kEcallHart,
    kInterrupt,
    kWfiWake,
    kHalt,
    kDelegation,
    kCsr,
    kFenceIHart,
    kSeipRmw,
    kHartCount
};

struct Bench {
    Memory ram{"ram", Memory::Params{kRamSize}};
    Router bus{"bus"};
    std::vector<std::unique_ptr<Hart>> harts;
    std::string halt_reason;

    Bench() {
        bus.map(ram.tsock, kRamBase, kRamSize, "ram");
        for (unsigned i = 0; i < kHartCount; ++i) {
            HartConfig c;
            c.hart_id = i;
            c.xlen = i == kRv32 ? 32 : 64;
            c.reset_pc = entry(i);
            harts.push_back(Hart::create(("hart" + std::to_string(i)).c_str(), c));
            harts.back()->isock.bind(bus.tsock);
        }
        harts[kHalt]->set_halt_handler(
            [this](Hart&, const std::string& reason) { halt_reason = reason; });
    }
    static std::uint64_t entry(unsigned hart) { return kRamBase + hart * kProgramStride; }
    void load(unsigned hart, std::uint64_t offset, const std::vector<u32>& words) {
        ram.load(hart * kProgramStride + offset, words.data(), words.size() * 4);
    }
    void load16(unsigned hart, std::uint64_t offset, const std::vector<std::uint16_t>& halves) {
        ram.load(hart * kProgramStride + offset, halves.data(), halves.size() * 2);
    }
    Hart& hart(unsigned i) { return *harts[i]; }
};

Bench* bench = nullptr;

void run_for_us(double us) {
    sc_core::sc_start(sc_core::sc_time(us, sc_core::SC_US));
}

// A program that points mtvec at offset kHandler, runs `body` from offset 0xc, and whose handler
// stores mcause, mtval and mepc in a0, a1, a2 and sleeps.
void load_trap_program(unsigned hart, const std::vector<u32>& body) {
    bench->load(hart, 0, {auipc(t0, 0), addi(t0, t0, kHandler), csrw(kMtvec, t0)});
    bench->load(hart, 0xc, body);
    bench->load(hart, kHandler, {csrr(a0, kMcause), csrr(a1, kMtval), csrr(a2, kMepc), kWfi});
}

void load_programs() {
    // Integer, M and A instructions; ends asleep in WFI with no interrupt enabled.
    bench->load(kAlu, 0,
                {li(a0, 7),
                 li(a1, -3),
                 mul(a2, a0, a1),
                 div(a3, a2, a1),
                 li(t0, -1),
                 mulhu(a4, t0, t0),
                 li(t0, 10),
                 li(t1, 0),
                 add(t1, t1, t0),
                 addi(t0, t0, -1),
                 bne(t0, zero, -8),  // sum 10..1
                 auipc(t2, 0x10),
                 sw(a0, t2, 0),
                 li(28, 5),
                 amoadd_w(29, 28, t2),
                 lr_w(30, t2),
                 sc_w(31, a1, t2),
                 sc_w(8, a0, t2),
                 lw(9, t2, 0),
                 kWfi});
    // RV32 with compressed instructions: c.li a0,-32 (0x5501); c.addi a0,-1 (0x157d); then
    // li a1,3 / mul a2,a0,a1 / slli a3,a1,31 / srai a4,a3,31 / wfi as 32-bit words.
    bench->load16(kRv32, 0, {0x5501, 0x157d});
    bench->load(kRv32, 4, {li(a1, 3), mul(a2, a0, a1), slli(a3, a1, 31), srai(a4, a3, 31), kWfi});
    load_trap_program(kIllegal, {kIllegalWord});
    load_trap_program(kMisalignedLoad, {auipc(t1, 0x10), lw(a5, t1, 2)});
    load_trap_program(kUnmappedLoad, {lui(t1, kUnmapped), ld(a5, t1, 8)});
    load_trap_program(kUnmappedStore, {lui(t1, kUnmapped), sd(a5, t1, 16)});
    load_trap_program(kMisalignedAmo, {auipc(t1, 0x10), addi(t1, t1, 2), amoadd_w(a5, zero, t1)});
    load_trap_program(kEcallHart, {kEcall});
    // Vectored mtvec: the machine timer interrupt (code 7) enters at base + 4 * 7.
    bench->load(kInterrupt, 0,
                {auipc(t0, 0), addi(t0, t0, kHandler | 1), csrw(kMtvec, t0), li(t1, 0x80),
                 csrw(kMie, t1), li(t1, 8), csrrs(zero, kMstatus, t1), kWfi, li(a3, 1), kWfi});
    bench->load(kInterrupt, kHandler, {kWfi});  // the non-vectored entry: must not be used
    bench->load(kInterrupt, kHandler + 4 * 7,
                {csrr(a0, kMcause), csrr(a1, kMepc), csrw(kMie, zero), kWfi});
    // WFI with mie.MTIE set but mstatus.MIE clear: wakes up without taking the interrupt.
    bench->load(kWfiWake, 0,
                {li(t1, 0x80), csrw(kMie, t1), kWfi, li(a0, 42), csrw(kMie, zero), kWfi});
    // mtvec points at unmapped memory: the illegal instruction cannot be handled.
    bench->load(kHalt, 0, {lui(t0, kUnmapped), csrw(kMtvec, t0), kIllegalWord});
    // M code delegates illegal instruction to S, lets S/U access everything through PMP entry 0
    // (NAPOT, all ones, RWX), drops to S with MRET; S executes an illegal word.
    bench->load(
        kDelegation, 0,
        {auipc(t0, 0), addi(t1, t0, kHandler), csrw(kStvec, t1), li(t1, 1 << 2), csrw(kMedeleg, t1),
         li(t1, 1), slli(t1, t1, 11), csrw(kMstatus, t1), li(t1, -1), csrw(kPmpaddr0, t1),
         li(t1, 0x1f), csrw(kPmpcfg0, t1), addi(t1, t0, 0x50), csrw(kMepc, t1), kMret});
    bench->load(kDelegation, 0x50, {kIllegalWord, kWfi});
    bench->load(kDelegation, kHandler,
                {csrr(a0, kScause), csrr(a1, kSepc), csrr(a2, kSstatus), kWfi});
    // Reads misa, mhartid and instret in M, then (PMP entry 0 allowing everything) reads cycle in
    // U with mcounteren clear.
    bench->load(kCsr, 0,
                {auipc(t0, 0), addi(t1, t0, kHandler), csrw(kMtvec, t1), csrr(a0, kMisa),
                 csrr(a1, kMhartid), csrr(a2, kInstret), csrw(kMstatus, zero), li(t1, -1),
                 csrw(kPmpaddr0, t1), li(t1, 0x1f), csrw(kPmpcfg0, t1), addi(t1, t0, 0x50),
                 csrw(kMepc, t1), kMret});
    bench->load(kCsr, 0x50, {csrr(a5, kCycle), kWfi});
    bench->load(kCsr, kHandler, {csrr(a3, kMcause), csrr(a4, kMtval), kWfi});
    // Calls a subroutine (adds its `li a0, 1` to a1), overwrites that li with `li a0, 2` (stored
    // at 0x30), executes FENCE.I and calls it again: a1 = 1 + 2.
    bench->load(kFenceIHart, 0,
                {auipc(t0, 0), li(a1, 0), jal(ra, 0x18), lw(t1, t0, 0x30), sw(t1, t0, 0x20),
                 kFenceI, jal(ra, 8), kWfi, li(a0, 1), add(a1, a1, a0), jalr(zero, ra, 0)});
    bench->load(kFenceIHart, 0x30, {li(a0, 2)});
    // Waits for the SEIP line, clears STIP with CSRRC mip (as OpenSBI's set_timer does), then
    // waits for mip.SEIP to fall with the line: a0 = 42. Had the CSRRC latched the line's level
    // into the software SEIP bit, mip.SEIP would stay set.
    bench->load(kSeipRmw, 0,
                {li(t0, 0x20), csrr(t1, kMip), andi(t1, t1, 0x200), beq(t1, zero, -8),
                 csrrc(zero, kMip, t0), li(a1, 1), csrr(t1, kMip), andi(t1, t1, 0x200),
                 bne(t1, zero, -8), li(a0, 42), kWfi});
}

std::uint64_t sext(std::int64_t v) {
    return static_cast<std::uint64_t>(v);
}

TEST(IssBench, ExecutesIntegerMultiplyAndAtomicInstructions) {
    run_for_us(5);
    Hart& h = bench->hart(kAlu);
    EXPECT_EQ(h.xreg(a0), 7u);
    EXPECT_EQ(h.xreg(a1), sext(-3));
    EXPECT_EQ(h.xreg(a2), sext(-21));
    EXPECT_EQ(h.xreg(a3), 7u);
    EXPECT_EQ(h.xreg(a4), 0xffff'ffff'ffff'fffeULL);  // high half of (2^64-1)^2
    EXPECT_EQ(h.xreg(t1), 55u);
    EXPECT_EQ(h.xreg(29), 7u);       // amoadd.w returns the old value
    EXPECT_EQ(h.xreg(30), 12u);      // lr.w sees 7 + 5
    EXPECT_EQ(h.xreg(31), 0u);       // sc.w with the reservation succeeds
    EXPECT_EQ(h.xreg(8), 1u);        // the second sc.w has no reservation
    EXPECT_EQ(h.xreg(9), sext(-3));  // lw sign-extends what sc.w stored
    EXPECT_EQ(h.instret(), 8u + 30u + 8u + 1u);
    EXPECT_FALSE(h.halted());
}

TEST(IssBench, Rv32HartExecutesCompressedAndWraps32Bit) {
    run_for_us(5);
    Hart& h = bench->hart(kRv32);
    EXPECT_EQ(h.xreg(a0), 0xffff'ffdfu);  // -33
    EXPECT_EQ(h.xreg(a2), 0xffff'ff9du);  // -99
    EXPECT_EQ(h.xreg(a3), 0x8000'0000u);
    EXPECT_EQ(h.xreg(a4), 0xffff'ffffu);
    EXPECT_EQ(h.pc(), Bench::entry(kRv32) + 4 + 5 * 4);  // after the final wfi
}

void expect_trap(unsigned hart, std::uint64_t cause, std::uint64_t tval, std::uint64_t epc) {
    run_for_us(5);
    Hart& h = bench->hart(hart);
    EXPECT_EQ(h.xreg(a0), cause);
    EXPECT_EQ(h.xreg(a1), tval);
    EXPECT_EQ(h.xreg(a2), epc);
}

TEST(IssBench, TrapsToMtvecOnIllegalInstructionWithBitsInMtval) {
    expect_trap(kIllegal, 2, kIllegalWord, Bench::entry(kIllegal) + 0xc);
}

TEST(IssBench, RaisesMisalignedFaultOnMisalignedLoad) {
    const std::uint64_t addr = Bench::entry(kMisalignedLoad) + 0xc + 0x10000 + 2;
    expect_trap(kMisalignedLoad, 4, addr, Bench::entry(kMisalignedLoad) + 0x10);
}

TEST(IssBench, RaisesAccessFaultOnUnmappedLoad) {
    expect_trap(kUnmappedLoad, 5, 0x4000'0008, Bench::entry(kUnmappedLoad) + 0x10);
}

TEST(IssBench, RaisesAccessFaultOnUnmappedStore) {
    expect_trap(kUnmappedStore, 7, 0x4000'0010, Bench::entry(kUnmappedStore) + 0x10);
}

TEST(IssBench, RaisesStoreMisalignedFaultOnMisalignedAmo) {
    const std::uint64_t addr = Bench::entry(kMisalignedAmo) + 0xc + 0x10000 + 2;
    expect_trap(kMisalignedAmo, 6, addr, Bench::entry(kMisalignedAmo) + 0x14);
}

TEST(IssBench, EcallFromMachineModeHasCause11) {
    expect_trap(kEcallHart, 11, 0, Bench::entry(kEcallHart) + 0xc);
}

TEST(IssBench, TimerInterruptWakesWfiAndEntersVectoredHandler) {
    run_for_us(5);
    Hart& h = bench->hart(kInterrupt);
    EXPECT_EQ(h.xreg(a0), 0u) << "no interrupt before the line rises";
    EXPECT_EQ(h.pc(), Bench::entry(kInterrupt) + 0x20) << "asleep after the first wfi";
    const std::uint64_t instret = h.instret();
    run_for_us(5);
    EXPECT_EQ(h.instret(), instret) << "a sleeping hart executes nothing";
    h.irq_changed(kIrqMtip, true);
    run_for_us(5);
    EXPECT_EQ(h.xreg(a0), (1ULL << 63) | 7);
    EXPECT_EQ(h.xreg(a1), Bench::entry(kInterrupt) + 0x20);
    EXPECT_EQ(h.xreg(a3), 0u);
}

TEST(IssBench, WfiWakesWithoutTrapWhenInterruptsAreGloballyDisabled) {
    run_for_us(5);
    Hart& h = bench->hart(kWfiWake);
    EXPECT_EQ(h.xreg(a0), 0u);
    h.irq_changed(kIrqMtip, true);
    run_for_us(5);
    EXPECT_EQ(h.xreg(a0), 42u);
    EXPECT_FALSE(h.halted());
}

TEST(IssBench, CsrrcOnMipDoesNotLatchTheExternalSeipLevel) {
    run_for_us(5);
    Hart& h = bench->hart(kSeipRmw);
    EXPECT_EQ(h.xreg(a1), 0u) << "still waiting for the SEIP line";
    h.irq_changed(kIrqSeip, true);
    run_for_us(5);
    EXPECT_EQ(h.xreg(a1), 1u) << "saw the line and cleared STIP";
    EXPECT_EQ(h.xreg(a0), 0u) << "mip.SEIP follows the line, which is still high";
    h.irq_changed(kIrqSeip, false);
    run_for_us(5);
    EXPECT_EQ(h.xreg(a0), 42u) << "mip.SEIP fell with the line";
}

TEST(IssBench, HaltsWhenTheTrapVectorIsNotExecutable) {
    run_for_us(5);
    Hart& h = bench->hart(kHalt);
    EXPECT_TRUE(h.halted());
    EXPECT_NE(bench->halt_reason.find("0x40000000"), std::string::npos) << bench->halt_reason;
    EXPECT_NE(bench->halt_reason.find("cause 2"), std::string::npos) << bench->halt_reason;
}

TEST(IssBench, DelegatesIllegalInstructionFromSupervisorToStvec) {
    run_for_us(5);
    Hart& h = bench->hart(kDelegation);
    EXPECT_EQ(h.xreg(a0), 2u);
    EXPECT_EQ(h.xreg(a1), Bench::entry(kDelegation) + 0x50);
    EXPECT_NE(h.xreg(a2) & 0x100, 0u) << "sstatus.SPP records S";
    EXPECT_FALSE(h.halted());
}

TEST(IssBench, ReportsMisaHartIdInstretAndGatesCountersInUserMode) {
    run_for_us(5);
    Hart& h = bench->hart(kCsr);
    // MXL = 2 (RV64); extensions A (bit 0), C (2), I (8), M (12), S (18), U (20).
    EXPECT_EQ(h.xreg(a0), (2ULL << 62) | 0x141105);
    EXPECT_EQ(h.xreg(a1), static_cast<std::uint64_t>(kCsr));
    EXPECT_EQ(h.xreg(a2), 5u) << "five instructions retired before the read";
    EXPECT_EQ(h.xreg(a3), 2u) << "cycle in U mode with mcounteren.CY = 0 is illegal";
    EXPECT_EQ(h.xreg(a4), csrr(a5, kCycle));
    EXPECT_EQ(h.xreg(a5), 0u);
}

TEST(IssBench, FenceIMakesStoredInstructionsVisibleToFetch) {
    run_for_us(5);
    Hart& h = bench->hart(kFenceIHart);
    EXPECT_EQ(h.xreg(a1), 3u);
    EXPECT_EQ(h.xreg(a0), 2u);
}

// Extension letters are validated before any module is built, so this is safe after elaboration.
TEST(IssBench, RejectsDWithoutFAndUnknownExtensions) {
    HartConfig c;
    c.extensions = "imadc";
    EXPECT_THROW(Hart::create("no_f", c), std::invalid_argument);
    c.extensions = "imafdqc";
    EXPECT_THROW(Hart::create("with_q", c), std::invalid_argument);
}

}  // namespace
}  // namespace nodevp::cpu::test

int sc_main(int argc, char* argv[]) {
    testing::InitGoogleTest(&argc, argv);
    tlm::tlm_global_quantum::instance().set(sc_core::sc_time(1, sc_core::SC_US));
    nodevp::cpu::test::Bench bench;
    nodevp::cpu::test::bench = &bench;
    nodevp::cpu::test::load_programs();
    return RUN_ALL_TESTS();
}
