// The host driver against a modelled bus (NV_DRIVER_HOST_MOCK, sw/driver/src/nv_port.h): a DTB
// from the platform's own builder, a PLIC, a CLINT and one LPU whose DMC answers mailbox
// requests by script. The benches check the exact register sequence of requests (RUN_IO's
// argument words from lpu_mbox.h), that waits sleep in WFI until the interrupt, that a device
// that never answers ends in NV_E_TIMEOUT at the budget, and the secure-boot refusal path.
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <map>
#include <utility>
#include <vector>

#include "firmware/lpu/lpu_mbox.h"
#include "gen/node.h"
#include "platform/boot/dtb.hpp"
#include "sw/driver/include/nodevp/driver.h"

namespace {

constexpr std::uint64_t kDramSize = 64ull << 20;
constexpr std::uint64_t kLpu = NODE_LPU_BASE(0);
constexpr std::uint64_t kGpu = NODE_GPU_BASE;
constexpr std::uint64_t kClaim = NODE_PLIC_BASE + PLIC_CLAIM(0);
constexpr std::uint64_t kTicksPerWfiWithoutEvent = 1;

// The modelled node: register words, the accesses in order, a scripted DMC.
struct Bus {
    std::map<std::uint64_t, std::uint32_t> words;
    std::vector<std::pair<std::uint64_t, std::uint32_t>> writes;  // LPU window only
    std::vector<std::uint32_t> pending_sources;
    std::uint64_t time = 0, mtimecmp = ~0ull;
    unsigned wfis = 0;
    bool dmc_answers = true;
    std::uint32_t boot_status = LPU_BOOT_OK;
    std::function<void(std::uint32_t command)> dmc;  // answers MBOX_REQ into MBOX_RSP
    std::vector<std::function<void()>> later;        // what the devices do while the hart sleeps

