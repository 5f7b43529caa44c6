// Flattened device tree of the host subsystem, built with libfdt's sequential-write API.
//
// The tree follows what OpenSBI's generic platform, U-Boot (qemu-riscv64_smode) and Linux expect
// from QEMU `virt`: /cpus with one cpu@N and its riscv,cpu-intc per hart, /memory, /soc with the
// CLINT, PLIC, ns16550a UART and sifive,test sysctl (plus syscon-poweroff/-reboot nodes), /aliases
// and /chosen (plus /config with U-Boot's bootdelay when asked). Addresses, sizes, IRQ numbers and
// device compatibles come from the node description (gen/node_map.hpp); the parameters below are
// what a configuration chooses.
//
// The accelerators are described under /soc for a driver's device discovery (no Linux binding
// exists): lpu@<window> with compatible "nodevp,lpu", reg = <register window>, <SRAM aperture
// (the chip's SRAM bytes)>, reg-names "regs", "sram", interrupts (PLIC); gpu@<bar0> with
// compatible "nodevp,gpu", reg = <BAR0>, <HBM aperture (the configured hbm_size)>, reg-names
// "bar0", "hbm", interrupts (PLIC).
//
// Not described: PMU, cache hierarchy, cpu-map, initrd, reserved memory. Phandles: hart h's intc is
// h + 1, the PLIC harts + 1, the sysctl harts + 2.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "gen/node_map.hpp"

namespace nodevp::boot {

struct DtbDevices {
    bool uart0 = true;
    bool sysctl = true;
};

struct DtbParams {
    unsigned harts = 1;
    unsigned xlen = 64;
    std::string isa = "rv64imac";  // riscv,isa; must start with "rv32" / "rv64" as xlen says
    std::string mmu_type;  // "riscv,sv32" (RV32), "riscv,sv39" / "riscv,sv48" (RV64), or empty
    std::uint64_t timebase_hz = gen::map::timebase_hz;
    std::uint64_t dram_base = gen::map::dram.base;
    std::uint64_t dram_size = 0;  // bytes; must be non-zero and inside the DRAM region
    std::uint32_t uart_clock_hz = 3686400;
    std::string bootargs;
    // Extra /chosen properties for the guest (e.g. the demo's nodevp,demo-prompt), in order.
    std::vector<std::pair<std::string, std::string>> chosen_strings;
    std::vector<std::pair<std::string, std::uint32_t>> chosen_u32;
    DtbDevices devices;
    unsigned lpus = 0;                // LPU devices, 0..map::lpu.count
    std::uint64_t lpu_sram_size = 0;  // SRAM bytes of each LPU (non-zero when lpus > 0)
    std::uint32_t lpu_clock_hz = 0;   // LPU chip clock (clock-frequency of each LPU; 0: none)
    std::uint64_t gpu_hbm_size = 0;   // HBM bytes of the GPU; 0: no GPU
    // U-Boot's /config/bootdelay (U-Boot reads it from its control DTB, over its environment):
    // -1 goes straight to the prompt, no autoboot. Empty: no /config node.
    std::optional<std::int32_t> uboot_bootdelay;
};

// The DTB blob (fdt_totalsize bytes). Throws std::invalid_argument on parameters the platform
// cannot describe (no harts, xlen/isa/mmu mismatch, DRAM outside its region, ...).
std::vector<std::uint8_t> build_dtb(const DtbParams& params);

// Absolute path of the console UART node in the tree build_dtb produces.
std::string dtb_uart_path();

}  // namespace nodevp::boot
