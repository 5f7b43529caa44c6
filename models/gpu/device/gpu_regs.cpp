// Register declarations of the GPU device (offsets and fields from gen/regs.hpp) and the hooks
// that turn register writes into device actions.
#include <algorithm>

#include <fmt/format.h>

#include "gen/regs.hpp"
#include "models/common/secure_boot.hpp"
#include "models/gpu/device/gpu_device.hpp"
#include "models/gpu/device/gpu_internal.hpp"

namespace nodevp::gpu {

namespace regs = gen::regs::gpu;

static_assert(regs::BOOT_NONE == static_cast<unsigned>(BootStatus::none) &&
                  regs::BOOT_OK == static_cast<unsigned>(BootStatus::ok) &&
                  regs::BOOT_TAMPERED == static_cast<unsigned>(BootStatus::tampered) &&
                  regs::BOOT_BAD_SIZE == static_cast<unsigned>(BootStatus::bad_size) &&
                  regs::BOOT_UNCHECKED == static_cast<unsigned>(BootStatus::unchecked),
              "node.yaml's BOOT_* values must be BootStatus's");

namespace {

// One field over the bits of a generated mask.
Field field(const char* name, std::uint64_t mask, Access access) {
    unsigned lsb = 0;
    while (!((mask >> lsb) & 1)) ++lsb;
    unsigned width = 0;
    while (lsb + width < 64 && ((mask >> (lsb + width)) & 1)) ++width;
    return Field{name, lsb, width, access};
}

std::vector<Field> irq_fields(Access a) {
    return {field("MAILBOX", regs::INT_STATUS_MAILBOX, a),
            field("ERROR", regs::INT_STATUS_ERROR, a),
            field("SEMAPHORE", regs::INT_STATUS_SEMAPHORE, a),
            field("BOOT_ERROR", regs::INT_STATUS_BOOT_ERROR, a)};
}
std::vector<Field> gsp_irq_fields(Access a) {
    return {field("DOORBELL", regs::GSP_INT_STATUS_DOORBELL, a),
            field("CHANNEL_ERROR", regs::GSP_INT_STATUS_CHANNEL_ERROR, a),
            field("HBM", regs::GSP_INT_STATUS_HBM, a)};
}

}  // namespace

void GpuDevice::declare_registers() {
    const auto ro = [this](const char* n, std::uint64_t off, unsigned w, std::uint64_t v = 0) {
        return &regs_.add(n, off, w, v, {Field{"value", 0, 8 * w, Access::ro}});
    };
    const auto irq_hook = [this](Register&, std::uint64_t) { update_irq(); };
    ro("ID", regs::ID, 4, regs::ID_VALUE);
    windows_ = std::make_unique<DmaWindows>(regs_, NODEVP_DMA_WINDOW_LAYOUT(gpu));
    ro("VERSION", regs::VERSION, 4, regs::VERSION_VALUE);
    ro("HBM_SIZE", regs::HBM_SIZE, 8, params_.hbm_size)->min_access(4);
    ro("CHANNELS", regs::CHANNELS, 4, params_.channels);
    ro("SMS", regs::SMS, 4, params_.sms);
    regs_
        .add("GSP_CONTROL", regs::GSP_CONTROL, 4, 0,
             {field("RUN", regs::GSP_CONTROL_RUN, Access::w1s)})
        .on_write([this](Register& r, std::uint64_t old) {
            if (r.value() && !old) {
                if (!verify_firmware()) {
                    r.set(0);  // the GSP stays in reset; the host may load another image
                    return;
                }
                log_->info("GSP released from reset");
                gsp_->msip.set(true);
            }
        });
    ro("STATUS", regs::STATUS, 4)->on_read([this](const Register&) -> std::uint64_t {
        return (regs_.at("GSP_CONTROL").value() ? regs::STATUS_GSP_RUNNING : 0) |
               (hbm_ready_ ? regs::STATUS_HBM_READY : 0) | (hbm_busy_ ? regs::STATUS_HBM_BUSY : 0);
    });
    regs_.add("HBM_CTRL", regs::HBM_CTRL, 4, 0, {field("INIT", regs::HBM_CTRL_INIT, Access::wo)})
        .on_write([this](Register& r, std::uint64_t) {
            if (!r.field("INIT")) return;
            r.set(0);
            if (hbm_ready_ || hbm_busy_) {
                log_->warn("HBM_CTRL.INIT ignored: HBM is {}", hbm_ready_ ? "ready" : "busy");
                return;
            }
            hbm_busy_ = true;
            hbm_init_event_.notify(sc_core::SC_ZERO_TIME);
        });
    regs_.add("INT_STATUS", regs::INT_STATUS, 4, 0, irq_fields(Access::w1c)).on_write(irq_hook);
    regs_.add("INT_ENABLE", regs::INT_ENABLE, 4, 0, irq_fields(Access::rw)).on_write(irq_hook);
    const unsigned n = params_.channels;
    regs_.add("CHAN_SEM", regs::CHAN_SEM, 4, 0, {Field{"channels", 0, n, Access::w1c}});
    regs_.add("CHAN_ERR", regs::CHAN_ERR, 4, 0, {Field{"channels", 0, n, Access::w1c}});
    regs_.add("GSP_INT_STATUS", regs::GSP_INT_STATUS, 4, 0, gsp_irq_fields(Access::w1c))
        .on_write(irq_hook);
    regs_.add("GSP_INT_ENABLE", regs::GSP_INT_ENABLE, 4, 0, gsp_irq_fields(Access::rw))
        .on_write(irq_hook);
    regs_.add("CHAN_ERR_GSP", regs::CHAN_ERR_GSP, 4, 0, {Field{"channels", 0, n, Access::w1c}});
    ro("KERNELS", regs::KERNELS, 4)->on_read([this](const Register&) {
        return static_cast<std::uint64_t>(static_cast<std::uint32_t>(kernels_completed_));
    });
    regs_.add("MBOX_H2D", regs::MBOX_H2D, 4, 0, {Field{"value", 0, 32, Access::wo}})
        .on_write([this](Register&, std::uint64_t) {
            const auto command = static_cast<std::uint32_t>(regs_.at("MBOX_REQ0").value());
            mailbox_.request(mailbox_command_name(command), command, access_ps_);
            raise_gsp(regs::GSP_INT_STATUS_DOORBELL);
        });
    regs_.add("MBOX_D2H", regs::MBOX_D2H, 4, 0, {Field{"value", 0, 32, Access::wo}})
        .on_write([this](Register&, std::uint64_t) {
            mailbox_.response(static_cast<std::uint32_t>(regs_.at("MBOX_RSP0").value()),
                              access_ps_);
            raise_host(regs::INT_STATUS_MAILBOX);
        });
    regs_.add("FW_SIZE", regs::FW_SIZE, 4);
    ro("BOOT_STATUS", regs::BOOT_STATUS, 4);
    for (unsigned i = 0; i < regs::FW_DIGEST_count; ++i)
        regs_.add(fmt::format("FW_DIGEST{}", i), regs::FW_DIGEST + i * regs::FW_DIGEST_stride, 4, 0,
                  {Field{"value", 0, 32, Access::ro}});
    for (unsigned i = 0; i < regs::MBOX_REQ_count; ++i)
        regs_.add(fmt::format("MBOX_REQ{}", i), regs::MBOX_REQ + i * regs::MBOX_REQ_stride, 4);
    for (unsigned i = 0; i < regs::MBOX_RSP_count; ++i)
        regs_.add(fmt::format("MBOX_RSP{}", i), regs::MBOX_RSP + i * regs::MBOX_RSP_stride, 4);
    for (unsigned c = 0; c < params_.channels; ++c) declare_channel_registers(c);

    gsp_only_ = {regs::HBM_CTRL, regs::GSP_INT_STATUS, regs::GSP_INT_ENABLE, regs::CHAN_ERR_GSP,
                 regs::MBOX_D2H};
    for (unsigned c = 0; c < params_.channels; ++c)
        for (std::uint64_t off :
             {regs::CH_RING_BASE, regs::CH_RING_SIZE, regs::CH_CONTROL, regs::CH_NOTIFIER})
            gsp_only_.push_back(off + c * regs::CH_RING_BASE_stride);
    std::sort(gsp_only_.begin(), gsp_only_.end());
}

// Channel c's block. RING_BASE, RING_SIZE, NOTIFIER and CONTROL are the GSP's; the host writes
// PUT (the doorbell); GET, STATUS and the error registers are read-only.
void GpuDevice::declare_channel_registers(unsigned c) {
    const std::uint64_t base = c * regs::CH_RING_BASE_stride;
    const auto name = [c](const char* n) { return fmt::format("CH{}_{}", c, n); };
    Channel& ch = *channels_[c];
    regs_.add(name("RING_BASE"), regs::CH_RING_BASE + base, 8).min_access(4);
    regs_.add(name("RING_SIZE"), regs::CH_RING_SIZE + base, 4);
    regs_.add(name("PUT"), regs::CH_PUT + base, 4).on_write([this, &ch](Register&, std::uint64_t) {
        if (!ch.enabled) log_->warn("channel {}: doorbell while the channel is disabled", ch.index);
        ch.wake.notify(sc_core::SC_ZERO_TIME);
    });
    regs_.add(name("GET"), regs::CH_GET + base, 4, 0, {Field{"value", 0, 32, Access::ro}});
    regs_
        .add(name("CONTROL"), regs::CH_CONTROL + base, 4, 0,
             {field("ENABLE", regs::CH_CONTROL_ENABLE, Access::wo),
              field("DISABLE", regs::CH_CONTROL_DISABLE, Access::wo)})
        .on_write([this, c](Register& r, std::uint64_t) { on_channel_control(c, r); });
    regs_.add(name("STATUS"), regs::CH_STATUS + base, 4, 0, {Field{"value", 0, 32, Access::ro}})
        .on_read([&ch](const Register&) -> std::uint64_t {
            return (ch.enabled ? regs::CH_STATUS_ENABLED : 0) |
                   (ch.busy ? regs::CH_STATUS_BUSY : 0) | (ch.error ? regs::CH_STATUS_ERROR : 0);
        });
    regs_.add(name("ERR_CODE"), regs::CH_ERR_CODE + base, 4, 0,
              {Field{"value", 0, 32, Access::ro}});
    regs_.add(name("NOTIFIER"), regs::CH_NOTIFIER + base, 8).min_access(4);
    regs_.add(name("ERR_INFO"), regs::CH_ERR_INFO + base, 8, 0, {Field{"value", 0, 64, Access::ro}})
        .min_access(4);
}

// The boot ROM's check before the GSP leaves reset (mcu::Controller::verify_firmware); a
// refused image raises INT_STATUS.BOOT_ERROR.
bool GpuDevice::verify_firmware() {
    if (gsp_->verify_firmware(regs_, params_.firmware_sha256)) return true;
    raise_host(regs::INT_STATUS_BOOT_ERROR);
    return false;
}

Register& GpuDevice::ch_reg(const char* name, unsigned c) {
    return regs_.at(fmt::format("CH{}_{}", c, name));
}

bool GpuDevice::gsp_only(std::uint64_t offset) const {
    const Register* r = const_cast<RegisterBank&>(regs_).find(offset);
    return r && std::binary_search(gsp_only_.begin(), gsp_only_.end(), r->offset());
}

// ENABLE starts the channel at GET = PUT = 0 with no error; DISABLE stops it (a waiting command
// gives up, a running kernel finishes), clears its error and sets GET = PUT = 0. Both act once.
void GpuDevice::on_channel_control(unsigned c, Register& r) {
    Channel& ch = *channels_[c];
    const std::uint64_t v = r.value();
    r.set(0);
    if (v & regs::CH_CONTROL_DISABLE) {
        ch.enabled = false;
        ch.error = false;
        ++ch.generation;
        for (const char* n : {"GET", "PUT", "ERR_CODE", "ERR_INFO"}) ch_reg(n, c).set(0);
        log_->info("channel {} disabled", c);
    }
    if ((v & regs::CH_CONTROL_ENABLE) && !ch.enabled) {
        ch.enabled = true;
        ch.error = false;
        for (const char* n : {"GET", "PUT", "ERR_CODE", "ERR_INFO"}) ch_reg(n, c).set(0);
        log_->info("channel {} enabled: ring {:#x} ({} entries), notifier {:#x}", c,
                   ch_reg("RING_BASE", c).value(), ch_reg("RING_SIZE", c).value(),
                   ch_reg("NOTIFIER", c).value());
    }
    ch.wake.notify(sc_core::SC_ZERO_TIME);
}

void GpuDevice::raise_host(std::uint64_t bits) {
    Register& s = regs_.at("INT_STATUS");
    s.set(s.value() | bits);
    update_irq();
}

void GpuDevice::raise_gsp(std::uint64_t bits) {
    Register& s = regs_.at("GSP_INT_STATUS");
    s.set(s.value() | bits);
    update_irq();
}

void GpuDevice::update_irq() {
    irq.set((regs_.at("INT_STATUS").value() & regs_.at("INT_ENABLE").value()) != 0);
    gsp_->meip.set((regs_.at("GSP_INT_STATUS").value() & regs_.at("GSP_INT_ENABLE").value()) != 0);
}

}  // namespace nodevp::gpu
