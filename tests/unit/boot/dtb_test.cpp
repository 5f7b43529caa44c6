// DtbTest: the generated device tree read back with libfdt and decompiled by dtc. Expected
// addresses, IRQs and frequencies are the values of SPEC section 3 and node.yaml, typed here as
// an independent check of the generator.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

extern "C" {
#include <libfdt.h>

#include "firmware/lib/dtb.h"
}

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "platform/boot/boot_rom.hpp"
#include "platform/boot/boot_stub.hpp"
#include "platform/boot/dtb.hpp"
#include "tests/unit/boot/run_tool.hpp"

namespace nodevp::boot {
namespace {

using ::testing::HasSubstr;

DtbParams params(unsigned harts) {
    DtbParams p;
    p.harts = harts;
    p.xlen = 64;
    p.isa = "rv64imac_zicsr_zifencei";
    p.mmu_type = "riscv,sv39";
    p.dram_size = 256ull << 20;
    p.uart_clock_hz = 3686400;
    p.bootargs = "console=ttyS0 earlycon";
    return p;
}

class Fdt {
  public:
    explicit Fdt(std::vector<std::uint8_t> blob) : blob_(std::move(blob)) {}
    const void* data() const { return blob_.data(); }
    const std::vector<std::uint8_t>& blob() const { return blob_; }

    int node(const std::string& path) const { return fdt_path_offset(data(), path.c_str()); }
    bool has_prop(const std::string& path, const char* name) const {
        int len = 0;
        return node(path) >= 0 && fdt_getprop(data(), node(path), name, &len) != nullptr;
    }
    // Raw property bytes; empty if absent.
    std::string raw(const std::string& path, const char* name) const {
        int len = 0;
        const void* p = node(path) >= 0 ? fdt_getprop(data(), node(path), name, &len) : nullptr;
        return p ? std::string(static_cast<const char*>(p), len) : std::string();
    }
    std::string str(const std::string& path, const char* name) const {
        const std::string r = raw(path, name);
        return r.empty() ? r : r.substr(0, r.size() - 1);
    }
    std::vector<std::uint32_t> cells(const std::string& path, const char* name) const {
        const std::string r = raw(path, name);
        std::vector<std::uint32_t> out;
        for (std::size_t i = 0; i + 4 <= r.size(); i += 4) {
            fdt32_t be;
            std::memcpy(&be, r.data() + i, 4);
            out.push_back(fdt32_to_cpu(be));
        }
        return out;
    }
    std::uint32_t phandle(const std::string& path) const {
        return fdt_get_phandle(data(), node(path));
    }

