#include "platform/simulation.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <vector>

#include <fmt/format.h>

#include "models/common/log.hpp"
#include "models/common/trace.hpp"
#include "platform/boot/elf.hpp"
#include "platform/boot_modes.hpp"
#include "platform/config/config.hpp"
#include "platform/gdb/gdb_stub.hpp"
#include "platform/node.hpp"
#include "platform/report.hpp"
#ifdef NODEVP_HAVE_RTL
#include "rtl/lpu/wrap/rtl_units.hpp"
#endif

#ifndef NODEVP_DEFAULT_IMAGE
#define NODEVP_DEFAULT_IMAGE ""
#endif
#ifndef NODEVP_DEFAULT_SBI_IMAGE
#define NODEVP_DEFAULT_SBI_IMAGE ""
#endif

namespace nodevp::platform {

namespace {

// SystemC's own reports go to the log (never to stdout, which belongs to the guest). Errors and
// fatals keep SystemC's default actions (throw / abort), which run() turns into exit codes.
void systemc_report_handler(const sc_core::sc_report& report, const sc_core::sc_actions& actions) {
    static const log::Logger logger = log::get("systemc");
    if (actions & sc_core::SC_DISPLAY) {
        spdlog::level::level_enum level = spdlog::level::debug;
        switch (report.get_severity()) {
            case sc_core::SC_INFO:
                level = spdlog::level::debug;
                break;
            case sc_core::SC_WARNING:
                level = spdlog::level::warn;
                break;
            default:
                level = spdlog::level::err;
                break;
        }
        logger->log(level, "{}: {}", report.get_msg_type(), report.get_msg());
    }
    if (actions & sc_core::SC_THROW) throw report;
    if (actions & sc_core::SC_STOP) sc_core::sc_stop();
    if (actions & sc_core::SC_ABORT) std::abort();
}

Config resolve_config(const RunOptions& o) {
    Config config;
    if (o.config != "default") config.apply(o.config);
    for (const auto& s : o.sets) config.set(s);
    if (o.max_time) config.set("sim.max_time", *o.max_time, "--max-time");
    if (o.quantum) config.set("sim.quantum", *o.quantum, "--quantum");
    if (o.seed) config.set("sim.seed", *o.seed, "--seed");
    if (o.fidelity) config.set("fabric.fidelity", *o.fidelity, "--fidelity");
    if (o.boot) config.set("boot.mode", *o.boot, "--boot");
    return config;
}

// --vcd: waveforms of the RTL units, opened when simulation starts.
void request_vcd(const std::string& path, const Config& config, spdlog::logger& log) {
#ifdef NODEVP_HAVE_RTL
    if (config.string("lpu.mxm.impl") != "rtl" && config.string("lpu.vxm.impl") != "rtl")
        log.warn("--vcd {}: no LPU unit has impl=rtl, the VCD holds no signals", path);
    rtl::request_vcd(path);
#else
    (void)config;
    (void)log;
    throw ConfigError("--vcd " + path +
                      ": nodevp was built without the RTL units (NODEVP_BUILD_RTL=OFF)");
#endif
}

// --trace: recording starts before the node is built (models register their tracks as they are
// built); the host harts' process comes first. The file is opened now, so a bad path is a
// configuration error before the run.
std::unique_ptr<std::ofstream> open_trace(const std::string& path) {
    if (path.empty()) return nullptr;
    auto out = std::make_unique<std::ofstream>(path);
    if (!*out) throw ConfigError(fmt::format("--trace: cannot write '{}'", path));
    trace::enable();
    trace::recorder().process("host");
    return out;
}

void write_trace(std::ofstream& out, const std::string& path, spdlog::logger& log) {
    const trace::Recorder& r = trace::recorder();
    r.write(out, trace::now_ps());
    out.flush();
    if (!out) log.error("--trace: writing '{}' failed", path);
    log.info("trace: {} events on {} tracks ({} dropped) written to {}",
             r.events() + r.open_spans(), r.tracks(), r.dropped(), path);
    trace::disable();
}

// --gdb-target: the harts one debugger session sees as its threads.
std::vector<gdb::Thread> gdb_threads(const Node& node, const std::string& target) {
    std::vector<gdb::Thread> threads;
    if (target == "host") {
        for (const auto& h : node.harts()) threads.push_back({h.get(), h->name()});
        return threads;
    }
    if (target == "gpu.gsp" && node.gpu()) return {{&node.gpu()->gsp(), "gpu.gsp"}};
    unsigned n = 0;
    char tail = 0;
    if (std::sscanf(target.c_str(), "lpu%u.dm%c", &n, &tail) == 2 && tail == 'c' &&
        target == fmt::format("lpu{}.dmc", n) && n < node.lpus().size())
        return {{&node.lpus()[n]->dmc(), target}};
    throw ConfigError(fmt::format(
        "--gdb-target {}: not a debuggable core of this node (host, gpu.gsp when gpu.count is "
        "1, lpu<N>.dmc for N below lpu.count = {})",
        target, node.lpus().size()));
}

int simulate(const RunOptions& options) {
    Config config = resolve_config(options);
    if (options.print_config) {
        std::cout << config.dump();
        return kExitSuccess;
    }
    sc_core::sc_report_handler::set_handler(systemc_report_handler);
    for (const auto& spec : options.log_levels) log::set_levels(spec);
    if (!options.log_file.empty()) log::set_output_file(options.log_file);
    auto log = log::get("nodevp");
    log->debug("resolved configuration:\n{}", config.dump());

    const BootImages boot_images(config, options.image, NODEVP_DEFAULT_IMAGE,
                                 NODEVP_DEFAULT_SBI_IMAGE);
    const std::optional<boot::ElfImage>& image = boot_images.guest();

    const sc_core::sc_time quantum = config.time("sim.quantum");
    if (quantum == sc_core::SC_ZERO_TIME) throw ConfigError("sim.quantum: must be above 0");
    tlm::tlm_global_quantum::instance().set(quantum);
    const sc_core::sc_time max_time = config.time("sim.max_time");
    const auto trace_out = open_trace(options.trace_file);

    Node node("node", config, boot_images.boot_set());
    for (const auto& h : node.harts()) h->set_trace_track(trace::track("host", h->basename()));
    if (!options.vcd_file.empty()) request_vcd(options.vcd_file, config, *log);
    std::unique_ptr<gdb::GdbStub> stub;
    if (options.gdb_port) {
        try {
            stub = std::make_unique<gdb::GdbStub>(
                "gdb", gdb_threads(node, options.gdb_target),
                gdb::GdbStub::Params{*options.gdb_port, sc_core::sc_time(10, sc_core::SC_US)});
        } catch (const std::runtime_error& e) {
            throw ConfigError(e.what());
        }
        stub->wait_for_connection();
    }
    const auto start = std::chrono::steady_clock::now();
    if (max_time == sc_core::SC_ZERO_TIME)
        sc_core::sc_start();
    else
        sc_core::sc_start(max_time);
    const double wall_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout.flush();
#ifdef NODEVP_HAVE_RTL
    if (!options.vcd_file.empty()) rtl::close_vcd();
#endif

    int code = node.outcome().exit_code;
    if (trace_out) write_trace(*trace_out, options.trace_file, *log);
    if (stub && stub->killed()) {
        log->info("run ends: killed by the debugger");
        return kExitSuccess;
    }
    if (!node.outcome().finished) {
        code = kExitTimeout;
        log->error("time-out: no exit after {} of simulated time; harts:\n{}",
                   sc_core::sc_time_stamp().to_string(), node.hart_summary());
    } else if (code == kExitGuestFault) {
        log->error("guest fault: {}; harts:\n{}", node.outcome().reason, node.hart_summary());
    }
    if (image && !node.harts().empty()) {
        if (const auto verdict = check_demo(*image, *node.harts().front(), node.demo())) {
            // The demo's verdict goes with its output, after the guest's last line.
            std::cout << "nodevp: demo check: " << verdict->message << std::endl;
            if (code == kExitSuccess && !(verdict->complete && verdict->match))
                code = kExitDemoMismatch;
        }
    }
    print_report(node, wall_s);
    if (!options.stats_file.empty()) write_stats(options.stats_file, node, wall_s);
    if (stub) stub->report_exit(code);
    return code;
}

}  // namespace

int run(const RunOptions& options) {
    try {
        return simulate(options);
    } catch (const ConfigError& e) {
        std::fprintf(stderr, "nodevp: configuration error: %s\n", e.what());
        return kExitConfigError;
    } catch (const boot::LoadError& e) {
        std::fprintf(stderr, "nodevp: load error: %s\n", e.what());
        return kExitLoadError;
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "nodevp: configuration error: %s\n", e.what());
        return kExitConfigError;
    } catch (const sc_core::sc_report& e) {
        std::fprintf(stderr, "nodevp: internal error (SystemC): %s\n", e.what());
        return kExitInternalError;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "nodevp: internal error: %s\n", e.what());
        return kExitInternalError;
    }
}

}  // namespace nodevp::platform
