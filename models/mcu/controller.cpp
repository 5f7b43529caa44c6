#include "models/mcu/controller.hpp"

#include <cstring>
#include <stdexcept>

namespace nodevp::mcu {

namespace {

constexpr std::uint32_t kZero = 0, kT0 = 5, kT1 = 6;
constexpr std::uint32_t kCsrMie = 0x304;
constexpr std::uint32_t kMieMsie = 1u << 3;
constexpr std::uint32_t kWfi = 0x10500073;

std::uint32_t lui(std::uint32_t rd, std::uint64_t value) {
    return (static_cast<std::uint32_t>(value) & 0xfffff000u) | rd << 7 | 0x37;
}
std::uint32_t i_type(std::uint32_t opcode, std::uint32_t funct3, std::uint32_t rd,
                     std::uint32_t rs1, std::int32_t imm) {
    return static_cast<std::uint32_t>(imm) << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
}
std::uint32_t csrw(std::uint32_t csr, std::uint32_t rs1) {
    return csr << 20 | rs1 << 15 | 1u << 12 | 0x73;  // csrrw x0, csr, rs1
}
// beq rs1, x0, offset (offset even, within +-4 KiB).
std::uint32_t beqz(std::uint32_t rs1, std::int32_t offset) {
    const auto o = static_cast<std::uint32_t>(offset);
    return ((o >> 12) & 1) << 31 | ((o >> 5) & 0x3f) << 25 | rs1 << 15 | ((o >> 1) & 0xf) << 8 |
           ((o >> 11) & 1) << 7 | 0x63;
}

}  // namespace

std::vector<std::uint32_t> wait_for_run_boot_rom(std::uint64_t run_register, std::uint32_t run_mask,
                                                 std::uint64_t imem_base) {
    const std::uint64_t page = run_register & ~std::uint64_t{0xfff};
    const std::uint64_t offset = run_register & 0xfff;
    if ((imem_base & 0xfff) != 0 || imem_base >> 32 || page >> 32 || offset >= 2048 ||
        run_mask >= 2048 || run_mask == 0)
        throw std::invalid_argument(
            "controller boot ROM: bases must be 4 KiB aligned 32-bit "
            "addresses, the run register offset and mask below 2048");
    return {
        lui(kT0, page),                                                  // t0 = register page
        i_type(0x13, 0, kT1, kZero, kMieMsie),                           // t1 = MSIE
        csrw(kCsrMie, kT1),                                              // mie = MSIE
        kWfi,                                                            // sleep:
        i_type(0x03, 2, kT1, kT0, static_cast<std::int32_t>(offset)),    // t1 = run register
        i_type(0x13, 7, kT1, kT1, static_cast<std::int32_t>(run_mask)),  // t1 &= run bit
        beqz(kT1, -12),                                                  // not yet: sleep
        csrw(kCsrMie, kZero),                                            // mie = 0
        lui(kT0, imem_base),                                             // t0 = IMEM
        i_type(0x67, 0, kZero, kT0, 0),                                  // jr t0
    };
}

Controller::Controller(const Layout& layout, log::Logger log, std::function<bool()> imem_locked)
    : layout_(layout), log_(std::move(log)), imem_locked_(std::move(imem_locked)) {
    const auto mem = [&](const char* what, std::uint64_t size, bool ro) {
        return std::make_unique<Memory>(
            (layout.prefix + what).c_str(),
            Memory::Params{size, sc_core::SC_ZERO_TIME, sc_core::SC_ZERO_TIME, ro});
    };
    const std::vector<std::uint32_t> rom =
        wait_for_run_boot_rom(layout.run_register, layout.run_mask, layout.imem_base);
    bus_ = std::make_unique<Router>((layout.prefix + "bus").c_str());
    bootrom_ = mem("bootrom", 4096, true);
    bootrom_->load(0, rom.data(), rom.size() * sizeof(std::uint32_t));
    imem_ = mem("imem", layout.imem_size, false);
    dmem_ = mem("dmem", layout.dmem_size, false);
    bus_->map(bootrom_->tsock, layout.bootrom_base, bootrom_->size(), "bootrom");
    bus_->map(imem_->tsock, layout.imem_base, layout.imem_size, "imem");
    bus_->map(dmem_->tsock, layout.dmem_base, layout.dmem_size, "dmem");

    cpu::HartConfig hc;
    hc.xlen = 32;
    hc.extensions = "imac";
    hc.supervisor = false;
    hc.user = false;
    hc.reset_pc = layout.bootrom_base;
    hc.clock_period = layout.clock;
    hart_ = cpu::Hart::create(layout.hart.c_str(), hc);
    hart_->isock.bind(bus_->tsock);
    meip.bind(*hart_, cpu::kIrqMeip);
    msip.bind(*hart_, cpu::kIrqMsip);
    hart_->set_halt_handler([this](cpu::Hart& h, const std::string& reason) {
        log_->error("{} stopped at pc {:#x}: {}", layout_.label, h.pc(), reason);
    });
}

Controller::~Controller() = default;

void Controller::load_imem(std::uint64_t offset, const void* data, std::uint64_t length) {
    imem_->load(offset, data, length);
}

bool Controller::verify_firmware(RegisterBank& regs,
                                 const std::optional<Sha256Digest>& provisioned) {
    const BootCheck c =
        check_boot_image(imem_->data(), imem_->size(), regs.at("FW_SIZE").value(), provisioned);
    regs.at("BOOT_STATUS").set(static_cast<std::uint32_t>(c.status));
    for (unsigned i = 0; i < c.digest.size() / 4; ++i)
        regs.at("FW_DIGEST" + std::to_string(i))
            .set(std::uint32_t{c.digest[4 * i]} << 24 | std::uint32_t{c.digest[4 * i + 1]} << 16 |
                 std::uint32_t{c.digest[4 * i + 2]} << 8 | c.digest[4 * i + 3]);
    if (!c.released()) {
        log_->error("{}", c.message);
        return false;
    }
    if (c.status == BootStatus::ok)
        log_->info("{}", c.message);
    else
        log_->debug("{}", c.message);
    return true;
}

bool Controller::host_access(tlm::tlm_generic_payload& gp, bool debug) {
    const std::uint64_t addr = gp.get_address();
    const std::uint64_t len = gp.get_data_length();
    Memory* mem = nullptr;
    std::uint64_t offset = 0;
    if (addr >= layout_.host_imem_offset && addr - layout_.host_imem_offset < layout_.imem_size) {
        mem = imem_.get();
        offset = addr - layout_.host_imem_offset;
    } else if (addr >= layout_.host_dmem_offset &&
               addr - layout_.host_dmem_offset < layout_.dmem_size) {
        mem = dmem_.get();
        offset = addr - layout_.host_dmem_offset;
    }
    if (!mem || len > mem->size() - offset || gp.get_byte_enable_ptr()) return false;
    if (gp.is_write() && mem == imem_.get() && !debug && imem_locked_ && imem_locked_()) {
        log_->warn("IMEM write at {:#x} refused: the {} is running", offset, layout_.label);
        gp.set_response_status(tlm::TLM_COMMAND_ERROR_RESPONSE);
        return true;
    }
    if (gp.is_write())
        std::memcpy(mem->data(offset), gp.get_data_ptr(), len);
    else
        std::memcpy(gp.get_data_ptr(), mem->data(offset), len);
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
    return true;
}

}  // namespace nodevp::mcu
