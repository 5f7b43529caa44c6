// The LPU's RTL units as chip units (issue 4): Verilated mxm_plane / vxm_alu behind the
// split-phase MxmUnit / VxmUnit interfaces of models/lpu/chip/chip.hpp. This header needs no
// Verilator headers; the models live in nodevp_rtl_lpu.
//
// A chip with an RTL unit is clocked (Chip::clocked()): run it one cycle at a time from an
// SC_THREAD: chip.run(1); chip.tick_units(); wait(period). tick() toggles the RTL clock in delta
// cycles (no SystemC time). Units must be built during elaboration (they are sc_modules).
// Sizes: the Verilated builds exist for vector lengths 16 and 32 only (kRtlVectorBytes); any
// other geometry throws std::invalid_argument from the factories.
#pragma once

#include <memory>
#include <string>

#include "models/lpu/chip/chip.hpp"

namespace nodevp::rtl {

inline constexpr unsigned kRtlVectorBytes[] = {16, 32};

// Whether the RTL units exist for this geometry's vector length.
bool rtl_supports(const lpu::Geometry& geometry);

std::unique_ptr<lpu::MxmUnit> make_rtl_mxm(unsigned plane, const lpu::Geometry& geometry);
std::unique_ptr<lpu::VxmUnit> make_rtl_vxm(const lpu::Geometry& geometry);

// Fills the factories of `config` for the units whose impl is "rtl" ("tlm": left null, the C++
// unit). Throws std::invalid_argument on another impl name or an unsupported geometry.
void select_units(lpu::ChipConfig& config, const std::string& mxm_impl,
                  const std::string& vxm_impl);

// Test-only: corrupt bit 0 of byte 0 of every result the RTL unit of that kind delivers (MXM:
// ACC results, VXM: every result), to prove an equivalence check can fail.
enum class TestFault { none, mxm, vxm };
void set_test_fault(TestFault fault);

// Waveforms of every RTL unit built in this process, into a VCD file. Call during elaboration;
// the file opens at the start of simulation (Verilator needs elaboration done). Costs nothing
// unless called. Signals are sampled when SystemC time advances: once per LPU cycle (the RTL
// clock itself toggles within one time step and is not visible).
void request_vcd(const std::string& path);
// Flushes and closes the VCD file; call after the last sc_start() (SystemC keeps a pointer to
// the trace file, so simulating after it is not allowed).
void close_vcd();

}  // namespace nodevp::rtl
