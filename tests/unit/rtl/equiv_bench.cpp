#include "tests/unit/rtl/equiv_bench.hpp"

#include <cstdio>
#include <sstream>

#include <systemc>

#include "rtl/lpu/wrap/rtl_units.hpp"

namespace nodevp::rtl::test {

using lpu::Chip;

std::vector<ChipPair>& pairs() {
    static std::vector<ChipPair> p;
    return p;
}

namespace {

// Scopes one chip's RTL units (sc_modules and signals) under its own name.
struct Scope : sc_core::sc_module {
    Scope(const sc_core::sc_module_name& n, const lpu::ChipConfig& cfg, std::unique_ptr<Chip>& chip)
        : sc_core::sc_module(n) {
        chip = std::make_unique<Chip>(cfg);
    }
};

}  // namespace

void build_pairs() {
    lpu::Geometry small;
    small.superlanes = 1;
    small.vxm_alus = 2;
    for (const auto& [name, g] :
         {std::pair{"default", lpu::Geometry{}}, std::pair{"vl16", small}}) {
        lpu::ChipConfig tlm;
        tlm.geometry = g;
        lpu::ChipConfig rtl = tlm;
        select_units(rtl, "rtl", "rtl");
        ChipPair pair{name, nullptr, std::make_unique<Chip>(tlm), nullptr};
        pair.scope = std::make_unique<Scope>((std::string(name) + "_rtl").c_str(), rtl, pair.rtl);
        pairs().push_back(std::move(pair));
    }
}

void destroy_pairs() {
    pairs().clear();
}

Outcome run_chip(Chip& chip, std::uint64_t limit) {
    if (!chip.clocked()) {
        chip.run(limit);
    } else {
        while (chip.state() == Chip::State::running && chip.cycle() < limit) {
            chip.run(1);
            chip.tick_units();
        }
    }
    return {chip.state(), chip.cycle(), chip.error() ? chip.error()->to_string() : ""};
}

namespace {

std::vector<std::uint8_t> sram(Chip& chip) {
    std::vector<std::uint8_t> v(chip.sram_bytes());
    chip.read_sram(0, v.data(), v.size());
    return v;
}

std::string first_difference(const lpu::Geometry& g, const std::vector<std::uint8_t>& a,
                             const std::vector<std::uint8_t>& b) {
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i] == b[i]) continue;
        const unsigned vl = g.vector_bytes();
        char buf[160];
        std::snprintf(buf, sizeof buf,
                      "SRAM byte 0x%zx (slice %zu, vector %zu, byte %zu): tlm 0x%02x, rtl 0x%02x",
                      i, i / vl / g.mem_words, i / vl % g.mem_words, i % vl, a[i], b[i]);
        return buf;
    }
    return {};
}

}  // namespace

std::string compare_run(ChipPair& pair, const lpu::Program& program, std::uint32_t seed) {
    std::mt19937 rng(seed);
    std::vector<std::uint8_t> init(pair.tlm->sram_bytes());
    for (auto& byte : init) byte = static_cast<std::uint8_t>(rng());
    Outcome out[2];
    Chip* chips[2] = {pair.tlm.get(), pair.rtl.get()};
    for (unsigned k = 0; k < 2; ++k) {
        chips[k]->reset();
        chips[k]->write_sram(0, init.data(), init.size());
        chips[k]->load(program);
        out[k] = run_chip(*chips[k]);
    }
    std::ostringstream why;
    if (out[0].state != Chip::State::done)
        why << "the program does not complete on tlm: " << out[0].error;
    else if (out[0].state != out[1].state || out[0].error != out[1].error)
        why << "outcome: tlm '" << out[0].error << "', rtl '" << out[1].error << "'";
    else if (out[0].cycles != out[1].cycles)
        why << "cycles: tlm " << out[0].cycles << ", rtl " << out[1].cycles;
    else
        why << first_difference(program.geometry, sram(*chips[0]), sram(*chips[1]));
    return why.str();
}

}  // namespace nodevp::rtl::test
