// The GPU device: host interface, channels, copy engine, kernel launches, roofline timing, HBM
// and the GSP (docs/gpu/device.md; guest ABI in sw/include/nodevp/gpu_abi.h).
//
// Host side: BAR0 (`bar0_tsock`: registers at offset 0, the GSP's IMEM and DMEM at IMEM_OFFSET /
// DMEM_OFFSET, offsets from gen/regs.hpp), the HBM aperture (`hbm_tsock`: a sparse Memory of
// `hbm_size` bytes, DMI granted), a DMA initiator toward the node (`dma_isock`: ring entries,
// command buffers, semaphores, copies and notifiers in host memory) and one interrupt line.
// Addresses seen by the channels are node addresses: [hbm_base, hbm_base + hbm_size) is HBM,
// accessed directly; the rest of the HBM region is an error; anything else goes to dma_isock.
//
// Channels (`channels` of them, each an SC_THREAD) run concurrently. The GSP creates a channel
// (ring base and size, error notifier, CH_CONTROL.ENABLE); the driver then fills ring entries and
// writes CH_PUT. An error stops that channel only (notifier, CH_ERR_*, CHAN_ERR bit, interrupts).
//
// Timing (loosely timed; the channel threads wait): every DMA transaction's annotated delay;
// a copy or memset adds bytes / copy_bandwidth; a kernel adds launch_latency and then runs for
// its roofline time max(flops / (peak[type] * sms_held / sms), bytes / hbm_bandwidth), where SMs
// are shared among the kernels running at the same time (water-filling, capped by each kernel's
// thread blocks) and shares are recomputed whenever a kernel starts or ends. A kernel's results
// are written to HBM when its time is over. Register accesses add `reg_latency`.
//
// The GSP is an RV32IMAC hart of our ISS on a private bus (boot ROM, IMEM, DMEM, the registers,
// the first GSP_HBM_SIZE bytes of HBM). Its boot ROM sleeps until GSP_CONTROL.RUN, then jumps to
// IMEM. Secure boot: setting GSP_CONTROL.RUN first runs the boot ROM's check
// (models/common/secure_boot.hpp) of IMEM[0, FW_SIZE) against Params::firmware_sha256; a refused
// image leaves RUN clear (the GSP stays in reset), sets BOOT_STATUS and raises
// INT_STATUS.BOOT_ERROR. HBM_CTRL.INIT (GSP only) models the HBM training sequence: after
// `hbm_init_time` STATUS.HBM_READY is set and GSP_INT_STATUS.HBM raised; the contents are zero from
// the start (sparse memory), so nothing is scrubbed.
//
// Not modelled: an L2 cache / fabric caching agent (HBM is accessed directly), resetting the GSP
// once released, IMEM writes after release, HBM re-initialisation, preemption of a running
// kernel (DESTROY_CHANNEL lets it finish and discards nothing it wrote), ECC on HBM.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>
#include <systemc>
#include <tlm>

#include "models/common/dma_windows.hpp"
#include "models/common/irq.hpp"
#include "models/common/log.hpp"
#include "models/common/memory.hpp"
#include "models/common/regbank.hpp"
#include "models/common/router.hpp"
#include "models/common/sha256.hpp"
#include "models/common/trace.hpp"
#include "models/cpu/hart.hpp"
#include "models/mcu/controller.hpp"

namespace nodevp::gpu {

struct LaunchPlan;  // gpu_internal.hpp

class GpuDevice : public sc_core::sc_module {
  public:
    SC_HAS_PROCESS(GpuDevice);

    // Peak throughput per operand type, in operations per second (one multiply-add = 2).
    enum PeakType : unsigned { kFp32 = 0, kFp16 = 1, kBf16 = 2, kInt8 = 3, kPeakTypes = 4 };

