// The channel engine: ring entries, command buffers, semaphores, the copy engine, memset and
// timestamps; memory access by address (HBM directly, host memory by DMA); channel errors.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "gen/regs.hpp"
#include "models/common/coherence.hpp"
#include "models/gpu/device/gpu_device.hpp"
#include "models/gpu/device/gpu_internal.hpp"
#include "sw/include/nodevp/gpu_abi.h"

namespace nodevp::gpu {

namespace regs = gen::regs::gpu;

namespace {

template <typename T>
T load(const std::uint8_t* p) {
    T v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

std::uint64_t now_ns() {
    return static_cast<std::uint64_t>(
        std::llround(sc_core::sc_time_stamp() / sc_core::sc_time(1, sc_core::SC_NS)));
}

}  // namespace

// ---- Memory access --------------------------------------------------------------------------

bool GpuDevice::in_hbm_space(std::uint64_t addr) const {
    return addr >= params_.hbm_base && addr - params_.hbm_base < params_.hbm_window;
}

// HBM bytes [addr, addr + len) as a host pointer, or nullptr unless the range lies wholly inside
// HBM (len 0: addr must still be an HBM address).
std::uint8_t* GpuDevice::hbm_ptr(std::uint64_t addr, std::uint64_t len) {
    if (addr < params_.hbm_base) return nullptr;
    const std::uint64_t off = addr - params_.hbm_base;
    if (off >= params_.hbm_size || len > params_.hbm_size - off) return nullptr;
    return hbm_.data(off);
}

bool GpuDevice::mem_read(std::uint64_t addr, void* dst, std::uint64_t len, Port port) {
    if (len == 0) return true;
    if (in_hbm_space(addr) || in_hbm_space(addr + len - 1) || addr + len - 1 < addr) {
        const std::uint8_t* p = hbm_ptr(addr, len);
        if (!p) {
            log_->warn("read of {} byte(s) at {:#x}: outside the {:#x}-byte HBM", len, addr,
                       params_.hbm_size);
            return false;
        }
        recall(addr, len, false);
        std::memcpy(dst, p, len);
        return true;
    }
    auto* out = static_cast<std::uint8_t*>(dst);
    for (std::uint64_t done = 0; done < len;) {
        const auto n =
            static_cast<unsigned>(std::min<std::uint64_t>(params_.dma_chunk, len - done));
        if (!dma(tlm::TLM_READ_COMMAND, addr + done, out + done, n, port)) return false;
        done += n;
    }
    return true;
}

bool GpuDevice::mem_write(std::uint64_t addr, const void* src, std::uint64_t len, Port port) {
    if (len == 0) return true;
    if (in_hbm_space(addr) || in_hbm_space(addr + len - 1) || addr + len - 1 < addr) {
        std::uint8_t* p = hbm_ptr(addr, len);
        if (!p) {
            log_->warn("write of {} byte(s) at {:#x}: outside the {:#x}-byte HBM", len, addr,
                       params_.hbm_size);
            return false;
        }
        recall(addr, len, true);
        std::memcpy(p, src, len);
        return true;
    }
    // The payload's data pointer is not const; the target does not write on a write command.
    auto* in = const_cast<std::uint8_t*>(static_cast<const std::uint8_t*>(src));
    for (std::uint64_t done = 0; done < len;) {
        const auto n =
            static_cast<unsigned>(std::min<std::uint64_t>(params_.dma_chunk, len - done));
        if (!dma(tlm::TLM_WRITE_COMMAND, addr + done, in + done, n, port)) return false;
        done += n;
    }
    return true;
}

// One transaction on dma_isock; waits for its annotated delay. False (and a warning) on an error.
bool GpuDevice::dma(tlm::tlm_command cmd, std::uint64_t addr, std::uint8_t* data, unsigned len,
                    Port port) {
    tlm::tlm_generic_payload gp;
    gp.set_command(cmd);
    gp.set_address(addr);
    gp.set_data_ptr(data);
    gp.set_data_length(len);
    gp.set_streaming_width(len);
    gp.set_byte_enable_ptr(nullptr);
    gp.set_dmi_allowed(false);
    gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
    (port == Port::l2 ? l2_isock : dma_isock)->b_transport(gp, delay);
    sc_core::wait(delay);
    if (gp.is_response_ok()) return true;
    log_->warn("DMA {} of {} byte(s) at {:#x} failed: {}",
               cmd == tlm::TLM_READ_COMMAND ? "read" : "write", len, addr,
               gp.get_response_string());
    return false;
}

void GpuDevice::recall(std::uint64_t addr, std::uint64_t len, bool for_write,
                       sc_core::sc_time& delay) {
    if (len == 0) return;
    tlm::tlm_generic_payload gp;
    RecallExtension ext;
    ext.for_write = for_write;
    gp.set_command(tlm::TLM_IGNORE_COMMAND);
    gp.set_address(addr);
    gp.set_data_length(static_cast<unsigned>(std::min<std::uint64_t>(len, 0xffffffffu)));
    gp.set_extension(&ext);
    gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    dma_isock->b_transport(gp, delay);
    gp.clear_extension(&ext);
    // Without a coherent interconnect in front of the device nothing answers the recall: then
    // nothing can be cached elsewhere either.
    if (gp.get_response_status() != tlm::TLM_OK_RESPONSE &&
        gp.get_response_status() != tlm::TLM_INCOMPLETE_RESPONSE)
        log_->warn("recall of [{:#x}, +{:#x}) failed: {}", addr, len, gp.get_response_string());
}

void GpuDevice::recall(std::uint64_t addr, std::uint64_t len, bool for_write) {
    sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
    recall(addr, len, for_write, delay);
    if (delay != sc_core::SC_ZERO_TIME) sc_core::wait(delay);
}

// ---- Channel life ----------------------------------------------------------------------------

void GpuDevice::channel_thread(unsigned c) {
    Channel& ch = *channels_[c];
    for (;;) {
        const auto get = static_cast<std::uint32_t>(ch_reg("GET", c).value());
        const auto put = static_cast<std::uint32_t>(ch_reg("PUT", c).value());
        if (!ch.enabled || ch.error || get == put) {
            sc_core::wait(ch.wake);
            continue;
        }
        ch.busy = true;
        Fault fault{GPU_ERR_NONE, 0};
        const std::uint64_t generation = ch.generation;
        const bool ok = run_entry(ch, fault);
        ch.busy = false;
        if (generation != ch.generation) continue;  // disabled meanwhile: results dropped
        if (!ok) {
            stop_channel(ch, fault);
            continue;
        }
        const auto size = static_cast<std::uint32_t>(ch_reg("RING_SIZE", c).value());
        ch_reg("GET", c).set(size ? (get + 1) % size : 0);  // size 0: changed under the entry
    }
}

// One ring entry: fetch it and its command buffer, then execute the commands in order.
bool GpuDevice::run_entry(Channel& ch, Fault& fault) {
    const unsigned c = ch.index;
    const auto size = static_cast<std::uint32_t>(ch_reg("RING_SIZE", c).value());
    const auto get = static_cast<std::uint32_t>(ch_reg("GET", c).value());
    const auto put = static_cast<std::uint32_t>(ch_reg("PUT", c).value());
    ch.ring_index = get;
    ch.cmd_offset = 0;
    if (size == 0 || put >= size || get >= size) {
        fault = {GPU_ERR_BAD_RING, put};
        return false;
    }
    const std::uint64_t entry_addr =
        ch_reg("RING_BASE", c).value() + std::uint64_t{get} * sizeof(gpu_ring_entry);
    gpu_ring_entry entry{};
    if (!mem_read(entry_addr, &entry, sizeof entry, Port::l2)) {
        fault = {GPU_ERR_BAD_RING, entry_addr};
        return false;
    }
    if (entry.length % 8 != 0 || entry.length > GPU_CMDBUF_MAX) {
        fault = {GPU_ERR_BAD_RING, entry_addr};
        return false;
    }
    std::vector<std::uint8_t> buf(entry.length);
    if (!mem_read(entry.cmdbuf, buf.data(), buf.size(), Port::l2)) {
        fault = {GPU_ERR_FETCH, entry.cmdbuf};
        return false;
    }
    const std::uint64_t generation = ch.generation;
    for (std::uint32_t off = 0; off < entry.length;) {
        ch.cmd_offset = off;
        const auto h = load<gpu_cmd_header>(buf.data() + off);
        if (h.length < sizeof h || h.length % 8 != 0 || h.length > entry.length - off) {
            fault = {GPU_ERR_BAD_COMMAND_LENGTH, h.length};
            return false;
        }
        const std::uint64_t start_ps = trace::now_ps();
        const bool ok = run_command(ch, buf.data() + off, h.length, fault);
        note_command(ch, buf.data() + off, h.length, start_ps, ok);
        if (!ok) return false;
        if (generation != ch.generation) return true;  // disabled while waiting
        off += h.length;
    }
    return true;
}

bool GpuDevice::run_command(Channel& ch, const std::uint8_t* cmd, std::uint32_t length,
                            Fault& fault) {
    const auto h = load<gpu_cmd_header>(cmd);
    const auto need = [&](std::size_t size) {
        if (length >= size) return true;
        fault = {GPU_ERR_BAD_COMMAND_LENGTH, length};
        return false;
    };
    switch (h.opcode) {
        case GPU_OP_NOP:
            return true;
        case GPU_OP_SEM_ACQUIRE:
            return need(sizeof(gpu_cmd_sem)) && cmd_sem_acquire(ch, cmd, fault);
        case GPU_OP_SEM_RELEASE:
            return need(sizeof(gpu_cmd_sem)) && cmd_sem_release(ch, cmd, fault);
        case GPU_OP_COPY:
            return need(sizeof(gpu_cmd_copy)) && cmd_copy(cmd, fault);
        case GPU_OP_MEMSET:
            return need(sizeof(gpu_cmd_memset)) && cmd_memset(cmd, fault);
        case GPU_OP_LAUNCH:
            return need(sizeof(gpu_cmd_launch)) && cmd_launch(ch, cmd, fault);
        case GPU_OP_TIMESTAMP:
            return need(sizeof(gpu_cmd_timestamp)) && cmd_timestamp(cmd, fault);
        default:
            fault = {GPU_ERR_BAD_COMMAND, h.opcode};
            return false;
    }
}

// Stops the channel: error registers, notifier, interrupts to the host and the GSP.
void GpuDevice::stop_channel(Channel& ch, const Fault& fault) {
    const unsigned c = ch.index;
    ch.error = true;
    ++activity_.channels[c].errors;
    ch_reg("ERR_CODE", c).set(fault.code);
    ch_reg("ERR_INFO", c).set(fault.info);
    log_->warn("channel {} stopped: error {} (info {:#x}) at ring entry {}, command offset {}", c,
               fault.code, fault.info, ch.ring_index, ch.cmd_offset);
    const std::uint64_t notifier = ch_reg("NOTIFIER", c).value();
    if (notifier != 0) {
        gpu_error_notifier n{};
        n.timestamp_ns = now_ns();
        n.code = fault.code;
        n.channel = c;
        n.info = fault.info;
        n.ring_index = ch.ring_index;
        n.cmd_offset = ch.cmd_offset;
        if (notifier % 8 != 0 || !mem_write(notifier, &n, sizeof n, Port::l2))
            log_->warn("channel {}: error notifier at {:#x} could not be written", c, notifier);
    }
    Register& host = regs_.at("CHAN_ERR");
    host.set(host.value() | 1u << c);
    Register& gsp = regs_.at("CHAN_ERR_GSP");
    gsp.set(gsp.value() | 1u << c);
    raise_host(regs::INT_STATUS_ERROR);
    raise_gsp(regs::GSP_INT_STATUS_CHANNEL_ERROR);
}

// ---- Commands --------------------------------------------------------------------------------

// Waits until the word meets the condition: re-read whenever a channel releases a semaphore and
// every sem_poll_interval (the host may write it). Gives up if the channel is disabled.
bool GpuDevice::cmd_sem_acquire(Channel& ch, const std::uint8_t* cmd, Fault& fault) {
    const auto s = load<gpu_cmd_sem>(cmd);
    const unsigned size = (s.h.flags & GPU_CMD_F_SEM64) ? 8 : 4;
    const std::uint64_t generation = ch.generation;
    for (;;) {
        std::uint64_t word = 0;
        if (s.addr % size != 0 || !mem_read(s.addr, &word, size, Port::l2)) {
            fault = {GPU_ERR_BAD_ADDRESS, s.addr};
            return false;
        }
        const std::uint64_t want = size == 4 ? s.value & 0xffffffffu : s.value;
        const bool met = (s.h.flags & GPU_CMD_F_COND_EQ) ? word == want : word >= want;
        if (met || generation != ch.generation) return true;
        sc_core::wait(params_.sem_poll_interval, sem_released_ | ch.wake);
    }
}

bool GpuDevice::cmd_sem_release(Channel& ch, const std::uint8_t* cmd, Fault& fault) {
    const auto s = load<gpu_cmd_sem>(cmd);
    const unsigned size = (s.h.flags & GPU_CMD_F_SEM64) ? 8 : 4;
    if (s.addr % size != 0 || !mem_write(s.addr, &s.value, size, Port::l2)) {
        fault = {GPU_ERR_BAD_ADDRESS, s.addr};
        return false;
    }
    sem_released_.notify(sc_core::SC_ZERO_TIME);
    if (s.h.flags & GPU_CMD_F_INTERRUPT) {
        Register& r = regs_.at("CHAN_SEM");
        r.set(r.value() | 1u << ch.index);
        raise_host(regs::INT_STATUS_SEMAPHORE);
    }
    return true;
}

void GpuDevice::wait_copy_time(std::uint64_t bytes) {
    sc_core::wait(
        sc_core::sc_time(static_cast<double>(bytes) / params_.copy_bandwidth, sc_core::SC_SEC));
}

// The copy engine. HBM to HBM is one memmove (overlap allowed); otherwise chunks of dma_chunk
// bytes go forward through a buffer (overlapping ranges in host memory are not supported).
bool GpuDevice::cmd_copy(const std::uint8_t* cmd, Fault& fault) {
    const auto c = load<gpu_cmd_copy>(cmd);
    std::uint8_t* src_hbm = hbm_ptr(c.src, c.len);
    std::uint8_t* dst_hbm = hbm_ptr(c.dst, c.len);
    for (const std::uint64_t a : {c.src, c.dst}) {
        const bool touches_hbm = in_hbm_space(a) || (c.len && in_hbm_space(a + c.len - 1));
        if ((touches_hbm && !hbm_ptr(a, c.len)) || a + c.len < a) {
            log_->warn("copy of {:#x} byte(s) {:#x} -> {:#x}: {:#x} is out of bounds", c.len, c.src,
                       c.dst, a);
            fault = {GPU_ERR_BAD_ADDRESS, a};
            return false;
        }
    }
    if (src_hbm && dst_hbm) {
        recall(c.src, c.len, false);
        recall(c.dst, c.len, true);
        std::memmove(dst_hbm, src_hbm, c.len);
    } else {
        std::vector<std::uint8_t> buf(std::min<std::uint64_t>(c.len, params_.dma_chunk));
        for (std::uint64_t done = 0; done < c.len;) {
            const std::uint64_t n = std::min<std::uint64_t>(buf.size(), c.len - done);
            if (!mem_read(c.src + done, buf.data(), n)) {
                fault = {GPU_ERR_BAD_ADDRESS, c.src + done};
                return false;
            }
            if (!mem_write(c.dst + done, buf.data(), n)) {
                fault = {GPU_ERR_BAD_ADDRESS, c.dst + done};
                return false;
            }
            done += n;
        }
    }
    wait_copy_time(c.len);
    return true;
}

bool GpuDevice::cmd_memset(const std::uint8_t* cmd, Fault& fault) {
    const auto m = load<gpu_cmd_memset>(cmd);
    const bool word = (m.h.flags & GPU_CMD_F_PATTERN32) != 0;
    if (word && (m.len % 4 != 0 || m.dst % 4 != 0)) {
        fault = {GPU_ERR_BAD_ADDRESS, m.dst};
        return false;
    }
    if (std::uint8_t* p = hbm_ptr(m.dst, m.len)) {
        recall(m.dst, m.len, true);
        if (word)
            for (std::uint64_t i = 0; i < m.len; i += 4) std::memcpy(p + i, &m.pattern, 4);
        else
            std::memset(p, static_cast<int>(m.pattern & 0xff), m.len);
    } else {
        std::vector<std::uint8_t> buf(std::min<std::uint64_t>(m.len, params_.dma_chunk));
        for (std::size_t i = 0; i < buf.size(); ++i)
            buf[i] = static_cast<std::uint8_t>(word ? m.pattern >> (8 * (i % 4)) : m.pattern);
        for (std::uint64_t done = 0; done < m.len;) {
            const std::uint64_t n = std::min<std::uint64_t>(buf.size(), m.len - done);
            if (!mem_write(m.dst + done, buf.data(), n)) {
                fault = {GPU_ERR_BAD_ADDRESS, m.dst + done};
                return false;
            }
            done += n;
        }
    }
    wait_copy_time(m.len);
    return true;
}

bool GpuDevice::cmd_timestamp(const std::uint8_t* cmd, Fault& fault) {
    const auto t = load<gpu_cmd_timestamp>(cmd);
    const std::uint64_t ns = now_ns();
    if (t.addr % 8 != 0 || !mem_write(t.addr, &ns, sizeof ns, Port::l2)) {
        fault = {GPU_ERR_BAD_ADDRESS, t.addr};
        return false;
    }
    return true;
}

}  // namespace nodevp::gpu
