#include "models/lpu/device/dmc_boot.hpp"

#include "gen/regs.hpp"

namespace nodevp::lpu {

namespace {

namespace regs = gen::regs::lpu;

constexpr std::uint32_t kT0 = 5, kT1 = 6, kT2 = 7, kT3 = 28;
constexpr std::uint32_t kCsrMie = 0x304;
constexpr std::uint32_t kMieMsie = 1u << 3;

std::uint32_t lui(std::uint32_t rd, std::uint32_t value) {
    return (value & 0xfffff000u) | rd << 7 | 0x37;
}
std::uint32_t i_type(std::uint32_t opcode, std::uint32_t funct3, std::uint32_t rd,
                     std::uint32_t rs1, std::int32_t imm) {
    return static_cast<std::uint32_t>(imm) << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
}
std::uint32_t addi(std::uint32_t rd, std::uint32_t rs1, std::int32_t imm) {
    return i_type(0x13, 0, rd, rs1, imm);
}
std::uint32_t andi(std::uint32_t rd, std::uint32_t rs1, std::int32_t imm) {
    return i_type(0x13, 7, rd, rs1, imm);
}
std::uint32_t lw(std::uint32_t rd, std::uint32_t rs1, std::int32_t imm) {
    return i_type(0x03, 2, rd, rs1, imm);
}
std::uint32_t csrw(std::uint32_t csr, std::uint32_t rs1) {
    return csr << 20 | rs1 << 15 | 1u << 12 | 0x73;  // csrrw x0, csr, rs1
}
std::uint32_t jr(std::uint32_t rs1) {
    return i_type(0x67, 0, 0, rs1, 0);
}
constexpr std::uint32_t kWfi = 0x10500073;
// beq rs1, x0, offset (offset even, within +-4 KiB).
std::uint32_t beqz(std::uint32_t rs1, std::int32_t offset) {
    const auto o = static_cast<std::uint32_t>(offset);
    return ((o >> 12) & 1) << 31 | ((o >> 5) & 0x3f) << 25 | rs1 << 15 | ((o >> 1) & 0xf) << 8 |
           ((o >> 11) & 1) << 7 | 0x63;
}

}  // namespace

std::vector<std::uint32_t> dmc_boot_rom() {
    static_assert((regs::DMC_REGS_BASE & 0xfff) == 0 && (regs::DMC_IMEM_BASE & 0xfff) == 0,
                  "the boot ROM loads these bases with LUI alone");
    static_assert(regs::CONTROL < 2048 && regs::CONTROL_DMC_RUN < 2048);
    return {
        lui(kT0, regs::DMC_REGS_BASE),
        addi(kT1, 0, kMieMsie),
        csrw(kCsrMie, kT1),
        kWfi,  // +12: wait
        lw(kT2, kT0, static_cast<std::int32_t>(regs::CONTROL)),
        andi(kT2, kT2, static_cast<std::int32_t>(regs::CONTROL_DMC_RUN)),
        beqz(kT2, -12),
        csrw(kCsrMie, 0),
        lui(kT3, regs::DMC_IMEM_BASE),
        jr(kT3),
    };
}

}  // namespace nodevp::lpu
