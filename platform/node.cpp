#include "platform/node.hpp"

#include <cstring>
#include <sstream>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

#include "gen/node_map.hpp"
#include "gen/regs.hpp"
#include "platform/boot/boot_image.hpp"
#include "platform/boot/boot_rom.hpp"
#include "platform/firmware_digest.hpp"
#ifdef NODEVP_HAVE_RTL
#include "rtl/lpu/wrap/rtl_units.hpp"
#endif

namespace nodevp::platform {

namespace map = gen::map;

namespace {

constexpr unsigned kMaxHarts = 64;

}  // namespace

Node::Node(const sc_core::sc_module_name& name, const Config& config, const BootSet& boot)
    : sc_module(name), log_(log::get(this->name())), bus_("bus") {
    const boot::ElfImage* image = boot.guest;
    const std::string xlen = config.string("host.xlen");
    if (xlen == "auto")
        xlen_ = image ? image->xlen : 64;
    else if (xlen == "32" || xlen == "64")
        xlen_ = static_cast<unsigned>(std::stoul(xlen));
    else
        throw ConfigError(fmt::format("host.xlen: '{}' is not auto, 32 or 64", xlen));
    std::vector<const boot::ElfImage*> all = boot.firmware;
    if (image) all.push_back(image);
    for (const boot::ElfImage* im : all)
        if (im->xlen != xlen_)
            throw boot::LoadError(
                fmt::format("{}: an RV{} image cannot run on RV{} harts (host.xlen)", im->name,
                            im->xlen, xlen_));

    build_fabric(config, image);
    build_memories(config);
    build_peripherals(config);
    build_harts(config);
    build_lpus(config);
    build_gpu(config);
    for (std::size_t i = 0; i < all.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (boot::images_overlap(*all[i], *all[j]))
                throw boot::LoadError(
                    fmt::format("{} overlaps {} in memory", all[i]->name, all[j]->name));
    for (const boot::ElfImage* im : all) load_image(*im);
    if (image) attach_htif(*image);
    demo_ = demo_params(config);
    const std::uint64_t entry = boot.entry ? *boot.entry
                                : image    ? image->entry_paddr()
                                           : map::dram.base;
    write_boot_rom(entry, boot.uboot_bootdelay);
}

Node::~Node() = default;

void Node::build_memories(const Config& config) {
    dram_size_ = config.integer("host.dram_size");
    if (dram_size_ == 0 || dram_size_ > map::dram.size || dram_size_ % 4096 != 0)
        throw ConfigError(fmt::format(
            "host.dram_size: {:#x} must be a non-zero multiple of 4 KiB no larger than the dram "
            "region ({:#x})",
            dram_size_, map::dram.size));
    const sc_core::sc_time dram_latency = config.time("host.dram_latency");
    dram_ = std::make_unique<Memory>("dram",
                                     Memory::Params{dram_size_, dram_latency, dram_latency, false});
    bus_.map(
        fabric_->add_memory("dram", host_site_, map::dram.base, dram_size_, dram_->tsock, true),
        map::dram.base, dram_size_, "dram");
    bootrom_ = std::make_unique<Memory>(
        "bootrom",
        Memory::Params{map::bootrom.size, sc_core::SC_ZERO_TIME, sc_core::SC_ZERO_TIME, true});
    bus_.map(bootrom_->tsock, map::bootrom.base, map::bootrom.size, "bootrom");
}

void Node::build_peripherals(const Config& config) {
    const unsigned harts = static_cast<unsigned>(config.integer("host.harts"));
    if (harts == 0 || harts > kMaxHarts)
        throw ConfigError(fmt::format("host.harts: {} is not in 1..{}", harts, kMaxHarts));

    clint_ = std::make_unique<Clint>("clint", harts, map::timebase_hz);
    bus_.map(clint_->tsock, map::clint.base, map::clint.size, "clint");
    plic_ = std::make_unique<Plic>("plic", map::plic_sources, 2 * harts);
    bus_.map(plic_->tsock, map::plic.base, map::plic.size, "plic");

    uart0_ = std::make_unique<Uart>("uart0", uart_config(config));
    bus_.map(uart0_->tsock, map::uart0.base, map::uart0.size, "uart0");
    uart0_->irq.bind(*plic_, static_cast<unsigned>(map::uart0.irq));

    sysctl_ = std::make_unique<Sysctl>("sysctl");
    sysctl_->set_handler([this](Sysctl::Action action, int code) {
        switch (action) {
            case Sysctl::Action::pass:
                finish(0, "sysctl: pass");
                break;
            case Sysctl::Action::fail:
                finish(code, fmt::format("sysctl: fail with code {}", code));
                break;
            case Sysctl::Action::reset:
                // A node reset is not modelled yet: end the run and say so.
                finish(kExitGuestFault, "sysctl: reset requested, which this node cannot do yet");
                break;
        }
    });
    bus_.map(sysctl_->tsock, map::sysctl.base, map::sysctl.size, "sysctl");

    const sc_core::sc_time latency = config.time("host.device_latency");
    for (MmioDevice* d :
         std::initializer_list<MmioDevice*>{clint_.get(), plic_.get(), uart0_.get(), sysctl_.get()})
        d->set_access_latency(latency);
}

Uart::Config Node::uart_config(const Config& config) {
    Uart::Config uc;
    const std::string& output = config.string("uart0.output");
    if (output == "stdout") {
        uc.output = Uart::Config::Output::console;
    } else if (output == "none") {
        uc.output = Uart::Config::Output::stream;
        static std::ostream null_stream(nullptr);  // discards everything
        uc.output_stream = &null_stream;
    } else {
        uc.output = Uart::Config::Output::file;
        uc.output_path = output;
    }
    uc.script = config.string("uart0.input");
    const bool from_stdin = config.boolean("uart0.input_stdin");
    if (from_stdin && !uc.script.empty())
        throw ConfigError("uart0: input and input_stdin cannot both be set");
    uc.input = from_stdin          ? Uart::Config::Input::console
               : uc.script.empty() ? Uart::Config::Input::none
                                   : Uart::Config::Input::script;
    uc.input_interval = config.time("uart0.input_interval");
    uc.prompt = config.string("uart0.input_prompt");
    return uc;
}

void Node::build_harts(const Config& config) {
    const unsigned n = static_cast<unsigned>(config.integer("host.harts"));
    const sc_core::sc_time clock = config.time("host.clock");
    if (clock == sc_core::SC_ZERO_TIME) throw ConfigError("host.clock: must be above 0");
    for (unsigned h = 0; h < n; ++h) {
        cpu::HartConfig hc;
        hc.hart_id = h;
        hc.xlen = xlen_;
        hc.extensions = config.string("host.extensions");
        hc.reset_pc = map::bootrom.base;
        hc.clock_period = clock;
        hc.timebase_hz = map::timebase_hz;
        std::unique_ptr<cpu::Hart> hart;
        try {
            hart = cpu::Hart::create(fmt::format("hart{}", h).c_str(), hc);
        } catch (const std::invalid_argument& e) {
            throw ConfigError(fmt::format("host: {}", e.what()));
        }
        const std::string hart_name = fmt::format("hart{}", h);
        tag(hart->isock, fabric_->add_hart(hart_name, host_site_), hart_name);
        clint_->msip(h).bind(*hart, cpu::kIrqMsip);
        clint_->mtip(h).bind(*hart, cpu::kIrqMtip);
        plic_->context_irq(2 * h).bind(*hart, cpu::kIrqMeip);
        plic_->context_irq(2 * h + 1).bind(*hart, cpu::kIrqSeip);
        hart->set_halt_handler([this](cpu::Hart& which, const std::string& reason) {
            finish(kExitGuestFault, fmt::format("{}: {}", which.name(), reason));
        });
        harts_.push_back(std::move(hart));
    }
}

// lpu.mxm.impl / lpu.vxm.impl: tlm (the C++ units) or rtl (Verilated units, rtl/lpu/wrap).
void Node::select_lpu_units(lpu::ChipConfig& chip, const std::string& mxm, const std::string& vxm) {
    for (const auto& [key, v] : {std::pair{"lpu.mxm.impl", mxm}, std::pair{"lpu.vxm.impl", vxm}})
        if (v != "tlm" && v != "rtl")
            throw ConfigError(fmt::format("{}: '{}' is not tlm or rtl", key, v));
    if (mxm == "tlm" && vxm == "tlm") return;
#ifdef NODEVP_HAVE_RTL
    try {
        rtl::select_units(chip, mxm, vxm);
    } catch (const std::invalid_argument& e) {
        throw ConfigError(fmt::format("lpu.mxm.impl / lpu.vxm.impl: {}", e.what()));
    }
#else
    throw ConfigError(
        "lpu.mxm.impl / lpu.vxm.impl = rtl: nodevp was built without the RTL units "
        "(NODEVP_BUILD_RTL=OFF)");
#endif
}

lpu::LpuDevice::Params Node::lpu_params(const Config& config) {
    lpu::LpuDevice::Params p;
    const auto u32 = [&](const char* key) {
        const std::uint64_t v = config.integer(key);
        if (v > 0xffffffffu) throw ConfigError(fmt::format("{}: {} is too large", key, v));
        return static_cast<std::uint32_t>(v);
    };
    p.chip.geometry.superlanes = u32("lpu.superlanes");
    p.chip.geometry.mem_slices = u32("lpu.mem_slices");
    p.chip.geometry.mem_words = u32("lpu.mem_words");
    p.chip.geometry.mxm_planes = u32("lpu.mxm_planes");
    p.chip.geometry.vxm_alus = u32("lpu.vxm_alus");
    p.chip.queue_depth = u32("lpu.queue_depth");
    p.chip.c2c_latency = u32("lpu.c2c_latency");
    p.clock = config.time("lpu.clock");
    p.dmc_clock = config.time("lpu.dmc_clock");
    p.slice_cycles = config.integer("lpu.slice_cycles");
    p.reg_latency = config.time("host.device_latency");
    if (p.clock == sc_core::SC_ZERO_TIME || p.dmc_clock == sc_core::SC_ZERO_TIME)
        throw ConfigError("lpu.clock and lpu.dmc_clock: must be above 0");
    if (p.slice_cycles == 0) throw ConfigError("lpu.slice_cycles: must be above 0");
    try {
        p.chip.geometry.validate();
    } catch (const lpu::ImageError& e) {
        throw ConfigError(fmt::format("lpu: {}", e.what()));
    }
    select_lpu_units(p.chip, config.string("lpu.mxm.impl"), config.string("lpu.vxm.impl"));
    const std::uint64_t sram = std::uint64_t{p.chip.geometry.mem_slices} *
                               p.chip.geometry.mem_words * p.chip.geometry.vector_bytes();
    if (sram > map::lpu_sram.size)
        throw ConfigError(fmt::format("lpu: SRAM of {} bytes exceeds the {:#x}-byte aperture", sram,
                                      map::lpu_sram.size));
    return p;
}

// LPU n: register window and SRAM aperture from the node description, DMA into the router, its
// interrupt into the PLIC.
void Node::build_lpus(const Config& config) {
    const std::uint64_t count = config.integer("lpu.count");
    if (count > map::lpu.count || count > map::lpu_sram.count)
        throw ConfigError(fmt::format("lpu.count: {} is not in 0..{}", count, map::lpu.count));
    if (count == 0) return;
    lpu::LpuDevice::Params params = lpu_params(config);
    params.firmware_sha256 =
        provisioned_firmware_digest(config, "lpu.firmware_sha256", FirmwareKind::lpu_dmc, log_);
    const std::uint64_t inject_run = config.integer("lpu.inject_ecc_run");
    const std::uint64_t inject_lpu = config.integer("lpu.inject_ecc_lpu");
    if (inject_run && inject_lpu >= count)
        throw ConfigError(
            fmt::format("lpu.inject_ecc_lpu: {} is not in 0..{}", inject_lpu, count - 1));
    if (inject_run)
        log_->warn("lpu.inject_ecc_run = {0}: run {0} of lpu{1} meets an injected ECC error",
                   inject_run, inject_lpu);
    for (unsigned n = 0; n < count; ++n) {
        params.inject_ecc_run = n == inject_lpu ? inject_run : 0;
        auto dev = std::make_unique<lpu::LpuDevice>(fmt::format("lpu{}", n).c_str(), params);
        const std::string name = fmt::format("lpu{}", n);
        const int site = lpu_sites_.at(n);
        bus_.map(
            fabric_->add_window(name, site, map::lpu.base_of(n), map::lpu.size, dev->window_tsock),
            map::lpu.base_of(n), map::lpu.size, name);
        // SRAM is not cacheable by the host (SPEC section 3): the home serves every access.
        bus_.map(fabric_->add_memory(name + "_sram", site, map::lpu_sram.base_of(n),
                                     map::lpu_sram.size, dev->sram_tsock, false),
                 map::lpu_sram.base_of(n), map::lpu_sram.size, name + "_sram");
        lpu::LpuDevice* d = dev.get();
        const int agent = fabric_->add_device(
            name + ".dma", site, [d](std::uint64_t addr, std::uint64_t length, bool write) {
                return d->dma_allowed(addr, length, write);
            });
        tag(dev->dma_isock, agent, name + "_dma");
        dev->irq.bind(*plic_, static_cast<unsigned>(map::lpu.irq_of(n)));
        lpus_.push_back(std::move(dev));
    }
}

Memory* Node::memory_at(std::uint64_t addr, std::uint64_t length) {
    const Router::Mapping* m = bus_.decode(addr);
    if (!m || length == 0 || addr + length - 1 > m->last()) return nullptr;
    if (m->name == "dram") return dram_.get();
    return nullptr;  // only DRAM takes guest images
}

void Node::load_image(const boot::ElfImage& image) {
    for (const auto& seg : image.segments) {
        Memory* mem = memory_at(seg.paddr, seg.memsz);
        if (!mem)
            throw boot::LoadError(fmt::format(
                "{}: segment [{:#x}, {:#x}) lies outside host DRAM [{:#x}, {:#x}) of this node",
                image.name, seg.paddr, seg.paddr + seg.memsz, map::dram.base,
                map::dram.base + dram_size_));
        // Fresh DRAM reads as zero, so only the file bytes are copied; the rest of memsz is bss.
        mem->load(seg.paddr - map::dram.base, seg.bytes.data(), seg.bytes.size());
    }
    log_->info("loaded {} (RV{}, entry {:#x}, {} segment(s))", image.name, image.xlen,
               image.entry_paddr(), image.segments.size());
}

void Node::attach_htif(const boot::ElfImage& image) {
    tohost_ = image.symbol("tohost");
    fromhost_ = image.symbol("fromhost");
    if (!tohost_) return;
    if (!memory_at(*tohost_, 8) || *tohost_ % 8 != 0) {
        log_->warn("HTIF: tohost at {:#x} is not an aligned DRAM address; HTIF disabled", *tohost_);
        tohost_.reset();
        return;
    }
    // HTIF mailboxes are read by the node straight from DRAM: never cached by the harts.
    fabric_->set_uncached(*tohost_, 8);
    if (fromhost_) fabric_->set_uncached(*fromhost_, 8);
    const std::uint64_t offset = *tohost_ - map::dram.base;
    dram_->watch_writes(offset, 8,
                        [this, offset](std::uint64_t, unsigned) { on_htif_write(offset); });
    log_->debug("HTIF: tohost at {:#x}", *tohost_);
}

// HTIF: tohost = device << 56 | command << 48 | payload. Device 0 with payload bit 0 set ends the
// run with exit code payload >> 1; device 1 command 1 writes the low byte to the console.
// Device 0 system-call proxying (payload a pointer) is not supported: the run ends as a guest
// fault.
void Node::on_htif_write(std::uint64_t offset) {
    std::uint64_t value = 0;
    std::memcpy(&value, dram_->data(offset), sizeof value);
    if (value == 0) return;
    const unsigned device = static_cast<unsigned>(value >> 56);
    const unsigned command = static_cast<unsigned>((value >> 48) & 0xff);
    const std::uint64_t payload = value & ((1ULL << 48) - 1);
    const std::uint64_t zero = 0;
    dram_->load(offset, &zero, sizeof zero);
    if (device == 0 && (payload & 1)) {
        const auto code = static_cast<int>(payload >> 1);
        finish(code,
               code == 0 ? std::string("HTIF: pass") : fmt::format("HTIF: fail, case {}", code));
        return;
    }
    if (device == 1 && command == 1) {
        uart0_->write_console(static_cast<std::uint8_t>(payload & 0xff));
        if (fromhost_ && memory_at(*fromhost_, 8)) {
            const std::uint64_t ack = (1ULL << 56) | (1ULL << 48);
            dram_->load(*fromhost_ - map::dram.base, &ack, sizeof ack);
        }
        return;
    }
    finish(kExitGuestFault, fmt::format("HTIF: unsupported request {:#x} (device {}, command {})",
                                        value, device, command));
}

void Node::write_boot_rom(std::uint64_t entry, std::optional<std::int32_t> uboot_bootdelay) {
    boot::DtbParams p;
    p.harts = static_cast<unsigned>(harts_.size());
    p.xlen = xlen_;
    p.isa = fmt::format("rv{}{}", xlen_, harts_.front()->config().extensions);
    // Host harts have S mode with Sv39 (RV64) / Sv32 (RV32), as OpenSBI, U-Boot and Linux expect.
    p.mmu_type = xlen_ == 64 ? "riscv,sv39" : "riscv,sv32";
    p.uboot_bootdelay = uboot_bootdelay;
    p.dram_size = dram_size_;
    p.lpus = static_cast<unsigned>(lpus_.size());
    if (!lpus_.empty()) {
        p.lpu_sram_size = lpus_.front()->chip().sram_bytes();
        const double period_s = lpus_.front()->params().clock.to_seconds();
        p.lpu_clock_hz = static_cast<std::uint32_t>(1.0 / period_s + 0.5);
    }
    if (gpu_) p.gpu_hbm_size = gpu_->params().hbm_size;
    add_demo_chosen(demo_, p);
    const boot::BootRom rom = boot::build_boot_rom(xlen_, entry, p);
    bootrom_->load(rom.base - map::bootrom.base, rom.bytes.data(), rom.bytes.size());
    log_->debug("boot ROM: stub jumps to {:#x}, DTB at {:#x} ({} bytes)", entry, rom.dtb_addr,
                rom.bytes.size());
}

void Node::finish(int exit_code, const std::string& reason) {
    if (outcome_.finished) return;
    outcome_ = RunOutcome{true, exit_code, reason};
    if (exit_code == 0)
        log_->info("run ends: {}", reason);
    else
        log_->error("run ends: {} (exit code {})", reason, exit_code);
    sc_core::sc_stop();
}

std::string Node::hart_summary() const {
    std::ostringstream out;
    for (const auto& h : harts_)
        out << fmt::format("  {}: pc {:#x}, instret {}{}\n", h->name(), h->pc(), h->instret(),
                           h->halted() ? ", halted" : "");
    return out.str();
}

}  // namespace nodevp::platform
