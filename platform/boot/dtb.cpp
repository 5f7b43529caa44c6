#include "platform/boot/dtb.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "gen/regs.hpp"
#include "platform/boot/fdt_writer.hpp"

namespace nodevp::boot {
namespace {

namespace map = gen::map;
namespace sysctl_regs = gen::regs::sysctl;

// Machine-mode and supervisor-mode interrupt causes (mip bits) wired to the CLINT and PLIC.
constexpr std::uint32_t kIrqMsoft = 3;
constexpr std::uint32_t kIrqMtimer = 7;
constexpr std::uint32_t kIrqSext = 9;
constexpr std::uint32_t kIrqMext = 11;

struct Phandles {
    unsigned harts;
    std::uint32_t intc(unsigned hart) const { return hart + 1; }
    std::uint32_t plic() const { return harts + 1; }
    std::uint32_t sysctl() const { return harts + 2; }
};

std::string node_name(std::string_view kind, std::uint64_t base) {
    return fmt::format("{}@{:x}", kind, base);
}

void fail(const std::string& what) {
    throw std::invalid_argument("device tree: " + what);
}

void validate(const DtbParams& p) {
    if (p.harts == 0 || p.harts > gen::regs::clint::MSIP_count) {
        fail(fmt::format("{} harts (1..{} supported)", p.harts, gen::regs::clint::MSIP_count));
    }
    if (p.xlen != 32 && p.xlen != 64) fail(fmt::format("xlen {} (32 or 64)", p.xlen));
    if (p.isa.rfind(fmt::format("rv{}", p.xlen), 0) != 0 || p.isa.size() < 5) {
        fail(fmt::format("ISA string '{}' does not start with rv{}<base>", p.isa, p.xlen));
    }
    const bool mmu_ok =
        p.mmu_type.empty() || (p.xlen == 32 && p.mmu_type == "riscv,sv32") ||
        (p.xlen == 64 && (p.mmu_type == "riscv,sv39" || p.mmu_type == "riscv,sv48"));
    if (!mmu_ok) fail(fmt::format("mmu-type '{}' for RV{}", p.mmu_type, p.xlen));
    if (p.timebase_hz == 0 || p.timebase_hz > 0xffffffffULL) {
        fail(fmt::format("timebase frequency {} Hz", p.timebase_hz));
    }
    const std::uint64_t dram_end = map::dram.base + map::dram.size;
    if (p.dram_size == 0 || p.dram_base < map::dram.base || p.dram_base >= dram_end ||
        p.dram_size > dram_end - p.dram_base) {
        fail(fmt::format("DRAM [{:#x}, +{:#x}) outside the DRAM region", p.dram_base, p.dram_size));
    }
    if (p.devices.uart0 && p.uart_clock_hz == 0) fail("UART clock of 0 Hz");
    if (p.lpus > map::lpu.count || p.lpus > map::lpu_sram.count)
        fail(fmt::format("{} LPUs (0..{} supported)", p.lpus, map::lpu.count));
    if (p.lpus > 0 && (p.lpu_sram_size == 0 || p.lpu_sram_size > map::lpu_sram.size))
        fail(
            fmt::format("LPU SRAM of {:#x} bytes (1..{:#x})", p.lpu_sram_size, map::lpu_sram.size));
    if (p.gpu_hbm_size > map::hbm.size)
        fail(fmt::format("GPU HBM of {:#x} bytes (at most {:#x})", p.gpu_hbm_size, map::hbm.size));
}

// "rv64imac_zicsr" -> base "rv64i" and extensions {"i", "m", "a", "c", "zicsr"}.
std::vector<std::string> isa_extensions(const std::string& isa) {
    std::vector<std::string> ext;
    std::size_t i = 4;
    for (; i < isa.size() && isa[i] != '_'; ++i) ext.emplace_back(1, isa[i]);
    while (i < isa.size()) {
        const std::size_t next = isa.find('_', i + 1);
        const std::string name = isa.substr(i + 1, next - i - 1);
        if (!name.empty()) ext.push_back(name);
        i = next == std::string::npos ? isa.size() : next;
    }
    return ext;
}

void write_cpu(FdtWriter& w, const DtbParams& p, unsigned hart, const Phandles& ph) {
    w.begin_node(fmt::format("cpu@{}", hart));
    w.prop_string("device_type", "cpu");
    w.prop_u32("reg", hart);
    w.prop_string("status", "okay");
    w.prop_strings("compatible", {"riscv"});
    w.prop_string("riscv,isa", p.isa);
    w.prop_string("riscv,isa-base", p.isa.substr(0, 4) + "i");
    w.prop_strings("riscv,isa-extensions", isa_extensions(p.isa));
    if (!p.mmu_type.empty()) w.prop_string("mmu-type", p.mmu_type);
    w.begin_node("interrupt-controller");
    w.prop_u32("#interrupt-cells", 1);
    w.prop_u32("#address-cells", 0);
    w.prop_empty("interrupt-controller");
    w.prop_strings("compatible", {"riscv,cpu-intc"});
    w.prop_u32("phandle", ph.intc(hart));
    w.end_node();
    w.end_node();
}

void write_cpus(FdtWriter& w, const DtbParams& p, const Phandles& ph) {
    w.begin_node("cpus");
    w.prop_u32("#address-cells", 1);
    w.prop_u32("#size-cells", 0);
    w.prop_u32("timebase-frequency", static_cast<std::uint32_t>(p.timebase_hz));
    for (unsigned h = 0; h < p.harts; ++h) write_cpu(w, p, h, ph);
    w.end_node();
}

void write_memory(FdtWriter& w, const DtbParams& p) {
    w.begin_node(node_name("memory", p.dram_base));
    w.prop_string("device_type", "memory");
    w.prop_reg64("reg", p.dram_base, p.dram_size);
    w.end_node();
}

// <intc(h) cause_a intc(h) cause_b> for every hart.
std::vector<std::uint32_t> per_hart_irqs(const Phandles& ph, std::uint32_t cause_a,
                                         std::uint32_t cause_b) {
    std::vector<std::uint32_t> cells;
    for (unsigned h = 0; h < ph.harts; ++h) {
        cells.insert(cells.end(), {ph.intc(h), cause_a, ph.intc(h), cause_b});
    }
    return cells;
}

void write_clint(FdtWriter& w, const Phandles& ph) {
    w.begin_node(node_name("clint", map::clint.base));
    w.prop_strings("compatible", map::clint.compatible);
    w.prop_reg64("reg", map::clint.base, map::clint.size);
    w.prop_cells("interrupts-extended", per_hart_irqs(ph, kIrqMsoft, kIrqMtimer));
    w.end_node();
}

// Context 2h is hart h's M mode, 2h + 1 its S mode, as the PLIC model numbers them.
void write_plic(FdtWriter& w, const Phandles& ph) {
    w.begin_node(node_name("plic", map::plic.base));
    w.prop_strings("compatible", map::plic.compatible);
    w.prop_reg64("reg", map::plic.base, map::plic.size);
    w.prop_cells("interrupts-extended", per_hart_irqs(ph, kIrqMext, kIrqSext));
    w.prop_u32("riscv,ndev", map::plic_sources);
    w.prop_empty("interrupt-controller");
    w.prop_u32("#interrupt-cells", 1);
    w.prop_u32("#address-cells", 0);
    w.prop_u32("phandle", ph.plic());
    w.end_node();
}

void write_uart(FdtWriter& w, const DtbParams& p, const Phandles& ph) {
    w.begin_node(node_name("serial", map::uart0.base));
    w.prop_strings("compatible", map::uart0.compatible);
    w.prop_reg64("reg", map::uart0.base, map::uart0.size);
    w.prop_u32("clock-frequency", p.uart_clock_hz);
    w.prop_u32("interrupt-parent", ph.plic());
    w.prop_u32("interrupts", static_cast<std::uint32_t>(map::uart0.irq));
    w.end_node();
}

void write_sysctl(FdtWriter& w, const Phandles& ph) {
    w.begin_node(node_name("test", map::sysctl.base));
    w.prop_strings("compatible", map::sysctl.compatible);
    w.prop_reg64("reg", map::sysctl.base, map::sysctl.size);
    w.prop_u32("phandle", ph.sysctl());
    w.end_node();
}

// Linux syscon-poweroff / syscon-reboot bindings: a 32-bit write of `value` to the sysctl.
void write_syscon_action(FdtWriter& w, const char* node, const char* compatible,
                         std::uint64_t value, const Phandles& ph) {
    w.begin_node(node);
    w.prop_strings("compatible", {compatible});
    w.prop_u32("regmap", ph.sysctl());
    w.prop_u32("offset", static_cast<std::uint32_t>(sysctl_regs::FINISHER));
    w.prop_u32("value", static_cast<std::uint32_t>(value));
    w.end_node();
}

// A device with two address ranges (#address-cells = #size-cells = 2 in /soc) and one PLIC source.
void write_accelerator(FdtWriter& w, const char* kind, const char* compatible, std::uint64_t base0,
                       std::uint64_t size0, std::uint64_t base1, std::uint64_t size1,
                       const std::vector<std::string>& reg_names, int irq, const Phandles& ph,
                       std::uint32_t clock_hz = 0) {
    w.begin_node(node_name(kind, base0));
    w.prop_strings("compatible", {compatible});
    const auto hi = [](std::uint64_t v) { return static_cast<std::uint32_t>(v >> 32); };
    const auto lo = [](std::uint64_t v) { return static_cast<std::uint32_t>(v); };
    w.prop_cells("reg", {hi(base0), lo(base0), hi(size0), lo(size0), hi(base1), lo(base1),
                         hi(size1), lo(size1)});
    w.prop_strings("reg-names", reg_names);
    w.prop_u32("interrupt-parent", ph.plic());
    w.prop_u32("interrupts", static_cast<std::uint32_t>(irq));
    if (clock_hz) w.prop_u32("clock-frequency", clock_hz);
    w.end_node();
}

void write_accelerators(FdtWriter& w, const DtbParams& p, const Phandles& ph) {
    if (p.gpu_hbm_size > 0)
        write_accelerator(w, "gpu", "nodevp,gpu", map::gpu.base, map::gpu.size, map::hbm.base,
                          p.gpu_hbm_size, {"bar0", "hbm"}, map::gpu.irq, ph);
    for (unsigned n = 0; n < p.lpus; ++n)
        write_accelerator(w, "lpu", "nodevp,lpu", map::lpu.base_of(n), map::lpu.size,
                          map::lpu_sram.base_of(n), p.lpu_sram_size, {"regs", "sram"},
                          map::lpu.irq_of(n), ph, p.lpu_clock_hz);
}

void write_soc(FdtWriter& w, const DtbParams& p, const Phandles& ph) {
    w.begin_node("soc");
    w.prop_u32("#address-cells", 2);
    w.prop_u32("#size-cells", 2);
    w.prop_strings("compatible", {"simple-bus"});
    w.prop_empty("ranges");
    if (p.devices.sysctl) write_sysctl(w, ph);
    write_clint(w, ph);
    write_plic(w, ph);
    if (p.devices.uart0) write_uart(w, p, ph);
    write_accelerators(w, p, ph);
    w.end_node();
}

void write_chosen(FdtWriter& w, const DtbParams& p) {
    if (p.devices.uart0) {
        w.begin_node("aliases");
        w.prop_string("serial0", dtb_uart_path());
        w.end_node();
    }
    w.begin_node("chosen");
    if (p.devices.uart0) w.prop_string("stdout-path", dtb_uart_path());
    if (!p.bootargs.empty()) w.prop_string("bootargs", p.bootargs);
    for (const auto& [name, value] : p.chosen_strings) w.prop_string(name.c_str(), value);
    for (const auto& [name, value] : p.chosen_u32) w.prop_u32(name.c_str(), value);
    w.end_node();
}

// U-Boot's control-DTB options (doc/device-tree-bindings/config.txt in U-Boot).
void write_uboot_config(FdtWriter& w, const DtbParams& p) {
    if (!p.uboot_bootdelay) return;
    w.begin_node("config");
    w.prop_u32("bootdelay", static_cast<std::uint32_t>(*p.uboot_bootdelay));
    w.end_node();
}

std::vector<std::uint8_t> write_tree(std::size_t capacity, const DtbParams& p) {
    const Phandles ph{p.harts};
    FdtWriter w(capacity);
    w.begin_node("");
    w.prop_u32("#address-cells", 2);
    w.prop_u32("#size-cells", 2);
    w.prop_strings("compatible", {"nodevp,node"});
    w.prop_string("model", "nodevp");
    write_chosen(w, p);
    write_uboot_config(w, p);
    write_cpus(w, p, ph);
    write_memory(w, p);
    write_soc(w, p, ph);
    if (p.devices.sysctl) {
        write_syscon_action(w, "poweroff", "syscon-poweroff", sysctl_regs::FINISHER_PASS, ph);
        write_syscon_action(w, "reboot", "syscon-reboot", sysctl_regs::FINISHER_RESET, ph);
    }
    w.end_node();
    return w.finish();
}

}  // namespace

std::string dtb_uart_path() {
    return "/soc/" + node_name("serial", map::uart0.base);
}

std::vector<std::uint8_t> build_dtb(const DtbParams& params) {
    validate(params);
    for (std::size_t capacity = 16 * 1024;; capacity *= 2) {
        try {
            return write_tree(capacity, params);
        } catch (const FdtWriter::NoSpace&) {
            if (capacity > (64u << 20)) throw std::logic_error("device tree larger than 64 MiB");
        }
    }
}

}  // namespace nodevp::boot
