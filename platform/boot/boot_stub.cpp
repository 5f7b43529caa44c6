#include "platform/boot/boot_stub.hpp"

#include <stdexcept>
#include <string>

namespace nodevp::boot {
namespace {

// Integer register numbers (RISC-V ABI names).
enum Reg : std::uint32_t { kZero = 0, kT0 = 5, kA0 = 10, kA1 = 11 };

// Major opcodes and funct3 values used by the stub.
constexpr std::uint32_t kOpLoad = 0x03;
constexpr std::uint32_t kOpAuipc = 0x17;
constexpr std::uint32_t kOpJalr = 0x67;
constexpr std::uint32_t kOpSystem = 0x73;
constexpr std::uint32_t kFunct3Lw = 2;
constexpr std::uint32_t kFunct3Ld = 3;
constexpr std::uint32_t kFunct3Csrrs = 2;
constexpr std::uint32_t kCsrMhartid = 0xf14;

constexpr unsigned kInsnCount = 5;

// field[11:0] | rs1 | funct3 | rd | opcode: the I-type layout, also used by CSR instructions.
std::uint32_t i_layout(std::uint32_t opcode, Reg rd, std::uint32_t funct3, Reg rs1,
                       std::uint32_t field12) {
    return (field12 & 0xfff) << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
}

// I-type with a signed 12-bit immediate.
std::uint32_t i_type(std::uint32_t opcode, Reg rd, std::uint32_t funct3, Reg rs1,
                     std::int32_t imm) {
    if (imm < -2048 || imm > 2047) throw std::logic_error("I-type immediate out of range");
    return i_layout(opcode, rd, funct3, rs1, static_cast<std::uint32_t>(imm));
}

// Zicsr instruction on an unsigned 12-bit CSR number.
std::uint32_t csr_type(Reg rd, std::uint32_t funct3, Reg rs1, std::uint32_t csr) {
    if (csr > 0xfff) throw std::logic_error("CSR number out of range");
    return i_layout(kOpSystem, rd, funct3, rs1, csr);
}

// imm[31:12] | rd | opcode. `imm20` is the upper 20 bits.
std::uint32_t u_type(std::uint32_t opcode, Reg rd, std::uint32_t imm20) {
    return (imm20 & 0xfffff) << 12 | rd << 7 | opcode;
}

void put_le(std::vector<std::uint8_t>& out, std::uint64_t offset, std::uint64_t value,
            unsigned bytes) {
    for (unsigned i = 0; i < bytes; ++i)
        out[offset + i] = static_cast<std::uint8_t>(value >> 8 * i);
}

void check_fits(unsigned xlen, std::uint64_t value, const char* what) {
    if (xlen == 32 && value > 0xffffffffULL) {
        throw std::invalid_argument(std::string("boot stub: ") + what +
                                    " does not fit in 32 bits for an RV32 hart");
    }
}

}  // namespace

BootStubLayout boot_stub_layout(unsigned xlen) {
    if (xlen != 32 && xlen != 64) {
        throw std::invalid_argument("boot stub: xlen must be 32 or 64, got " +
                                    std::to_string(xlen));
    }
    const std::uint64_t word = xlen / 8;
    const std::uint64_t code = kInsnCount * 4;
    const std::uint64_t data = (code + word - 1) / word * word;
    return {code, data, data + word, data + 2 * word};
}

std::vector<std::uint8_t> build_boot_stub(unsigned xlen, std::uint64_t entry,
                                          std::uint64_t dtb_addr) {
    const BootStubLayout layout = boot_stub_layout(xlen);
    check_fits(xlen, entry, "entry");
    check_fits(xlen, dtb_addr, "DTB address");
    const std::uint32_t load = xlen == 64 ? kFunct3Ld : kFunct3Lw;
    // Offsets are relative to t0 = address of the first instruction.
    const auto entry_off = static_cast<std::int32_t>(layout.entry_offset);
    const auto dtb_off = static_cast<std::int32_t>(layout.dtb_offset);
    const std::uint32_t code[kInsnCount] = {
        u_type(kOpAuipc, kT0, 0),
        csr_type(kA0, kFunct3Csrrs, kZero, kCsrMhartid),
        i_type(kOpLoad, kA1, load, kT0, dtb_off),
        i_type(kOpLoad, kT0, load, kT0, entry_off),
        i_type(kOpJalr, kZero, 0, kT0, 0),
    };
    std::vector<std::uint8_t> out(layout.size, 0);
    for (unsigned i = 0; i < kInsnCount; ++i) put_le(out, 4 * i, code[i], 4);
    put_le(out, layout.entry_offset, entry, xlen / 8);
    put_le(out, layout.dtb_offset, dtb_addr, xlen / 8);
    return out;
}

}  // namespace nodevp::boot