    struct Params {
        std::uint64_t hbm_base = 0;                 // node address of HBM byte 0
        std::uint64_t hbm_window = 0;               // size of the node's HBM region (0: hbm_size)
        std::uint64_t hbm_size = 1ull << 30;        // bytes of HBM
        unsigned channels = 4;                      // 1..CHANNELS_MAX
        unsigned sms = 8;                           // streaming multiprocessors
        std::array<double, kPeakTypes> peak_ops{};  // whole GPU, per PeakType
        double hbm_bandwidth = 0;                   // bytes/s
        double copy_bandwidth = 0;                  // bytes/s of the copy engine
        sc_core::sc_time launch_latency = sc_core::sc_time(2, sc_core::SC_US);
        sc_core::sc_time sem_poll_interval = sc_core::sc_time(1, sc_core::SC_US);
        sc_core::sc_time hbm_init_time = sc_core::sc_time(10, sc_core::SC_US);
        sc_core::sc_time gsp_clock = sc_core::sc_time(1, sc_core::SC_NS);
        sc_core::sc_time reg_latency = sc_core::sc_time(10, sc_core::SC_NS);
        unsigned dma_chunk = 4096;  // bytes per DMA transaction
        // Digest the GSP firmware must have (gpu.firmware_sha256); none: not checked.
        std::optional<Sha256Digest> firmware_sha256;
    };

  private:
    Params params_;
    log::Logger log_;
    Memory hbm_;  // declared before hbm_tsock, which refers to its socket

  public:
    tlm_utils::simple_target_socket<GpuDevice> bar0_tsock;    // registers + GSP memory window
    tlm_utils::simple_target_socket<Memory>& hbm_tsock;       // the HBM aperture
    tlm_utils::simple_initiator_socket<GpuDevice> dma_isock;  // toward the node: copy engine
    // The channels' front end (ring entries, command buffers, semaphores, notifiers, timestamps,
    // kernel arguments) toward the node: through the GPU L2, a caching agent of the fabric.
    tlm_utils::simple_initiator_socket<GpuDevice> l2_isock;
    IrqOut irq;  // to the PLIC

    // Throws std::invalid_argument on bad parameters (channel count, zero sizes or rates).
    GpuDevice(const sc_core::sc_module_name& name, const Params& params);
    ~GpuDevice() override;

    const Params& params() const { return params_; }
    Memory& hbm() { return hbm_; }
    cpu::Hart& gsp() { return gsp_->hart(); }
    RegisterBank& registers() { return regs_; }
    // Model-side load of GSP firmware into IMEM (tests); throws std::out_of_range past its end.
    void load_imem(std::uint64_t offset, const void* data, std::uint64_t length);
    // Whether the DMA windows the host granted (DMA_WIN_*) let the device's DMA reach
    // [addr, addr + length); the fabric asks before every DMA transaction.
    bool dma_allowed(std::uint64_t addr, std::uint64_t length, bool write) {
        return windows_->allows(addr, length, write);
    }
    // Kernels completed since reset.
    std::uint64_t kernels_completed() const { return kernels_completed_; }

    // What the device did, for the end-of-run report (SPEC section 7). Kernel time counts
    // kernels that have finished or changed their SM share (a kernel still running at the end
    // counts up to its last share change).
    struct ChannelActivity {
        std::uint64_t commands = 0, launches = 0, copies = 0, memsets = 0, semaphores = 0;
        std::uint64_t bytes = 0;  // copied or set by copy and memset commands
        std::uint64_t errors = 0;
    };
    struct Activity {
        double kernel_busy_s = 0;  // time with at least one kernel running
        double sm_busy_s = 0;      // SM-seconds held by running kernels
        std::uint64_t mailbox_requests = 0;
        std::vector<ChannelActivity> channels;
    };
    Activity activity() const;

    // The roofline time of one kernel alone on `sms_held` SMs (exposed for tests and docs).
    sc_core::sc_time roofline_time(double ops, double bytes, PeakType type, double sms_held) const;

  private:
    struct Fault {
        std::uint32_t code;
        std::uint64_t info;
    };
    struct Channel;
    struct Kernel;

    // Registers and interrupts (gpu_regs.cpp).
    void declare_registers();
    void declare_channel_registers(unsigned c);
    bool verify_firmware();
    bool gsp_only(std::uint64_t offset) const;
    void raise_host(std::uint64_t bits);
    void raise_gsp(std::uint64_t bits);
    void update_irq();
    void on_channel_control(unsigned c, Register& r);
    Register& ch_reg(const char* name, unsigned c);

    // Transport (gpu_device.cpp).
    void bar0_b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
    unsigned bar0_transport_dbg(tlm::tlm_generic_payload& gp);
    void gsp_regs_b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
    unsigned gsp_regs_transport_dbg(tlm::tlm_generic_payload& gp);
    void gsp_hbm_b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
    unsigned gsp_hbm_transport_dbg(tlm::tlm_generic_payload& gp);
    void build_gsp();
    void hbm_init_thread();

