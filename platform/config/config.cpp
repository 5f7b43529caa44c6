#include "platform/config/config.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "platform/config/embedded_configs.hpp"

namespace nodevp::platform {

namespace {

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return {};
    const auto e = s.find_last_not_of(" \t");
    return s.substr(b, e - b + 1);
}

// Splits "123 MiB" / "10us" into number and unit; false if no leading digits.
bool split_number(const std::string& text, std::string& number, std::string& unit) {
    const std::string t = trim(text);
    std::size_t i = 0;
    if (t.rfind("0x", 0) == 0 || t.rfind("0X", 0) == 0) {
        i = 2;
        while (i < t.size() && std::isxdigit(static_cast<unsigned char>(t[i]))) ++i;
    } else {
        while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
    }
    if (i == 0 || (i == 2 && t.size() >= 2 && (t[1] == 'x' || t[1] == 'X'))) return false;
    number = t.substr(0, i);
    unit = trim(t.substr(i));
    return true;
}

ValueKind classify(const std::string& text) {
    std::string number, unit;
    if (text == "true" || text == "false") return ValueKind::boolean;
    if (split_number(text, number, unit)) {
        if (unit.empty()) return ValueKind::integer;
        if (unit == "B" || unit == "KiB" || unit == "MiB" || unit == "GiB" || unit == "TiB")
            return ValueKind::size;
        if (unit == "ps" || unit == "ns" || unit == "us" || unit == "ms" || unit == "s")
            return ValueKind::time;
    }
    return ValueKind::string;
}

const char* kind_name(ValueKind k) {
    switch (k) {
        case ValueKind::integer:
            return "an integer";
        case ValueKind::size:
            return "a size (e.g. 256MiB)";
        case ValueKind::time:
            return "a time (e.g. 10 us)";
        case ValueKind::boolean:
            return "true or false";
        case ValueKind::string:
            return "a string";
    }
    return "?";
}

std::string unescape(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) {
            const char c = s[++i];
            out += c == 'n' ? '\n' : c == 'r' ? '\r' : c == 't' ? '\t' : c;
        } else {
            out += s[i];
        }
    }
    return out;
}

void flatten(const YAML::Node& node, const std::string& prefix,
             std::vector<std::pair<std::string, std::string>>& out, const std::string& source) {
    if (node.IsMap()) {
        for (const auto& kv : node)
            flatten(kv.second,
                    prefix.empty() ? kv.first.as<std::string>()
                                   : prefix + "." + kv.first.as<std::string>(),
                    out, source);
    } else if (node.IsScalar()) {
        out.emplace_back(prefix, node.as<std::string>());
    } else if (node.IsNull()) {
        if (!prefix.empty()) out.emplace_back(prefix, "");
    } else {
        throw ConfigError(fmt::format("{}: key '{}' must be a value or a mapping", source, prefix));
    }
}

std::vector<std::pair<std::string, std::string>> parse_yaml(const std::string& text,
                                                            const std::string& source) {
    std::vector<std::pair<std::string, std::string>> out;
    try {
        const YAML::Node root = YAML::Load(text);
        if (!root.IsNull() && !root.IsMap())
            throw ConfigError(fmt::format("{}: the top level must be a mapping", source));
        flatten(root, "", out, source);
    } catch (const YAML::Exception& e) {
        throw ConfigError(fmt::format("{}: line {}: {}", source, e.mark.line + 1, e.msg));
    }
    return out;
}

}  // namespace

std::uint64_t parse_integer(const std::string& text, const std::string& what) {
    std::string number, unit;
    if (!split_number(text, number, unit) || !unit.empty())
        throw ConfigError(fmt::format("{}: '{}' is not an integer", what, text));
    try {
        std::size_t used = 0;
        const std::uint64_t v = std::stoull(number, &used, 0);
        return v;
    } catch (const std::exception&) {
        throw ConfigError(fmt::format("{}: '{}' is out of range", what, text));
    }
}

std::uint64_t parse_size(const std::string& text, const std::string& what) {
    std::string number, unit;
    if (!split_number(text, number, unit))
        throw ConfigError(fmt::format("{}: '{}' is not a size (e.g. 256MiB)", what, text));
    const std::uint64_t n = parse_integer(number, what);
    unsigned shift = 0;
    if (unit.empty() || unit == "B")
        shift = 0;
    else if (unit == "KiB")
        shift = 10;
    else if (unit == "MiB")
        shift = 20;
    else if (unit == "GiB")
        shift = 30;
    else if (unit == "TiB")
        shift = 40;
    else
        throw ConfigError(
            fmt::format("{}: unknown size unit '{}' (B, KiB, MiB, GiB, TiB)", what, unit));
    if (shift && (n >> (64 - shift)) != 0)
        throw ConfigError(fmt::format("{}: '{}' is out of range", what, text));
    return n << shift;
}

sc_core::sc_time parse_time(const std::string& text, const std::string& what) {
    std::string number, unit;
    if (!split_number(text, number, unit))
        throw ConfigError(fmt::format("{}: '{}' is not a time (e.g. 10 us)", what, text));
    const double n = static_cast<double>(parse_integer(number, what));
    if (unit == "ps") return sc_core::sc_time(n, sc_core::SC_PS);
    if (unit == "ns") return sc_core::sc_time(n, sc_core::SC_NS);
    if (unit == "us") return sc_core::sc_time(n, sc_core::SC_US);
    if (unit == "ms") return sc_core::sc_time(n, sc_core::SC_MS);
    if (unit == "s") return sc_core::sc_time(n, sc_core::SC_SEC);
    throw ConfigError(fmt::format("{}: '{}' needs a time unit (ps, ns, us, ms, s)", what, text));
}