    std::uint32_t& reg(std::uint32_t offset) { return words[kLpu + offset]; }
    std::uint32_t& gpu(std::uint32_t offset) { return words[kGpu + offset]; }
    std::vector<std::pair<std::uint64_t, std::uint32_t>> gpu_writes;  // BAR0 only
    std::function<void()> channel;  // what the GPU does after a CH_PUT doorbell
    void raise(std::uint32_t bits) {
        reg(LPU_INT_STATUS) |= bits;
        pending_sources.push_back(NODE_LPU_IRQ(0));
    }
    void post_ready() {
        reg(LPU_MBOX_RSP(0)) = LPU_MBOX_READY;
        reg(LPU_MBOX_RSP(LPU_READY_VERSION)) = LPU_FW_VERSION;
        reg(LPU_MBOX_RSP(LPU_READY_SELFTEST)) = 0;
        reg(LPU_MBOX_RSP(LPU_READY_CORRECTED)) = 1;
        raise(LPU_INT_STATUS_MAILBOX_MASK);
    }
    std::uint32_t read(std::uint64_t addr) {
        if (addr == kClaim) {
            if (pending_sources.empty()) return 0;
            const std::uint32_t s = pending_sources.front();
            pending_sources.erase(pending_sources.begin());
            return s;
        }
        return words[addr];
    }
    void write(std::uint64_t addr, std::uint32_t v) {
        if (addr >= kLpu && addr < kLpu + NODE_LPU_SIZE) writes.emplace_back(addr - kLpu, v);
        if (addr >= kGpu && addr < kGpu + NODE_GPU_SIZE) gpu_writes.emplace_back(addr - kGpu, v);
        if (addr == kGpu + GPU_INT_STATUS) {
            gpu(GPU_INT_STATUS) &= ~v;
            return;
        }
        if (addr == kGpu + GPU_GSP_CONTROL && (v & GPU_GSP_CONTROL_RUN_MASK)) {
            gpu(GPU_BOOT_STATUS) = GPU_BOOT_OK;
            gpu(GPU_STATUS) |= GPU_STATUS_GSP_RUNNING_MASK | GPU_STATUS_HBM_READY_MASK;
            later.push_back([this] {
                gpu(GPU_MBOX_RSP(0)) = GPU_MBOX_READY;
                gpu(GPU_MBOX_RSP(1)) = GPU_FW_VERSION;
                gpu(GPU_MBOX_RSP(2)) = GPU_HBM_OK;
                gpu(GPU_MBOX_RSP(3)) = 4;
                gpu(GPU_INT_STATUS) |= GPU_INT_STATUS_MAILBOX_MASK;
                pending_sources.push_back(NODE_GPU_IRQ);
            });
            return;
        }
        if (addr == kGpu + GPU_MBOX_H2D) {
            later.push_back([this] {
                gpu(GPU_MBOX_RSP(0)) = GPU_ST_OK;
                gpu(GPU_INT_STATUS) |= GPU_INT_STATUS_MAILBOX_MASK;
                pending_sources.push_back(NODE_GPU_IRQ);
            });
        }
        if (addr == kGpu + GPU_CH_PUT(0) && channel) later.push_back(channel);
        const std::uint64_t cmp = NODE_CLINT_BASE + CLINT_MTIMECMP(0);
        if (addr == cmp || addr == cmp + 4) {
            words[addr] = v;
            mtimecmp = std::uint64_t{words[cmp + 4]} << 32 | words[cmp];
            return;
        }
        if (addr == kLpu + LPU_INT_STATUS) {
            reg(LPU_INT_STATUS) &= ~v;
        } else if (addr == kLpu + LPU_CONTROL && (v & LPU_CONTROL_DMC_RUN_MASK)) {
            reg(LPU_BOOT_STATUS) = boot_status;
            if (boot_status == LPU_BOOT_OK) {
                reg(LPU_STATUS) |= LPU_STATUS_DMC_RUNNING_MASK;
                later.push_back([this] { post_ready(); });
            } else {
                raise(LPU_INT_STATUS_BOOT_ERROR_MASK);
            }
        } else if (addr == kLpu + LPU_MBOX_H2D) {
            if (dmc_answers) {
                later.push_back([this] {
                    for (unsigned i = 1; i < LPU_MBOX_RSP_COUNT; ++i) reg(LPU_MBOX_RSP(i)) = 0;
                    dmc(reg(LPU_MBOX_REQ(0)));
                    raise(LPU_INT_STATUS_MAILBOX_MASK);
                });
            }
        } else if (addr != kClaim) {
            words[addr] = v;
        }
    }
    // WFI returns at once with an interrupt pending, when a device acts (its interrupt), else
    // when the timer fires.
    void wfi() {
        ++wfis;
        if (!pending_sources.empty()) return;
        if (!later.empty()) {
            time += 10;
            auto acts = std::move(later);
            later.clear();
            for (auto& act : acts) act();
            return;
        }
        time = mtimecmp != ~0ull && mtimecmp > time ? mtimecmp : time + kTicksPerWfiWithoutEvent;
    }
};

Bus* bus;

}  // namespace

extern "C" {
uint32_t nv_rd32(uint64_t addr) {
    return bus->read(addr);
}
void nv_wr32(uint64_t addr, uint32_t value) {
    bus->write(addr, value);
}
uint64_t nv_port_time(void) {
    return bus->time;
}
void nv_port_wfi(void) {
    bus->wfi();
}
unsigned long nv_port_xie(void) {
    return 0;
}
void nv_port_xie_set(unsigned long) {}
void nv_port_xie_clear(unsigned long) {}
void nv_port_disable_traps(void) {}
unsigned nv_port_hartid(void) {
    return 0;
}
uint64_t nv_port_image_end(void) {
    return NODE_DRAM_BASE + (1 << 20);
}
}

