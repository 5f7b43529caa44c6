// Rough ISS speed probe (not a test): one RV64 hart runs a hand-assembled integer loop with loads
// and stores for a fixed simulated time; prints host MIPS. Usage: cpu_iss_speed [sv39] [sim_ms
// [quantum_us [log_spec]]]. With `sv39` the loop runs in S mode with translation on (a 1 GiB
// identity page, PMP entry 0 allowing everything): the TLB-hit fast path.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <systemc>
#include <tlm>

#include "models/common/memory.hpp"
#include "models/common/router.hpp"
#include "models/cpu/hart.hpp"
#include "tests/unit/cpu/rv_asm.hpp"

using namespace nodevp::cpu::test;

int sc_main(int argc, char* argv[]) {
    const bool sv39 = argc > 1 && std::string(argv[1]) == "sv39";
    if (sv39) {
        --argc;
        ++argv;
    }
    const double sim_ms = argc > 1 ? std::atof(argv[1]) : 200;
    const double quantum_us = argc > 2 ? std::atof(argv[2]) : 1;
    if (argc > 3) nodevp::log::set_levels(argv[3]);
    tlm::tlm_global_quantum::instance().set(sc_core::sc_time(quantum_us, sc_core::SC_US));
    nodevp::Memory ram("ram", nodevp::Memory::Params{1 << 20});
    nodevp::Router bus("bus");
    bus.map(ram.tsock, 0x80000000, 1 << 20, "ram");
    nodevp::cpu::HartConfig c;
    c.reset_pc = 0x80000000;
    auto hart = nodevp::cpu::Hart::create("hart0", c);
    hart->isock.bind(bus.tsock);
    const std::uint32_t prog[] = {auipc(sp, 0x10),
                                  li(t0, 0),
                                  li(a0, 1),
                                  add(t2, t2, t0),
                                  0x00a3c533 /* xor a0, t2, a0 */,
                                  slli(a1, a0, 3),
                                  sd(a1, sp, 8),
                                  ld(a2, sp, 8),
                                  add(a3, a3, a2),
                                  addi(t0, t0, 1),
                                  bne(t0, zero, -28)};
    // M mode: PMP entry 0 = everything (NAPOT, RWX); root table at 0x80080000 with entry 2 a
    // 1 GiB leaf for 0x80000000 (V R W X A D); satp = Sv39; MRET to S at the loop (0x40).
    const std::uint32_t setup[] = {li(t0, -1),
                                   csrw(0x3b0, t0),
                                   li(t0, 0x1f),
                                   csrw(0x3a0, t0),
                                   auipc(t0, 0x80),  // at 0x10: t0 = 0x80080010
                                   addi(t0, t0, -16),
                                   lui(t1, 0x20000),
                                   addi(t1, t1, 0xcf),
                                   sd(t1, t0, 16),
                                   li(t2, 8),
                                   slli(t2, t2, 60),
                                   i_type(0x13, 5, t1, t0, 12),     // srli t1, t0, 12
                                   r_type(0x33, 6, 0, t2, t2, t1),  // or t2, t2, t1
                                   csrw(0x180, t2),
                                   li(t1, 1),
                                   slli(t1, t1, 11),
                                   csrw(0x300, t1),
                                   auipc(t1, 0),  // at 0x44
                                   addi(t1, t1, 0x100 - 0x44),
                                   csrw(0x341, t1),
                                   kMret};
    if (sv39) {
        ram.load(0, setup, sizeof(setup));
        ram.load(0x100, prog, sizeof(prog));
    } else {
        ram.load(0, prog, sizeof(prog));
    }
    const auto t0 = std::chrono::steady_clock::now();
    sc_core::sc_start(sc_core::sc_time(sim_ms, sc_core::SC_MS));
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("iss_mips: %.1f MIPS (%llu instructions in %.3f s)\n", hart->instret() / s / 1e6,
                static_cast<unsigned long long>(hart->instret()), s);
    return 0;
}
