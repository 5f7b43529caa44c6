#include "models/gpu/device/gsp_boot.hpp"

#include "gen/regs.hpp"

namespace nodevp::gpu {

namespace {

namespace regs = gen::regs::gpu;

// RV32I encodings used by the ROM (register numbers: t0 = 5, t1 = 6).
enum : std::uint32_t { kZero = 0, kT0 = 5, kT1 = 6 };
constexpr std::uint32_t kCsrMie = 0x304;
constexpr std::uint32_t kMsie = 1u << 3;
constexpr std::uint32_t kWfi = 0x10500073;

constexpr std::uint32_t u_lui(std::uint32_t rd, std::uint32_t upper) {
    return (upper & 0xfffff000u) | rd << 7 | 0x37u;
}
constexpr std::uint32_t i_form(std::uint32_t opcode, std::uint32_t f3, std::uint32_t rd,
                               std::uint32_t rs1, std::uint32_t imm12) {
    return (imm12 & 0xfffu) << 20 | rs1 << 15 | f3 << 12 | rd << 7 | opcode;
}
constexpr std::uint32_t csr_write(std::uint32_t csr, std::uint32_t rs1) {
    return i_form(0x73, 1, kZero, rs1, csr);  // csrrw x0, csr, rs1
}
// beq rs1, x0, offset: B-type with the offset's bits scattered as the ISA manual draws them.
constexpr std::uint32_t b_beqz(std::uint32_t rs1, std::int32_t offset) {
    const auto o = static_cast<std::uint32_t>(offset);
    const std::uint32_t imm = ((o >> 12) & 1u) << 31 | ((o >> 5) & 0x3fu) << 25 |
                              ((o >> 1) & 0xfu) << 8 | ((o >> 11) & 1u) << 7;
    return imm | rs1 << 15 | 0u << 12 | 0x63u;
}

}  // namespace

std::vector<std::uint32_t> gsp_boot_rom() {
    static_assert((regs::GSP_REGS_BASE & 0xfff) == 0 && (regs::GSP_IMEM_BASE & 0xfff) == 0,
                  "the boot ROM builds these bases with LUI alone");
    static_assert(regs::GSP_CONTROL < 2048 && regs::GSP_CONTROL_RUN < 2048,
                  "offset and mask must fit an I-type immediate");
    return {
        u_lui(kT0, regs::GSP_REGS_BASE),                   // t0 = registers
        i_form(0x13, 0, kT1, kZero, kMsie),                // t1 = MSIE
        csr_write(kCsrMie, kT1),                           // mie = MSIE
        kWfi,                                              // sleep:
        i_form(0x03, 2, kT1, kT0, regs::GSP_CONTROL),      // t1 = GSP_CONTROL
        i_form(0x13, 7, kT1, kT1, regs::GSP_CONTROL_RUN),  // t1 &= RUN
        b_beqz(kT1, -12),                                  // not yet: sleep
        csr_write(kCsrMie, kZero),                         // mie = 0
        u_lui(kT0, regs::GSP_IMEM_BASE),                   // t0 = IMEM
        i_form(0x67, 0, kZero, kT0, 0),                    // jr t0
    };
}

}  // namespace nodevp::gpu
