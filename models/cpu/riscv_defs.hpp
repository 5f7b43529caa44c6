// Architectural constants of the RISC-V privileged spec used by the ISS.
#pragma once

#include <cstdint>

namespace nodevp::cpu {

enum Priv : unsigned { kPrivU = 0, kPrivS = 1, kPrivM = 3 };

// Exception codes (mcause without the interrupt bit).
enum Cause : std::uint64_t {
    kInsnMisaligned = 0,
    kInsnAccessFault = 1,
    kIllegalInsn = 2,
    kBreakpoint = 3,
    kLoadMisaligned = 4,
    kLoadAccessFault = 5,
    kStoreMisaligned = 6,  // also AMOs
    kStoreAccessFault = 7,
    kEcallFromU = 8,  // + privilege: 9 from S, 11 from M
};
// Internal marker of an interrupt cause (moved to bit XLEN-1 when written to xcause).
inline constexpr std::uint64_t kInterruptFlag = 1ULL << 63;

namespace mstatus {
inline constexpr std::uint64_t kSie = 1 << 1, kMie = 1 << 3, kSpie = 1 << 5, kMpie = 1 << 7,
                               kSpp = 1 << 8, kMpp = 3 << 11, kMprv = 1 << 17, kSum = 1 << 18,
                               kMxr = 1 << 19, kTvm = 1 << 20, kTw = 1 << 21, kTsr = 1 << 22;
// FS (floating-point state): 0 Off, 1 Initial, 2 Clean, 3 Dirty. SD (bit XLEN-1) reads as FS == 3.
inline constexpr std::uint64_t kFs = 3 << 13, kFsDirty = 3 << 13;
inline constexpr unsigned kMppShift = 11, kSppShift = 8;
inline constexpr std::uint64_t kUxl64 = 2ULL << 32, kSxl64 = 2ULL << 34;
}  // namespace mstatus

// Interrupt bits of mip/mie.
inline constexpr std::uint64_t kSsip = 1 << 1, kMsip = 1 << 3, kStip = 1 << 5, kMtip = 1 << 7,
                               kSeip = 1 << 9, kMeip = 1 << 11;
inline constexpr std::uint64_t kSupervisorInterrupts = kSsip | kStip | kSeip;
inline constexpr std::uint64_t kAllInterrupts = kSupervisorInterrupts | kMsip | kMtip | kMeip;
// medeleg bits that may be set: every exception except ecall from M and the reserved codes.
inline constexpr std::uint64_t kDelegableExceptions = 0xb3ff;

namespace csr {
enum : unsigned {
    kFflags = 0x001,
    kFrm = 0x002,
    kFcsr = 0x003,
    kSstatus = 0x100,
    kSie = 0x104,
    kStvec = 0x105,
    kScounteren = 0x106,
    kSenvcfg = 0x10a,
    kSscratch = 0x140,
    kSepc = 0x141,
    kScause = 0x142,
    kStval = 0x143,
    kSip = 0x144,
    kSatp = 0x180,
    kMstatus = 0x300,
    kMisa = 0x301,
    kMedeleg = 0x302,
    kMideleg = 0x303,
    kMie = 0x304,
    kMtvec = 0x305,
    kMcounteren = 0x306,
    kMenvcfg = 0x30a,
    kMstatush = 0x310,
    kMenvcfgh = 0x31a,
    kMcountinhibit = 0x320,
    kMhpmevent3 = 0x323,
    kMhpmevent31 = 0x33f,
    kMscratch = 0x340,
    kMepc = 0x341,
    kMcause = 0x342,
    kMtval = 0x343,
    kMip = 0x344,
    kPmpcfg0 = 0x3a0,
    kPmpcfg15 = 0x3af,
    kPmpaddr0 = 0x3b0,
    kPmpaddr63 = 0x3ef,
    kMcycle = 0xb00,
    kMinstret = 0xb02,
    kMhpmcounter3 = 0xb03,
    kMhpmcounter31 = 0xb1f,
    kMcycleh = 0xb80,
    kMinstreth = 0xb82,
    kMhpmcounter3h = 0xb83,
    kMhpmcounter31h = 0xb9f,
    kCycle = 0xc00,
    kTime = 0xc01,
    kInstret = 0xc02,
    kHpmcounter31 = 0xc1f,
    kCycleh = 0xc80,
    kTimeh = 0xc81,
    kInstreth = 0xc82,
    kHpmcounter31h = 0xc9f,
    kMvendorid = 0xf11,
    kMarchid = 0xf12,
    kMimpid = 0xf13,
    kMhartid = 0xf14,
    kMconfigptr = 0xf15,
};
}  // namespace csr

}  // namespace nodevp::cpu
