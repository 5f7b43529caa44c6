#include "platform/report.hpp"

#include <fstream>
#include <vector>

#include <fmt/format.h>

#include "models/common/log.hpp"

namespace nodevp::platform {

namespace {

// A hart as the report sees it: its name and its counters.
struct HartLine {
    std::string name;
    const cpu::Hart* hart;
};

// The device controllers (each LPU's DMC, the GPU's GSP), named by device.
std::vector<HartLine> controllers(const Node& node) {
    std::vector<HartLine> out;
    for (const auto& lpu : node.lpus())
        out.push_back({std::string(lpu->basename()) + ".dmc", &lpu->dmc()});
    if (node.gpu())
        out.push_back({std::string(node.gpu()->basename()) + ".gsp", &node.gpu()->gsp()});
    return out;
}

double mips(std::uint64_t instret, double wall_s) {
    return wall_s > 0 ? static_cast<double>(instret) / wall_s / 1e6 : 0.0;
}

double fraction(double part, double whole) {
    return whole > 0 ? part / whole : 0.0;
}

std::string bytes_text(std::uint64_t b) {
    if (b < 1024) return fmt::format("{} B", b);
    if (b < 1024 * 1024) return fmt::format("{:.1f} KiB", static_cast<double>(b) / 1024);
    return fmt::format("{:.1f} MiB", static_cast<double>(b) / (1024 * 1024));
}

std::string hart_json(const std::string& name, const cpu::Hart& h, double wall_s) {
    return fmt::format(R"({{"name": "{}", "instret": {}, "cycles": {}, "mips": {:.3f}}})", name,
                       h.instret(), h.cycles(), mips(h.instret(), wall_s));
}

std::string gpu_json(const gpu::GpuDevice& gpu, double sim_s) {
    const auto a = gpu.activity();
    std::string channels;
    for (std::size_t c = 0; c < a.channels.size(); ++c) {
        const auto& ch = a.channels[c];
        channels += fmt::format(
            "{}      {{\"channel\": {}, \"commands\": {}, \"launches\": {}, \"copies\": {}, "
            "\"memsets\": {}, \"semaphores\": {}, \"bytes\": {}, \"errors\": {}}}",
            c ? ",\n" : "", c, ch.commands, ch.launches, ch.copies, ch.memsets, ch.semaphores,
            ch.bytes, ch.errors);
    }
    const double sms = gpu.params().sms;
    return fmt::format(
        "{{\n    \"name\": \"{}\", \"kernels\": {}, \"kernel_busy_s\": {:.12g}, "
        "\"kernel_busy_fraction\": {:.6f}, \"sm_busy_s\": {:.12g}, \"sm_utilisation\": {:.6f}, "
        "\"mailbox_requests\": {},\n    \"channels\": [\n{}\n    ]\n  }}",
        gpu.basename(), gpu.kernels_completed(), a.kernel_busy_s, fraction(a.kernel_busy_s, sim_s),
        a.sm_busy_s, fraction(a.sm_busy_s, sim_s * sms), a.mailbox_requests, channels);
}

std::string lpu_json(const lpu::LpuDevice& lpu, double sim_s) {
    const auto a = lpu.activity();
    return fmt::format(
        "    {{\"name\": \"{}\", \"runs\": {}, \"failed_runs\": {}, \"busy_s\": {:.12g}, "
        "\"busy_fraction\": {:.6f}, \"cycles\": {}, \"dma_transfers\": {}, \"dma_bytes\": {}, "
        "\"dma_errors\": {}, \"mailbox_requests\": {}, \"ecc_corrected\": {}, "
        "\"ecc_detected\": {}}}",
        lpu.basename(), a.runs, a.failed_runs, a.busy.to_seconds(),
        fraction(a.busy.to_seconds(), sim_s), a.cycles, a.dma_transfers, a.dma_bytes, a.dma_errors,
        a.mailbox_requests, a.ecc_corrected, a.ecc_detected);
}

}  // namespace

void write_stats(const std::string& path, const Node& node, double wall_s) {
    std::ofstream out(path);
    if (!out) throw ConfigError(fmt::format("--stats: cannot write '{}'", path));
    const double sim_s = sc_core::sc_time_stamp().to_seconds();
    out << "{\n";
    out << fmt::format("  \"sim_time_s\": {:.12g},\n", sim_s);
    out << fmt::format("  \"wall_time_s\": {:.6f},\n", wall_s);
    out << fmt::format("  \"exit_code\": {},\n", node.outcome().exit_code);
    out << "  \"harts\": [\n";
    for (std::size_t i = 0; i < node.harts().size(); ++i) {
        const auto& h = *node.harts()[i];
        out << "    " << hart_json(h.name(), h, wall_s)
            << (i + 1 < node.harts().size() ? ",\n" : "\n");
    }
    out << "  ],\n  \"controllers\": [\n";
    const auto ctl = controllers(node);
    for (std::size_t i = 0; i < ctl.size(); ++i)
        out << "    " << hart_json(ctl[i].name, *ctl[i].hart, wall_s)
            << (i + 1 < ctl.size() ? ",\n" : "\n");
    out << "  ],\n";
    if (node.gpu()) out << "  \"gpu\": " << gpu_json(*node.gpu(), sim_s) << ",\n";
    out << "  \"lpus\": [\n";
    for (std::size_t i = 0; i < node.lpus().size(); ++i)
        out << lpu_json(*node.lpus()[i], sim_s) << (i + 1 < node.lpus().size() ? ",\n" : "\n");
    out << "  ],\n";
    out << "  \"fabric\": " << node.fabric().stats_json() << "\n}\n";
}

void print_report(const Node& node, double wall_s) {
    auto log = log::get("nodevp");
    const double sim_s = sc_core::sc_time_stamp().to_seconds();
    std::uint64_t instret = 0;
    for (const auto& h : node.harts()) instret += h->instret();
    log->info("simulated {:.6f} ms in {:.3f} s wall; {} instructions ({:.1f} MIPS)", sim_s * 1e3,
              wall_s, instret, mips(instret, wall_s));
    std::string harts;
    for (const auto& h : node.harts())
        harts += fmt::format("{}{}: {:.3f} M instr, {:.1f} MIPS", harts.empty() ? "" : "; ",
                             h->basename(), static_cast<double>(h->instret()) / 1e6,
                             mips(h->instret(), wall_s));
    log->info("report: {}", harts);
    std::string ctl;
    for (const auto& c : controllers(node))
        ctl += fmt::format("{}{}: {:.3f} M instr, {:.1f} MIPS", ctl.empty() ? "" : "; ", c.name,
                           static_cast<double>(c.hart->instret()) / 1e6,
                           mips(c.hart->instret(), wall_s));
    if (!ctl.empty()) log->info("report: {}", ctl);
    if (const gpu::GpuDevice* gpu = node.gpu()) {
        const auto a = gpu->activity();
        std::uint64_t commands = 0, bytes = 0, errors = 0;
        for (const auto& ch : a.channels) {
            commands += ch.commands;
            bytes += ch.bytes;
            errors += ch.errors;
        }
        log->info(
            "report: {}: {} kernels, kernels running {:.1f} %, SMs busy {:.1f} %; {} commands on "
            "{} channels ({} copied or set, {} channel errors); {} mailbox requests",
            gpu->basename(), gpu->kernels_completed(), 100 * fraction(a.kernel_busy_s, sim_s),
            100 * fraction(a.sm_busy_s, sim_s * gpu->params().sms), commands, a.channels.size(),
            bytes_text(bytes), errors, a.mailbox_requests);
    }
    for (const auto& lpu : node.lpus()) {
        const auto a = lpu->activity();
        log->info(
            "report: {}: {} runs ({} failed), busy {:.1f} %, {} cycles; DMA {} transfers, {}; {} "
            "mailbox requests; ECC {} corrected {} detected",
            lpu->basename(), a.runs, a.failed_runs, 100 * fraction(a.busy.to_seconds(), sim_s),
            a.cycles, a.dma_transfers, bytes_text(a.dma_bytes), a.mailbox_requests, a.ecc_corrected,
            a.ecc_detected);
    }
    const auto f = node.fabric().summary();
    const std::uint64_t window_ps = trace::now_ps();
    std::string links;
    for (const auto& [name, st] : f.links) {
        if (st.bytes == 0) continue;
        links += fmt::format("{}{} {}, {:.2f} %", links.empty() ? "" : "; ", name,
                             bytes_text(st.bytes), 100 * st.utilisation(window_ps));
    }
    log->info("report: links: {}", links.empty() ? std::string("no traffic") : links);
    log->info("report: caches {} hits, {} misses; directories {} transactions, {} snoops",
              f.cache_hits, f.cache_misses, f.home_transactions, f.home_snoops);
}

}  // namespace nodevp::platform