bool parse_boolean(const std::string& text, const std::string& what) {
    if (text == "true") return true;
    if (text == "false") return false;
    throw ConfigError(fmt::format("{}: '{}' is not true or false", what, text));
}

std::vector<std::string> Config::embedded_names() {
    std::vector<std::string> names;
    for (const auto& c : embedded_configs()) names.emplace_back(c.name);
    return names;
}

Config::Config() {
    for (const auto& c : embedded_configs()) {
        if (c.name != "default") continue;
        for (auto& [key, text] : parse_yaml(std::string(c.text), "default.yaml"))
            entries_.push_back({key, classify(text), text, "default"});
        return;
    }
    throw ConfigError("internal: the default configuration is not embedded");
}

void Config::apply(const std::string& name_or_path) {
    for (const auto& c : embedded_configs())
        if (c.name == name_or_path)
            return apply_yaml(std::string(c.text), std::string(c.name) + ".yaml");
    std::ifstream in(name_or_path);
    if (!in) {
        std::string names;
        for (const auto& n : embedded_names()) names += (names.empty() ? "" : ", ") + n;
        throw ConfigError(
            fmt::format("config '{}': no such file, and not one of the built-in "
                        "configurations ({})",
                        name_or_path, names));
    }
    std::ostringstream text;
    text << in.rdbuf();
    apply_yaml(text.str(), name_or_path);
}

void Config::apply_yaml(const std::string& text, const std::string& source) {
    for (auto& [key, value] : parse_yaml(text, source)) set(key, value, source);
}

void Config::set(const std::string& assignment) {
    const auto eq = assignment.find('=');
    if (eq == std::string::npos || eq == 0)
        throw ConfigError(fmt::format("--set '{}': expected key=value", assignment));
    set(trim(assignment.substr(0, eq)), unescape(assignment.substr(eq + 1)), "--set");
}

void Config::set(const std::string& key, const std::string& value, const std::string& source) {
    Entry* e = find(key);
    if (!e) throw ConfigError(fmt::format("{}: unknown configuration key '{}'", source, key));
    const std::string what = fmt::format("{}: {}", source, key);
    switch (e->kind) {
        case ValueKind::integer:
            parse_integer(value, what);
            break;
        case ValueKind::size:
            parse_size(value, what);
            break;
        case ValueKind::time:
            parse_time(value, what);
            break;
        case ValueKind::boolean:
            parse_boolean(value, what);
            break;
        case ValueKind::string:
            break;
    }
    e->text = e->kind == ValueKind::string ? value : trim(value);
    e->source = source;
}

Config::Entry* Config::find(const std::string& key) {
    for (auto& e : entries_)
        if (e.key == key) return &e;
    return nullptr;
}

const Config::Entry* Config::find(const std::string& key) const {
    return const_cast<Config*>(this)->find(key);
}

bool Config::has(const std::string& key) const {
    return find(key) != nullptr;
}

const Config::Entry& Config::entry(const std::string& key, ValueKind expected) const {
    const Entry* e = find(key);
    if (!e) throw ConfigError(fmt::format("internal: no configuration key '{}'", key));
    const bool ok =
        e->kind == expected || (expected == ValueKind::integer && e->kind == ValueKind::size);
    if (!ok)
        throw ConfigError(fmt::format("internal: key '{}' is {}, not {}", key, kind_name(e->kind),
                                      kind_name(expected)));
    return *e;
}

std::uint64_t Config::integer(const std::string& key) const {
    const Entry& e = entry(key, ValueKind::integer);
    return e.kind == ValueKind::size ? parse_size(e.text, key) : parse_integer(e.text, key);
}

bool Config::boolean(const std::string& key) const {
    return parse_boolean(entry(key, ValueKind::boolean).text, key);
}

const std::string& Config::string(const std::string& key) const {
    return entry(key, ValueKind::string).text;
}

sc_core::sc_time Config::time(const std::string& key) const {
    return parse_time(entry(key, ValueKind::time).text, key);
}

std::string Config::dump() const {
    YAML::Emitter out;
    out << YAML::BeginMap;
    std::vector<std::string> open;  // components of the currently open nested maps
    for (const auto& e : entries_) {
        std::vector<std::string> parts;
        std::stringstream ss(e.key);
        for (std::string p; std::getline(ss, p, '.');) parts.push_back(p);
        std::size_t common = 0;
        while (common < open.size() && common + 1 < parts.size() && open[common] == parts[common])
            ++common;
        for (std::size_t i = open.size(); i > common; --i) out << YAML::EndMap;
        open.resize(common);
        for (std::size_t i = common; i + 1 < parts.size(); ++i) {
            out << YAML::Key << parts[i] << YAML::Value << YAML::BeginMap;
            open.push_back(parts[i]);
        }
        out << YAML::Key << parts.back() << YAML::Value;
        if (e.kind == ValueKind::string) out << YAML::DoubleQuoted;
        out << e.text;
        if (e.source != "default") out << YAML::Comment("from " + e.source);
    }
    for (std::size_t i = 0; i < open.size(); ++i) out << YAML::EndMap;
    out << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

}  // namespace nodevp::platform
