// nodevp: command-line front end. All the work is in the nodevp_platform library.
#include <cstdlib>
#include <iostream>

#include <CLI/CLI.hpp>
#include <systemc>

#include "platform/config/config.hpp"
#include "platform/node.hpp"
#include "platform/simulation.hpp"

int sc_main(int argc, char* argv[]) {
    using nodevp::platform::RunOptions;
    RunOptions o;
    CLI::App app{
        "nodevp: SystemC/TLM-2.0 virtual platform of a hybrid AI inference node.\n"
        "Boots the node described by the configuration and runs the guest image on its host "
        "harts;\nwithout an image, the hybrid inference demo (docs/demo/running.md).\n"
        "Exit codes: the guest's own (sysctl/HTIF), 64 configuration error, 65 load error,\n"
        "66 guest fault, 67 time-out, 68 the demo's tokens differ from the host reference or it "
        "stopped\nearly, 70 internal error.",
        "nodevp"};
    std::string image;
    app.add_option("image", image,
                   "Guest ELF for the host harts (default: the hybrid inference demo)");
    app.add_option("-c,--config", o.config,
                   "Node configuration: a built-in name (default, full) or a YAML file")
        ->capture_default_str();
    app.add_option("-s,--set", o.sets, "Override one configuration key: key=value (repeatable)")
        ->allow_extra_args(false);
    std::string max_time, quantum, seed, fidelity, boot;
    app.add_option("--boot", boot,
                   "What the host harts boot (boot.mode): bare (the image in M mode), uboot "
                   "(OpenSBI fw_jump + U-Boot to its prompt) or sbi (OpenSBI fw_jump + the image "
                   "as its S-mode payload); see docs/boot.md");
    app.add_option("--max-time", max_time,
                   "Stop with a time-out after this simulated time (e.g. 10ms)");
    app.add_option("--quantum", quantum, "Temporal-decoupling quantum (e.g. 1us)");
    app.add_option("--seed", seed, "Seed of every random choice in the models");
    app.add_option("--fidelity", fidelity,
                   "Fabric fidelity: fast (DMI, caches not simulated) or timed (every host access "
                   "through its cache and the coherence protocol)");
    app.add_option("--log", o.log_levels,
                   "Log levels: 'level' or 'component=level[,...]' (trace, debug, info, warn, "
                   "error, off); e.g. --log hart0=trace")
        ->allow_extra_args(false);
    app.add_option("--log-file", o.log_file, "Write log lines to this file instead of stderr");
    app.add_option("--stats", o.stats_file, "Write the end-of-run report as JSON to this file");
    app.add_option("--trace", o.trace_file,
                   "Write a timeline of the run (harts, GPU channels and kernels, LPU programs, "
                   "DMA, mailboxes, C2C link transfers) as Chrome trace-event JSON to this file, "
                   "for ui.perfetto.dev or chrome://tracing; see docs/trace.md");
    app.add_option("--vcd", o.vcd_file,
                   "Write waveforms of the LPU's RTL units (lpu.mxm.impl / lpu.vxm.impl = rtl) "
                   "to this VCD file");
    unsigned gdb_port = 0;
    auto* gdb_opt = app.add_option(
        "--gdb", gdb_port,
        "Wait for gdb on 127.0.0.1:PORT before the run (0: any free port, printed on stderr); "
        "see docs/debugging.md");
    app.add_option("--gdb-target", o.gdb_target,
                   "The cores gdb sees as threads: host (all host harts), lpu<N>.dmc or gpu.gsp")
        ->capture_default_str();
    app.add_flag("--print-config", o.print_config, "Print the resolved configuration and exit");
    app.set_version_flag("--version", "nodevp 0.1.0");
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "nodevp: " << e.what() << " (see --help)\n";
        return nodevp::platform::kExitConfigError;
    }
    if (!image.empty()) o.image = image;
    if (gdb_opt->count()) o.gdb_port = gdb_port;
    if (!max_time.empty()) o.max_time = max_time;
    if (!quantum.empty()) o.quantum = quantum;
    if (!seed.empty()) o.seed = seed;
    if (!fidelity.empty()) o.fidelity = fidelity;
    if (!boot.empty()) o.boot = boot;
    return nodevp::platform::run(o);
}

int main(int argc, char* argv[]) {
    // Keep stdout for the guest: no SystemC banner.
    setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 0);
    return sc_core::sc_elab_and_sim(argc, argv);
}