  private:
    std::vector<std::uint8_t> blob_;
};

std::string intc_path(unsigned hart) {
    return "/cpus/cpu@" + std::to_string(hart) + "/interrupt-controller";
}

void expect_cpus(const Fdt& fdt, unsigned harts) {
    EXPECT_EQ(fdt.cells("/cpus", "timebase-frequency"), std::vector<std::uint32_t>{10000000});
    for (unsigned h = 0; h < harts; ++h) {
        const std::string cpu = "/cpus/cpu@" + std::to_string(h);
        ASSERT_GE(fdt.node(cpu), 0) << cpu;
        EXPECT_EQ(fdt.cells(cpu, "reg"), std::vector<std::uint32_t>{h});
        EXPECT_EQ(fdt.str(cpu, "device_type"), "cpu");
        EXPECT_EQ(fdt.str(cpu, "compatible"), "riscv");
        EXPECT_EQ(fdt.str(cpu, "status"), "okay");
        EXPECT_EQ(fdt.str(cpu, "riscv,isa"), "rv64imac_zicsr_zifencei");
        EXPECT_EQ(fdt.str(cpu, "riscv,isa-base"), "rv64i");
        EXPECT_EQ(fdt.raw(cpu, "riscv,isa-extensions"),
                  std::string("i\0m\0a\0c\0zicsr\0zifencei\0", 23));
        EXPECT_EQ(fdt.str(cpu, "mmu-type"), "riscv,sv39");
        EXPECT_EQ(fdt.str(intc_path(h), "compatible"), "riscv,cpu-intc");
        EXPECT_EQ(fdt.cells(intc_path(h), "#interrupt-cells"), std::vector<std::uint32_t>{1});
        EXPECT_TRUE(fdt.has_prop(intc_path(h), "interrupt-controller"));
        EXPECT_NE(fdt.phandle(intc_path(h)), 0u);
    }
    EXPECT_LT(fdt.node("/cpus/cpu@" + std::to_string(harts)), 0);
}

// <intc(h) a intc(h) b> for each hart, with phandles as the tree itself assigns them.
std::vector<std::uint32_t> expected_irqs(const Fdt& fdt, unsigned harts, std::uint32_t a,
                                         std::uint32_t b) {
    std::vector<std::uint32_t> v;
    for (unsigned h = 0; h < harts; ++h) {
        const std::uint32_t ph = fdt.phandle(intc_path(h));
        v.insert(v.end(), {ph, a, ph, b});
    }
    return v;
}

void expect_interrupt_controllers(const Fdt& fdt, unsigned harts) {
    const std::string clint = "/soc/clint@2000000";
    EXPECT_EQ(fdt.raw(clint, "compatible"), std::string("sifive,clint0\0riscv,clint0\0", 27));
    EXPECT_EQ(fdt.cells(clint, "reg"), (std::vector<std::uint32_t>{0, 0x2000000, 0, 0x10000}));
    EXPECT_EQ(fdt.cells(clint, "interrupts-extended"), expected_irqs(fdt, harts, 3, 7));

    const std::string plic = "/soc/plic@c000000";
    EXPECT_THAT(fdt.raw(plic, "compatible"), HasSubstr("sifive,plic-1.0.0"));
    EXPECT_EQ(fdt.cells(plic, "reg"), (std::vector<std::uint32_t>{0, 0xc000000, 0, 0x4000000}));
    EXPECT_EQ(fdt.cells(plic, "interrupts-extended"), expected_irqs(fdt, harts, 11, 9));
    EXPECT_EQ(fdt.cells(plic, "riscv,ndev"), std::vector<std::uint32_t>{63});
    EXPECT_TRUE(fdt.has_prop(plic, "interrupt-controller"));
    EXPECT_EQ(fdt.cells(plic, "#interrupt-cells"), std::vector<std::uint32_t>{1});
    EXPECT_EQ(fdt.cells(plic, "#address-cells"), std::vector<std::uint32_t>{0});
}

void expect_devices(const Fdt& fdt) {
    EXPECT_EQ(fdt.cells("/memory@80000000", "reg"),
              (std::vector<std::uint32_t>{0, 0x80000000, 0, 0x10000000}));
    EXPECT_EQ(fdt.str("/memory@80000000", "device_type"), "memory");
    EXPECT_EQ(fdt.str("/soc", "compatible"), "simple-bus");
    EXPECT_EQ(fdt.cells("/soc", "#address-cells"), std::vector<std::uint32_t>{2});
    EXPECT_TRUE(fdt.has_prop("/soc", "ranges"));

    const std::string uart = "/soc/serial@10000000";
    EXPECT_EQ(fdt.str(uart, "compatible"), "ns16550a");
    EXPECT_EQ(fdt.cells(uart, "reg"), (std::vector<std::uint32_t>{0, 0x10000000, 0, 0x100}));
    EXPECT_EQ(fdt.cells(uart, "clock-frequency"), std::vector<std::uint32_t>{3686400});
    EXPECT_EQ(fdt.cells(uart, "interrupts"), std::vector<std::uint32_t>{10});
    EXPECT_EQ(fdt.cells(uart, "interrupt-parent"),
              std::vector<std::uint32_t>{fdt.phandle("/soc/plic@c000000")});

    const std::string test = "/soc/test@100000";
    EXPECT_EQ(fdt.raw(test, "compatible"), std::string("sifive,test1\0sifive,test0\0syscon\0", 33));
    EXPECT_EQ(fdt.cells(test, "reg"), (std::vector<std::uint32_t>{0, 0x100000, 0, 0x1000}));
    const std::uint32_t test_ph = fdt.phandle(test);
    EXPECT_NE(test_ph, 0u);
    EXPECT_EQ(fdt.str("/poweroff", "compatible"), "syscon-poweroff");
    EXPECT_EQ(fdt.cells("/poweroff", "regmap"), std::vector<std::uint32_t>{test_ph});
    EXPECT_EQ(fdt.cells("/poweroff", "offset"), std::vector<std::uint32_t>{0});
    EXPECT_EQ(fdt.cells("/poweroff", "value"), std::vector<std::uint32_t>{0x5555});
    EXPECT_EQ(fdt.str("/reboot", "compatible"), "syscon-reboot");
    EXPECT_EQ(fdt.cells("/reboot", "value"), std::vector<std::uint32_t>{0x7777});

    EXPECT_EQ(fdt.str("/chosen", "stdout-path"), "/soc/serial@10000000");
    EXPECT_EQ(fdt.str("/chosen", "bootargs"), "console=ttyS0 earlycon");
}

void expect_tree(unsigned harts) {
    const Fdt fdt(build_dtb(params(harts)));
    ASSERT_EQ(fdt_check_header(fdt.data()), 0);
    EXPECT_EQ(fdt_totalsize(fdt.data()), fdt.blob().size());
    EXPECT_EQ(fdt.cells("/", "#address-cells"), std::vector<std::uint32_t>{2});
    expect_cpus(fdt, harts);
    expect_interrupt_controllers(fdt, harts);
    expect_devices(fdt);
}

TEST(DtbTest, DescribesTwoHartNode) {
    expect_tree(2);
}

TEST(DtbTest, DescribesEightHartNode) {
    expect_tree(8);
}

TEST(DtbTest, PhandlesAreUnique) {
    const Fdt fdt(build_dtb(params(8)));
    std::vector<std::uint32_t> seen;
    for (int n = fdt_next_node(fdt.data(), -1, nullptr); n >= 0;
         n = fdt_next_node(fdt.data(), n, nullptr)) {
        const std::uint32_t ph = fdt_get_phandle(fdt.data(), n);
        if (ph == 0) continue;
        EXPECT_EQ(std::count(seen.begin(), seen.end(), ph), 0) << "phandle " << ph;
        seen.push_back(ph);
    }
    EXPECT_EQ(seen.size(), 8u + 2u);  // 8 intcs, PLIC, sysctl
}

TEST(DtbTest, OmitsAbsentOptionalDevices) {
    DtbParams p = params(1);
    p.devices.uart0 = false;
    p.devices.sysctl = false;
    p.mmu_type.clear();
    p.bootargs.clear();
    const Fdt fdt(build_dtb(p));
    EXPECT_LT(fdt.node("/soc/serial@10000000"), 0);
    EXPECT_LT(fdt.node("/soc/test@100000"), 0);
    EXPECT_LT(fdt.node("/poweroff"), 0);
    EXPECT_FALSE(fdt.has_prop("/chosen", "stdout-path"));
    EXPECT_FALSE(fdt.has_prop("/chosen", "bootargs"));
    EXPECT_FALSE(fdt.has_prop("/cpus/cpu@0", "mmu-type"));
    EXPECT_GE(fdt.node("/soc/plic@c000000"), 0);
}

// U-Boot reads /config/bootdelay from its control DTB (U-Boot's doc/device-tree-bindings/
// config.txt); -1 is 0xffffffff as a big-endian cell.
TEST(DtbTest, UbootBootdelayGoesToTheConfigNodeOnlyWhenAsked) {
    DtbParams p = params(1);
    EXPECT_LT(Fdt(build_dtb(p)).node("/config"), 0);
    p.uboot_bootdelay = -1;
    const Fdt fdt(build_dtb(p));
    EXPECT_EQ(fdt.raw("/config", "bootdelay"), std::string("\xff\xff\xff\xff", 4));
}

// The default node's accelerators: 2 LPUs (SRAM 1 MiB each) and a GPU with 1 GiB of HBM. The
// windows, apertures and PLIC sources are SPEC section 3's (node.yaml), typed here.
DtbParams accelerator_params() {
    DtbParams p = params(2);
    p.lpus = 2;
    p.lpu_sram_size = 0x100000;
    p.gpu_hbm_size = 1ull << 30;
    return p;
}

TEST(DtbTest, DescribesLpusAndGpuForDiscovery) {
    const Fdt fdt(build_dtb(accelerator_params()));
    const std::uint32_t plic = fdt.phandle("/soc/plic@c000000");
    const std::string gpu = "/soc/gpu@20000000";
    EXPECT_EQ(fdt.str(gpu, "compatible"), "nodevp,gpu");
    EXPECT_EQ(fdt.cells(gpu, "reg"),
              (std::vector<std::uint32_t>{0, 0x20000000, 0, 0x1000000, 0x40, 0, 0x0, 0x40000000}));
    EXPECT_EQ(fdt.raw(gpu, "reg-names"), std::string("bar0\0hbm\0", 9));
    EXPECT_EQ(fdt.cells(gpu, "interrupts"), std::vector<std::uint32_t>{32});
    EXPECT_EQ(fdt.cells(gpu, "interrupt-parent"), std::vector<std::uint32_t>{plic});
    const std::string lpu0 = "/soc/lpu@21000000", lpu1 = "/soc/lpu@22000000";
    EXPECT_EQ(fdt.str(lpu0, "compatible"), "nodevp,lpu");
    EXPECT_EQ(fdt.cells(lpu0, "reg"),
              (std::vector<std::uint32_t>{0, 0x21000000, 0, 0x1000000, 0x80, 0, 0, 0x100000}));
    EXPECT_EQ(fdt.raw(lpu0, "reg-names"), std::string("regs\0sram\0", 10));
    EXPECT_EQ(fdt.cells(lpu0, "interrupts"), std::vector<std::uint32_t>{40});
    EXPECT_EQ(fdt.cells(lpu0, "interrupt-parent"), std::vector<std::uint32_t>{plic});
    EXPECT_EQ(fdt.cells(lpu1, "reg"),
              (std::vector<std::uint32_t>{0, 0x22000000, 0, 0x1000000, 0x81, 0, 0, 0x100000}));
    EXPECT_EQ(fdt.cells(lpu1, "interrupts"), std::vector<std::uint32_t>{42});
    EXPECT_LT(fdt.node("/soc/lpu@23000000"), 0);
}

TEST(DtbTest, GuestReaderFindsAcceleratorsByCompatible) {
    const std::vector<std::uint8_t> blob = build_dtb(accelerator_params());
    EXPECT_EQ(dtb_count_cpus(blob.data()), 2u);
    EXPECT_EQ(dtb_count_compatible(blob.data(), "nodevp,lpu"), 2u);
    EXPECT_EQ(dtb_count_compatible(blob.data(), "nodevp,gpu"), 1u);
    EXPECT_EQ(dtb_count_compatible(blob.data(), "nodevp"), 0u);
    EXPECT_EQ(dtb_count_compatible(blob.data(), "ns16550a"), 1u);
    dtb_device dev{};
    ASSERT_EQ(dtb_find_compatible(blob.data(), "nodevp,lpu", 1, &dev), 1);
    EXPECT_EQ(dev.regs, 2u);
    EXPECT_EQ(dev.reg[0].base, 0x22000000u);
    EXPECT_EQ(dev.reg[0].size, 0x1000000u);
    EXPECT_EQ(dev.reg[1].base, 0x8100000000u);
    EXPECT_EQ(dev.reg[1].size, 0x100000u);
    EXPECT_EQ(dev.irq, 42u);
    ASSERT_EQ(dtb_find_compatible(blob.data(), "nodevp,gpu", 0, &dev), 1);
    EXPECT_EQ(dev.reg[0].base, 0x20000000u);
    EXPECT_EQ(dev.reg[1].base, 0x4000000000u);
    EXPECT_EQ(dev.reg[1].size, 1ull << 30);
    EXPECT_EQ(dev.irq, 32u);
    EXPECT_EQ(dtb_find_compatible(blob.data(), "nodevp,gpu", 1, &dev), 0);
    std::vector<std::uint8_t> bad = blob;
    bad[0] ^= 1;  // magic
    EXPECT_EQ(dtb_find_compatible(bad.data(), "nodevp,gpu", 0, &dev), 0);
}

TEST(DtbTest, OmitsAcceleratorsTheNodeDoesNotHave) {
    const Fdt fdt(build_dtb(params(1)));
    EXPECT_LT(fdt.node("/soc/gpu@20000000"), 0);
    EXPECT_LT(fdt.node("/soc/lpu@21000000"), 0);
}

TEST(DtbTest, RejectsAcceleratorsItCannotDescribe) {
    DtbParams p = accelerator_params();
    p.lpus = 9;
    EXPECT_THROW(build_dtb(p), std::invalid_argument);
    p = accelerator_params();
    p.lpu_sram_size = 0;
    EXPECT_THROW(build_dtb(p), std::invalid_argument);
    p = accelerator_params();
    p.gpu_hbm_size = 0x4000000001ull;  // beyond the hbm region
    EXPECT_THROW(build_dtb(p), std::invalid_argument);
}

TEST(DtbTest, DescribesRv32Hart) {
    DtbParams p = params(1);
    p.xlen = 32;
    p.isa = "rv32imac";
    p.mmu_type = "riscv,sv32";
    const Fdt fdt(build_dtb(p));
    EXPECT_EQ(fdt.str("/cpus/cpu@0", "riscv,isa-base"), "rv32i");
    EXPECT_EQ(fdt.raw("/cpus/cpu@0", "riscv,isa-extensions"), std::string("i\0m\0a\0c\0", 8));
}

TEST(DtbTest, RejectsParametersItCannotDescribe) {
    DtbParams p = params(0);
    EXPECT_THROW(build_dtb(p), std::invalid_argument);
    p = params(1);
    p.isa = "rv32imac";  // xlen is 64
    EXPECT_THROW(build_dtb(p), std::invalid_argument);
    p = params(1);
    p.xlen = 32;
    p.isa = "rv32imac";  // sv39 needs RV64
    EXPECT_THROW(build_dtb(p), std::invalid_argument);
    p = params(1);
    p.dram_size = 0;
    EXPECT_THROW(build_dtb(p), std::invalid_argument);
    p = params(1);
    p.dram_base = 0x1000;  // the boot ROM, not DRAM
    EXPECT_THROW(build_dtb(p), std::invalid_argument);
}

TEST(DtbTest, DecompilesWithDtcWithoutWarnings) {
    const std::string dtc = NODEVP_DTC;
    if (dtc.empty() || dtc.find("NOTFOUND") != std::string::npos) {
        FAIL() << "dtc not found: install device-tree-compiler";
    }
    const std::string in = ::testing::TempDir() + "nodevp_8harts.dtb";
    DtbParams p = accelerator_params();
    p.harts = 8;
    test::write_file(in, build_dtb(p));
    const test::ToolResult r = test::run_tool(dtc + " -I dtb -O dts " + in);
    ASSERT_EQ(r.status, 0) << r.output;
    EXPECT_THAT(r.output, Not(HasSubstr("Warning"))) << r.output;
    EXPECT_THAT(r.output, Not(HasSubstr("ERROR"))) << r.output;
    EXPECT_THAT(r.output, HasSubstr("cpu@7 {"));
    EXPECT_THAT(r.output, HasSubstr("compatible = \"ns16550a\";"));
    EXPECT_THAT(r.output, HasSubstr("lpu@22000000 {"));
    EXPECT_THAT(r.output, HasSubstr("compatible = \"nodevp,gpu\";"));
}

TEST(BootRomTest, StubAtResetVectorPointsAtAlignedDtbInRom) {
    const BootRom rom = build_boot_rom(64, 0x80000000, params(4));
    EXPECT_EQ(rom.base, 0x1000u);  // SPEC section 3: reset vector 0x1000
    const auto stub = build_boot_stub(64, 0x80000000, rom.dtb_addr);
    ASSERT_GE(rom.bytes.size(), stub.size());
    EXPECT_TRUE(std::equal(stub.begin(), stub.end(), rom.bytes.begin()));
    EXPECT_EQ(rom.dtb_addr % 8, 0u);
    const std::uint64_t off = rom.dtb_addr - rom.base;
    ASSERT_LT(off, rom.bytes.size());
    const void* tree = rom.bytes.data() + off;
    ASSERT_EQ(fdt_check_header(tree), 0);
    EXPECT_EQ(off + fdt_totalsize(tree), rom.bytes.size());
    EXPECT_LE(rom.bytes.size(), 0x10000u);  // 64 KiB ROM
    EXPECT_GE(fdt_path_offset(tree, "/cpus/cpu@3"), 0);
}

TEST(BootRomTest, RejectsTreeLargerThanRom) {
    DtbParams p = params(1);
    p.bootargs.assign(70000, 'x');
    EXPECT_THROW(build_boot_rom(64, 0x80000000, p), std::invalid_argument);
}

}  // namespace
}  // namespace nodevp::boot