namespace {

class DriverMmio : public ::testing::Test {
  protected:
    void SetUp() override {
        bus = &b;
        nodevp::boot::DtbParams p;
        p.dram_size = kDramSize;
        p.lpus = 1;
        p.lpu_sram_size = 1 << 20;
        dtb = nodevp::boot::build_dtb(p);
        b.reg(LPU_ID) = LPU_ID_VALUE;
        b.reg(LPU_GEOMETRY) = 2u << LPU_GEOMETRY_SUPERLANES_SHIFT;
        b.dmc = [this](std::uint32_t command) {
            b.reg(LPU_MBOX_RSP(0)) = LPU_ST_OK;
            if (command == LPU_CMD_PING) b.reg(LPU_MBOX_RSP(1)) = LPU_FW_VERSION;
            if (command == LPU_CMD_RUN_IO) b.reg(LPU_MBOX_RSP(LPU_RUN_CYCLES_LO)) = 476;
        };
        ASSERT_EQ(nv_init(&node, dtb.data()), NV_OK);
    }
    void TearDown() override {
        free(node.host.blocks);
        free(node.gpu.heap.blocks);
    }
    Bus b;
    std::vector<std::uint8_t> dtb;
    nv_node node{};
};

// With a GPU in the tree: a submit fills the ring entry in host memory (here: the bench's own
// buffer standing for DRAM) and rings CH_PUT; the semaphore wait sleeps until the release's
// interrupt.
class DriverMmioGpu : public DriverMmio {
  protected:
    void SetUp() override {
        bus = &b;
        nodevp::boot::DtbParams p;
        p.dram_size = kDramSize;
        p.gpu_hbm_size = 1 << 30;
        dtb = nodevp::boot::build_dtb(p);
        b.gpu(GPU_ID) = GPU_ID_VALUE;
        ASSERT_EQ(nv_init(&node, dtb.data()), NV_OK);
        ASSERT_EQ(nv_gpu_boot(&node, nullptr, 0), NV_OK);
    }
};

TEST_F(DriverMmioGpu, SubmitFillsTheRingEntryThenRingsThePutDoorbell) {
    EXPECT_EQ(node.gpu.channels, 4u);
    EXPECT_EQ(node.gpu.heap.base, NODE_HBM_BASE);
    EXPECT_EQ(node.gpu.heap.size, 1u << 30);
    // A channel in the bench's memory (the driver's allocator hands out DRAM addresses the host
    // process cannot touch): ring, notifier and fence set by hand.
    alignas(64) static gpu_ring_entry ring[4];
    alignas(64) static gpu_error_notifier note;
    nv_channel ch{};
    ch.index = 0;
    ch.ring = ring;
    ch.entries = 4;
    ch.notifier = &note;
    b.gpu_writes.clear();
    ASSERT_EQ(nv_gpu_submit(&node, &ch, 0x80001000u, 48), NV_OK);
    EXPECT_EQ(ring[0].cmdbuf, 0x80001000u);
    EXPECT_EQ(ring[0].length, 48u);
    EXPECT_EQ(ch.put, 1u);
    const std::vector<std::pair<std::uint64_t, std::uint32_t>> expected = {{GPU_CH_PUT(0), 1}};
    EXPECT_EQ(b.gpu_writes, expected);
    EXPECT_EQ(nv_gpu_submit(&node, &ch, 0x80001000u, 44), NV_E_INVALID);  // not 8-byte commands

    volatile std::uint32_t sem = 0;
    b.channel = [&] {
        sem = 3;
        b.gpu(GPU_INT_STATUS) |= GPU_INT_STATUS_SEMAPHORE_MASK;
        b.pending_sources.push_back(NODE_GPU_IRQ);
    };
    ASSERT_EQ(nv_gpu_submit(&node, &ch, 0x80002000u, 24), NV_OK);
    const unsigned wfis = b.wfis;
    EXPECT_EQ(nv_gpu_wait_sem(&node, &ch, &sem, 3), NV_OK);
    EXPECT_EQ(b.wfis, wfis + 1);
    EXPECT_EQ(node.gpu.pending & GPU_INT_STATUS_SEMAPHORE_MASK, GPU_INT_STATUS_SEMAPHORE_MASK);
    // A stopped channel: the wait ends with NV_E_CHANNEL.
    b.gpu(GPU_CH_STATUS(0)) = GPU_CH_STATUS_ENABLED_MASK | GPU_CH_STATUS_ERROR_MASK;
    note.code = GPU_ERR_BAD_COMMAND;
    EXPECT_EQ(nv_gpu_wait_sem(&node, &ch, &sem, 4), NV_E_CHANNEL);
    EXPECT_EQ(nv_gpu_channel_error(&ch, nullptr), GPU_ERR_BAD_COMMAND);
}

TEST_F(DriverMmio, DiscoversTheDeviceTreeAndItsMemory) {
    EXPECT_EQ(node.lpus, 1u);
    EXPECT_EQ(node.has_gpu, 0);
    EXPECT_EQ(node.lpu[0].regs, kLpu);
    EXPECT_EQ(node.lpu[0].sram_size, 1u << 20);
    EXPECT_EQ(node.lpu[0].irq, NODE_LPU_IRQ(0));
    EXPECT_EQ(node.lpu[0].superlanes, 2u);
    EXPECT_EQ(node.dram_size, kDramSize);
    EXPECT_EQ(node.host.base, NODE_DRAM_BASE + (1 << 20));
    EXPECT_EQ(node.host.size, kDramSize - (1 << 20));
    EXPECT_EQ(node.timebase_hz, NODE_TIMEBASE_HZ);
    EXPECT_EQ(nv_gpu_boot(&node, nullptr, 0), NV_E_NO_DEVICE);
}

TEST_F(DriverMmio, BootCopiesTheImageReleasesTheDmcAndWaitsForReady) {
    const std::uint8_t image[6] = {1, 2, 3, 4, 5, 6};
    ASSERT_EQ(nv_lpu_boot(&node, 0, image, sizeof image), NV_OK);
    // IMEM words (the last one zero-padded), FW_SIZE, then DMC_RUN.
    std::vector<std::pair<std::uint64_t, std::uint32_t>> imem;
    for (const auto& w : b.writes)
        if (w.first >= LPU_IMEM_OFFSET && w.first < LPU_IMEM_OFFSET + LPU_DMC_IMEM_SIZE)
            imem.push_back(w);
    ASSERT_EQ(imem.size(), 2u);
    EXPECT_EQ(imem[0], std::make_pair(std::uint64_t{LPU_IMEM_OFFSET}, 0x04030201u));
    EXPECT_EQ(imem[1], std::make_pair(std::uint64_t{LPU_IMEM_OFFSET + 4}, 0x00000605u));
    EXPECT_EQ(b.reg(LPU_FW_SIZE), 6u);
    EXPECT_EQ(node.lpu[0].boot_status, LPU_BOOT_OK);
    EXPECT_EQ(node.lpu[0].fw_version, LPU_FW_VERSION);
    EXPECT_EQ(node.lpu[0].selftest_corrected, 1u);
    EXPECT_EQ(b.reg(LPU_INT_ENABLE), LPU_INT_ENABLE_DONE_MASK | LPU_INT_ENABLE_ERROR_MASK |
                                         LPU_INT_ENABLE_MAILBOX_MASK |
                                         LPU_INT_ENABLE_BOOT_ERROR_MASK);
    EXPECT_EQ(b.reg(LPU_DMA_WIN_BASE(0)), static_cast<std::uint32_t>(NODE_DRAM_BASE));
    EXPECT_EQ(b.reg(LPU_DMA_WIN_SIZE(0)), static_cast<std::uint32_t>(kDramSize));
    EXPECT_EQ(node.lpu[0].irqs, 2u);  // READY and PING's answer
}

TEST_F(DriverMmio, RefusedImageIsTamperedWithTheBootInterruptConsumed) {
    b.boot_status = LPU_BOOT_TAMPERED;
    const std::uint8_t image[4] = {};
    EXPECT_EQ(nv_lpu_boot(&node, 0, image, sizeof image), NV_E_TAMPERED);
    EXPECT_EQ(node.lpu[0].boot_status, LPU_BOOT_TAMPERED);
    EXPECT_EQ(b.wfis, 0u);  // the refusal is synchronous: its bit is there at once
    nv_irq_drain(&node);
    EXPECT_EQ(node.lpu[0].irqs, 1u);  // and its interrupt was raised
    EXPECT_EQ(b.reg(LPU_INT_STATUS), 0u);
    EXPECT_EQ(node.lpu[0].pending, 0u);
}

TEST_F(DriverMmio, RunIoWritesItsNineRequestWordsThenTheDoorbell) {
    ASSERT_EQ(nv_lpu_boot(&node, 0, nullptr, 0), NV_OK);
    b.writes.clear();
    const unsigned wfis = b.wfis;
    ASSERT_EQ(nv_lpu_run_io(&node, 0, 0x1122334455ull, 0x100, 64, 0x66778899aaull, 0x200, 32),
              NV_OK);
    const std::vector<std::pair<std::uint64_t, std::uint32_t>> expected = {
        {LPU_MBOX_REQ(0), LPU_CMD_RUN_IO},
        {LPU_MBOX_REQ(1), 0x22334455u},
        {LPU_MBOX_REQ(2), 0x11u},
        {LPU_MBOX_REQ(3), 0x100u},
        {LPU_MBOX_REQ(4), 64u},
        {LPU_MBOX_REQ(5), 0x778899aau},
        {LPU_MBOX_REQ(6), 0x66u},
        {LPU_MBOX_REQ(7), 0x200u},
        {LPU_MBOX_REQ(8), 32u},
        {LPU_MBOX_H2D, 1u},
        {LPU_INT_STATUS, LPU_INT_STATUS_MAILBOX_MASK}};
    EXPECT_EQ(b.writes, expected);
    EXPECT_EQ(b.wfis, wfis + 1);  // slept once, woken by the answer
    EXPECT_EQ(node.lpu[0].last_run.status, LPU_ST_OK);
    EXPECT_EQ(node.lpu[0].last_run.cycles, 476u);
    EXPECT_EQ(node.lpu[0].runs, 1u);
}

TEST_F(DriverMmio, ProgramErrorFillsLastRunAndIsNvEProgram) {
    ASSERT_EQ(nv_lpu_boot(&node, 0, nullptr, 0), NV_OK);
    b.dmc = [this](std::uint32_t) {
        b.reg(LPU_MBOX_RSP(0)) = LPU_ST_PROGRAM_ERROR;
        b.reg(LPU_MBOX_RSP(LPU_RUN_CYCLES_LO)) = 7;
        b.reg(LPU_MBOX_RSP(LPU_RUN_ERR_CODE)) = LPU_ERR_ECC_UNCORRECTABLE;
        b.reg(LPU_MBOX_RSP(LPU_RUN_ERR_QUEUE)) = 3;
        b.reg(LPU_MBOX_RSP(LPU_RUN_ERR_PC)) = 2;
        b.reg(LPU_MBOX_RSP(LPU_RUN_ERR_OPCODE)) = 0x11;
        b.reg(LPU_MBOX_RSP(LPU_RUN_ERR_CYCLE_LO)) = 5;
        b.reg(LPU_MBOX_RSP(LPU_RUN_ERR_CYCLE_HI)) = 1;
    };
    EXPECT_EQ(nv_lpu_run(&node, 0), NV_E_PROGRAM);
    const struct nv_lpu_run& r = node.lpu[0].last_run;
    EXPECT_EQ(r.status, LPU_ST_PROGRAM_ERROR);
    EXPECT_EQ(r.err_code, LPU_ERR_ECC_UNCORRECTABLE);
    EXPECT_EQ(r.err_queue, 3u);
    EXPECT_EQ(r.err_pc, 2u);
    EXPECT_EQ(r.err_opcode, 0x11u);
    EXPECT_EQ(r.err_cycle, (1ull << 32) + 5);
}

TEST_F(DriverMmio, SilentDeviceTimesOutAtTheBudgetAfterSleepingOnTheTimer) {
    ASSERT_EQ(nv_lpu_boot(&node, 0, nullptr, 0), NV_OK);
    b.dmc_answers = false;
    node.wait_budget_ns = 50000;  // 500 ticks of 100 ns
    const std::uint64_t start = b.time;
    const unsigned wfis = b.wfis;
    EXPECT_EQ(nv_lpu_run(&node, 0), NV_E_TIMEOUT);
    EXPECT_EQ(b.time - start, 500u);
    EXPECT_EQ(b.wfis, wfis + 1);  // one sleep, ended by the timer at the deadline
}

}  // namespace
