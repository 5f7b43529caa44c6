// The node: builds and binds every model from the node description (gen/node_map.hpp) and the
// configuration, loads the guest image and tells how the run ended.
//
// The node is the host CPU complex (harts, boot ROM with reset stub + DTB, DRAM, CLINT, PLIC,
// UART0, sysctl), `lpu.count` LPU devices and the GPU, joined by the coherent C2C fabric
// (models/fabric/fabric.hpp). One router decodes addresses: the host's own peripherals hang on it
// directly; DRAM, every device window and device memory are mapped to the fabric's region
// sockets, and every initiator reaches the router through an AgentTag naming its fabric agent.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <systemc>

#include "models/common/log.hpp"
#include "models/common/memory.hpp"
#include "models/common/router.hpp"
#include "models/cpu/hart.hpp"
#include "models/fabric/fabric.hpp"
#include "models/gpu/device/gpu_device.hpp"
#include "models/lpu/device/lpu_device.hpp"
#include "models/periph/clint.hpp"
#include "models/periph/plic.hpp"
#include "models/periph/sysctl.hpp"
#include "models/periph/uart.hpp"
#include "platform/boot/elf.hpp"
#include "platform/config/config.hpp"
#include "platform/demo_check.hpp"

namespace nodevp::platform {

// Process exit codes (SPEC section 7). A guest's own exit code (sysctl or HTIF) is returned as it
// is; these lie above the range guest tests use.
enum ExitCode : int {
    kExitSuccess = 0,
    kExitConfigError = 64,  // bad command line or configuration
    kExitLoadError = 65,    // guest image unreadable, malformed or not fitting the node
    kExitGuestFault = 66,   // a hart could not continue (e.g. fault at its trap vector)
    kExitTimeout = 67,      // --max-time reached before the guest ended the run
    kExitDemoMismatch =
        68,  // the demo's tokens differ from the host reference, or it stopped early
    kExitInternalError = 70,
};

struct RunOutcome {
    bool finished = false;  // the run ended (guest exit, fault); false: still running / time-out
    int exit_code = kExitSuccess;
    std::string reason;
};

// What the harts boot (platform/boot_modes.hpp builds one from boot.mode). Every image is copied
// into DRAM before the run; the boot ROM then jumps to `entry` with a0 = hartid, a1 = DTB.
struct BootSet {
    // The guest ELF: its tohost/fromhost symbols serve HTIF, fabric.fault_symbol names one of its
    // symbols, and host.xlen = auto takes its class. May be null.
    const boot::ElfImage* guest = nullptr;
    // Loaded before the guest (e.g. OpenSBI, U-Boot); no symbol of theirs is used.
    std::vector<const boot::ElfImage*> firmware;
    // Where the boot ROM jumps; empty: the guest's entry (DRAM base without a guest).
    std::optional<std::uint64_t> entry;
    // U-Boot's bootdelay in the DTB's /config node (boot::DtbParams).
    std::optional<std::int32_t> uboot_bootdelay;
};

class Node : public sc_core::sc_module {
  public:
    // Builds the node. Throws ConfigError on a bad configuration, boot::LoadError when an image
    // does not fit the node or images overlap.
    Node(const sc_core::sc_module_name& name, const Config& config, const BootSet& boot);
    // Bare-metal boot of `image` (may be null: harts then spin at the reset vector's target).
    Node(const sc_core::sc_module_name& name, const Config& config, const boot::ElfImage* image)
        : Node(name, config, BootSet{image, {}, {}, {}}) {}
    ~Node() override;

    const RunOutcome& outcome() const { return outcome_; }
    const std::vector<std::unique_ptr<cpu::Hart>>& harts() const { return harts_; }
    const std::vector<std::unique_ptr<lpu::LpuDevice>>& lpus() const { return lpus_; }
    gpu::GpuDevice* gpu() const { return gpu_.get(); }  // null when gpu.count is 0
    unsigned xlen() const { return xlen_; }
    const fabric::Fabric& fabric() const { return *fabric_; }
    const DemoParams& demo() const { return demo_; }  // demo.*, handed to the guest in the DTB

    // One line per hart: pc, instret, halted; for time-out and fault reports.
    std::string hart_summary() const;

  private:
    void build_fabric(const Config& config, const boot::ElfImage* image);  // node_fabric.cpp
    // Puts an AgentTag for `agent` between `initiator` and the router.
    void tag(tlm::tlm_initiator_socket<>& initiator, int agent, const std::string& name);
    void build_memories(const Config& config);
    void build_peripherals(const Config& config);
    void build_harts(const Config& config);
    void build_lpus(const Config& config);
    void build_gpu(const Config& config);  // node_gpu.cpp
    static lpu::LpuDevice::Params lpu_params(const Config& config);
    static void select_lpu_units(lpu::ChipConfig& chip, const std::string& mxm,
                                 const std::string& vxm);
    void load_image(const boot::ElfImage& image);
    void attach_htif(const boot::ElfImage& image);
    void write_boot_rom(std::uint64_t entry, std::optional<std::int32_t> uboot_bootdelay);
    static Uart::Config uart_config(const Config& config);
    Memory* memory_at(std::uint64_t addr, std::uint64_t length);
    void finish(int exit_code, const std::string& reason);
    void on_htif_write(std::uint64_t tohost_offset);

    log::Logger log_;
    Router bus_;
    std::unique_ptr<fabric::Fabric> fabric_;
    std::vector<std::unique_ptr<fabric::AgentTag>> tags_;
    int host_site_ = -1, gpu_site_ = -1;
    std::vector<int> lpu_sites_;
    std::unique_ptr<Memory> bootrom_;
    std::unique_ptr<Memory> dram_;
    std::unique_ptr<Clint> clint_;
    std::unique_ptr<Plic> plic_;
    std::unique_ptr<Uart> uart0_;
    std::unique_ptr<Sysctl> sysctl_;
    std::vector<std::unique_ptr<cpu::Hart>> harts_;
    std::vector<std::unique_ptr<lpu::LpuDevice>> lpus_;
    std::unique_ptr<gpu::GpuDevice> gpu_;
    unsigned xlen_ = 64;
    std::uint64_t dram_size_ = 0;
    std::optional<std::uint64_t> tohost_, fromhost_;
    RunOutcome outcome_;
    DemoParams demo_;
};

}  // namespace nodevp::platform