    // Memory access of the channels (gpu_channel.cpp): HBM directly (after a recall of the
    // host's cached copies), the rest through the copy engine's port or the L2's.
    enum class Port { copy, l2 };
    bool in_hbm_space(std::uint64_t addr) const;
    std::uint8_t* hbm_ptr(std::uint64_t addr, std::uint64_t len);
    bool mem_read(std::uint64_t addr, void* dst, std::uint64_t len, Port port = Port::copy);
    bool mem_write(std::uint64_t addr, const void* src, std::uint64_t len, Port port = Port::copy);
    bool dma(tlm::tlm_command cmd, std::uint64_t addr, std::uint8_t* data, unsigned len, Port port);
    // Before the device touches [addr, addr + len) of HBM directly: the fabric cleans (or, for
    // writing, invalidates) what the host caches of it (models/common/coherence.hpp). Adds the
    // time it takes to `delay`.
    void recall(std::uint64_t addr, std::uint64_t len, bool for_write, sc_core::sc_time& delay);
    // The same from a channel thread: waits for it.
    void recall(std::uint64_t addr, std::uint64_t len, bool for_write);

    // Channel engine (gpu_channel.cpp).
    void channel_thread(unsigned c);
    bool run_entry(Channel& ch, Fault& fault);
    bool run_command(Channel& ch, const std::uint8_t* cmd, std::uint32_t length, Fault& fault);
    bool cmd_sem_acquire(Channel& ch, const std::uint8_t* cmd, Fault& fault);
    bool cmd_sem_release(Channel& ch, const std::uint8_t* cmd, Fault& fault);
    bool cmd_copy(const std::uint8_t* cmd, Fault& fault);
    bool cmd_memset(const std::uint8_t* cmd, Fault& fault);
    bool cmd_timestamp(const std::uint8_t* cmd, Fault& fault);
    void stop_channel(Channel& ch, const Fault& fault);
    void wait_copy_time(std::uint64_t bytes);

    // Timeline tracks and activity counts (gpu_trace.cpp): each command on its channel's track,
    // each kernel's time on the SMs on a "kernels" track (one per kernel running at once).
    void trace_tracks();
    void note_command(Channel& ch, const std::uint8_t* cmd, std::uint32_t length,
                      std::uint64_t start_ps, bool ok);
    unsigned kernel_track_begin();
    void kernel_track_end(unsigned slot, std::uint64_t start_ps, std::uint32_t kernel,
                          unsigned channel, double ops, double bytes, unsigned blocks);

    // Kernel launches and the SM scheduler (gpu_launch.cpp).
    bool cmd_launch(Channel& ch, const std::uint8_t* cmd, Fault& fault);
    bool plan_launch(std::uint32_t kernel, const std::vector<std::uint8_t>& args, LaunchPlan& plan,
                     Fault& fault);
    void run_on_sms(double ops, double bytes, PeakType type, unsigned blocks);
    void advance_kernels();
    void share_sms();

    RegisterBank regs_;
    std::unique_ptr<DmaWindows> windows_;
    std::vector<std::uint64_t> gsp_only_;  // offsets of registers the host may not write
    tlm_utils::simple_target_socket<GpuDevice> gsp_regs_tsock_;
    tlm_utils::simple_target_socket<GpuDevice> gsp_hbm_tsock_;
    std::unique_ptr<mcu::Controller> gsp_;

    std::vector<std::unique_ptr<Channel>> channels_;
    sc_core::sc_event sem_released_;  // any channel released a semaphore
    sc_core::sc_event hbm_init_event_;
    bool hbm_ready_ = false, hbm_busy_ = false;

    std::vector<Kernel*> running_;  // in start order
    sc_core::sc_time kernels_updated_;
    std::uint64_t kernels_completed_ = 0;

    Activity activity_;
    trace::MailboxTrack mailbox_;
    std::vector<trace::TrackId> kernel_tracks_;
    std::vector<bool> kernel_track_busy_;
    std::uint64_t access_ps_ = 0;  // time of the register access being served (its delay added)
};

}  // namespace nodevp::gpu
