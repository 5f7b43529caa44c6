// A small node around the fabric for tests and benchmarks: a host site with two harts and
// DRAM, two device sites (lpu0 with a host-cacheable memory and an uncached SRAM, lpu1), each
// device with a DMA agent; a router between the agent tags and the fabric's regions. Links are
// 32 GB/s (a 64-byte flit takes 2 ns) with 20 ns latency and credits enough not to throttle;
// on-chip hops take 2 ns, a cache hit 1 ns, memories have no latency.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <tlm_utils/simple_initiator_socket.h>

#include "models/common/memory.hpp"
#include "models/common/router.hpp"
#include "models/fabric/fabric.hpp"
#include "tests/unit/common/test_initiator.hpp"

namespace nodevp::fabric::testing {

using sc_core::SC_NS;
using sc_core::sc_time;

inline constexpr std::uint64_t kDram = 0x8000'0000, kDramSize = 1 << 20;
inline constexpr std::uint64_t kDev = 0x40'0000'0000,
                               kDevSize = 1 << 20;  // device memory, cacheable
inline constexpr std::uint64_t kSram = 0x80'0000'0000,
                               kSramSize = 1 << 20;  // device SRAM, uncached

// 32 GB/s: a 64-byte flit takes 2 ns; 20 ns latency; enough credits not to throttle.
inline LinkConfig link() {
    LinkDirectionConfig d;
    d.bytes_per_s = 32'000'000'000ull;
    d.latency_ps = 20'000;
    d.flit_bytes = 64;
    d.credits = 1024;
    LinkConfig l;
    l.dir = {d, d};
    return l;
}

struct Initiator : test::TestInitiator {
    using TestInitiator::TestInitiator;

    // Returns the completion time (ns from 0) of an access started at `start`, or -1 on error.
    double access(tlm::tlm_command cmd, std::uint64_t addr, void* data, unsigned len,
                  sc_time start = sc_core::SC_ZERO_TIME) {
        const bool ok = transport(cmd, addr, data, len, start) == tlm::TLM_OK_RESPONSE;
        return ok ? last_delay.to_seconds() * 1e9 : -1;
    }
    std::uint64_t read64(std::uint64_t addr, double* at = nullptr, sc_time start = {}) {
        std::uint64_t v = 0;
        const double t = access(tlm::TLM_READ_COMMAND, addr, &v, 8, start);
        if (at) *at = t;
        return v;
    }
    double write64(std::uint64_t addr, std::uint64_t v, sc_time start = {}) {
        return access(tlm::TLM_WRITE_COMMAND, addr, &v, 8, start);
    }
    bool dmi(std::uint64_t addr) {
        tlm::tlm_generic_payload gp;
        gp.set_address(addr);
        gp.set_command(tlm::TLM_READ_COMMAND);
        tlm::tlm_dmi d;
        return isock->get_direct_mem_ptr(gp, d);
    }
};

// A small node: a host site with two harts and DRAM, two device sites (lpu0 with a cacheable
// memory and an uncached SRAM, lpu1), each device with a DMA agent.
struct Bench {
    explicit Bench(Fidelity fidelity, Fabric::WindowCheck dma0_check = {}) {
        static int count = 0;
        const std::string p = "b" + std::to_string(count++) + "_";
        FabricConfig fc;
        fc.fidelity = fidelity;
        fc.local_latency = sc_time(2, SC_NS);
        fc.cache_hit_latency = sc_time(1, SC_NS);
        fc.cache_bytes = 4096;
        fc.cache_ways = 4;
        fabric = std::make_unique<Fabric>((p + "fabric").c_str(), fc);
        router = std::make_unique<Router>((p + "bus").c_str());
        const int host = fabric->add_site("host", link());
        const int lpu0 = fabric->add_site("lpu0", link());
        const int lpu1 = fabric->add_site("lpu1", link());
        dram = std::make_unique<Memory>((p + "dram").c_str(), Memory::Params{kDramSize});
        dev = std::make_unique<Memory>((p + "dev").c_str(), Memory::Params{kDevSize});
        sram = std::make_unique<Memory>((p + "sram").c_str(), Memory::Params{kSramSize});
        router->map(fabric->add_memory("dram", host, kDram, kDramSize, dram->tsock, true), kDram,
                    kDramSize, "dram");
        router->map(fabric->add_memory("dev", lpu0, kDev, kDevSize, dev->tsock, true), kDev,
                    kDevSize, "dev");
        router->map(fabric->add_memory("sram", lpu0, kSram, kSramSize, sram->tsock, false), kSram,
                    kSramSize, "sram");
        add(p + "hart0", fabric->add_hart("hart0", host));
        add(p + "hart1", fabric->add_hart("hart1", host));
        add(p + "dma0", fabric->add_device("dma0", lpu0, std::move(dma0_check)));
        add(p + "dma1", fabric->add_device("dma1", lpu1));
    }
    void add(const std::string& name, int agent) {
        initiators.push_back(std::make_unique<Initiator>(name.c_str()));
        tags.push_back(std::make_unique<AgentTag>((name + "_tag").c_str(), agent));
        initiators.back()->isock.bind(tags.back()->tsock);
        tags.back()->isock.bind(router->tsock);
    }
    Initiator& hart0() { return *initiators[0]; }
    Initiator& hart1() { return *initiators[1]; }
    Initiator& dma0() { return *initiators[2]; }
    Initiator& dma1() { return *initiators[3]; }

    std::unique_ptr<Fabric> fabric;
    std::unique_ptr<Router> router;
    std::unique_ptr<Memory> dram, dev, sram;
    std::vector<std::unique_ptr<Initiator>> initiators;
    std::vector<std::unique_ptr<AgentTag>> tags;
};

}  // namespace nodevp::fabric::testing
