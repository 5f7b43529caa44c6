#include "models/common/log.hpp"

#include <map>
#include <stdexcept>
#include <utility>
#include <vector>

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <systemc>

namespace nodevp::log {
namespace {

class SimTimeFlag final : public spdlog::custom_flag_formatter {
  public:
    void format(const spdlog::details::log_msg&, const std::tm&,
                spdlog::memory_buf_t& dest) override {
        const std::string t = sim_time_string();
        dest.append(t.data(), t.data() + t.size());
    }
    std::unique_ptr<custom_flag_formatter> clone() const override {
        return std::make_unique<SimTimeFlag>();
    }
};

struct State {
    std::vector<std::pair<std::string, spdlog::level::level_enum>> rules;  // in given order
    spdlog::level::level_enum default_level = spdlog::level::info;
    spdlog::sink_ptr sink;
    std::map<std::string, Logger, std::less<>> loggers;
};

State& state() {
    static State s;
    return s;
}

spdlog::sink_ptr make_stderr_sink() {
    auto sink = std::make_shared<spdlog::sinks::stderr_color_sink_st>();
    return sink;
}

std::unique_ptr<spdlog::formatter> make_formatter() {
    auto f = std::make_unique<spdlog::pattern_formatter>();
    f->add_flag<SimTimeFlag>('*').set_pattern("[%*] %^%-7l%$ %n: %v");
    return f;
}

bool matches(std::string_view logger, std::string_view component) {
    auto prefix_of = [](std::string_view name, std::string_view c) {
        return name == c ||
               (name.size() > c.size() && name.substr(0, c.size()) == c && name[c.size()] == '.');
    };
    if (prefix_of(logger, component)) return true;
    const auto dot = logger.find('.');
    return dot != std::string_view::npos && prefix_of(logger.substr(dot + 1), component);
}

spdlog::level::level_enum level_for(std::string_view name) {
    const State& s = state();
    auto level = s.default_level;
    std::size_t best = 0;
    for (const auto& [component, lvl] : s.rules) {
        if (component.size() >= best && matches(name, component)) {
            best = component.size();
            level = lvl;
        }
    }
    return level;
}

spdlog::level::level_enum parse_level(std::string_view text) {
    static const std::pair<std::string_view, spdlog::level::level_enum> names[] = {
        {"trace", spdlog::level::trace},       {"debug", spdlog::level::debug},
        {"info", spdlog::level::info},         {"warn", spdlog::level::warn},
        {"warning", spdlog::level::warn},      {"error", spdlog::level::err},
        {"critical", spdlog::level::critical}, {"off", spdlog::level::off}};
    for (const auto& [n, l] : names)
        if (n == text) return l;
    throw std::invalid_argument("unknown log level '" + std::string(text) +
                                "' (trace, debug, info, warn, error, critical, off)");
}

}  // namespace

std::string sim_time_string() {
    // sc_time values are integer multiples of the time resolution (1 ps by default).
    const auto ps = static_cast<unsigned long long>(
        sc_core::sc_time_stamp().value() * sc_core::sc_get_time_resolution().to_seconds() * 1e12 +
        0.5);
    return fmt::format("{}.{:06} us", ps / 1000000, ps % 1000000);
}

Logger get(std::string_view name) {
    State& s = state();
    if (auto it = s.loggers.find(name); it != s.loggers.end()) return it->second;
    if (!s.sink) s.sink = make_stderr_sink();
    auto logger = std::make_shared<spdlog::logger>(std::string(name), s.sink);
    logger->set_formatter(make_formatter());
    logger->set_level(level_for(name));
    logger->flush_on(spdlog::level::warn);
    s.loggers.emplace(std::string(name), logger);
    return logger;
}

void set_levels(std::string_view spec) {
    State& s = state();
    while (!spec.empty()) {
        const auto comma = spec.find(',');
        std::string_view item = spec.substr(0, comma);
        spec = comma == std::string_view::npos ? std::string_view{} : spec.substr(comma + 1);
        if (item.empty()) continue;
        const auto eq = item.find('=');
        if (eq == std::string_view::npos) {
            s.default_level = parse_level(item);
        } else {
            s.rules.emplace_back(std::string(item.substr(0, eq)), parse_level(item.substr(eq + 1)));
        }
    }
    for (auto& [name, logger] : s.loggers) logger->set_level(level_for(name));
}

void set_output_file(const std::string& path) {
    State& s = state();
    s.sink = path.empty() ? make_stderr_sink()
                          : std::make_shared<spdlog::sinks::basic_file_sink_st>(path, true);
    for (auto& [name, logger] : s.loggers) {
        logger->sinks().assign(1, s.sink);
        logger->set_formatter(make_formatter());
    }
}

}  // namespace nodevp::log
