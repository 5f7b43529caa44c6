// The node configuration: typed key/value settings, resolved from the embedded `default` node,
// an optional named or file configuration overlaid on it, and `--set key=value` overrides.
//
// The `default` file is the schema: a key that it lacks is an error, and every value must have
// the form (integer, size, time, boolean, string) of the default value. Errors are ConfigError
// with one line naming the key, the value and the source.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include <systemc>

namespace nodevp::platform {

class ConfigError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

enum class ValueKind { integer, size, time, boolean, string };

class Config {
  public:
    // The embedded `default` configuration.
    Config();

    // Overlays a named embedded configuration ("default", "full") or a YAML file.
    void apply(const std::string& name_or_path);
    // Overlays YAML text; `source` names it in errors.
    void apply_yaml(const std::string& text, const std::string& source);
    // Applies "key=value" (dotted key).
    void set(const std::string& assignment);
    void set(const std::string& key, const std::string& value, const std::string& source);

    std::uint64_t integer(const std::string& key) const;  // integer or size
    bool boolean(const std::string& key) const;
    const std::string& string(const std::string& key) const;
    sc_core::sc_time time(const std::string& key) const;
    bool has(const std::string& key) const;

    // The resolved configuration as YAML, in schema order.
    std::string dump() const;

    static std::vector<std::string> embedded_names();

  private:
    struct Entry {
        std::string key;
        ValueKind kind;
        std::string text;    // as given (normalised)
        std::string source;  // where the value came from
    };
    const Entry& entry(const std::string& key, ValueKind expected) const;
    Entry* find(const std::string& key);
    const Entry* find(const std::string& key) const;

    std::vector<Entry> entries_;
};

// Parsers shared with the CLI. Each throws ConfigError naming `what` on a bad value.
std::uint64_t parse_integer(const std::string& text, const std::string& what);
std::uint64_t parse_size(const std::string& text, const std::string& what);
sc_core::sc_time parse_time(const std::string& text, const std::string& what);
bool parse_boolean(const std::string& text, const std::string& what);

}  // namespace nodevp::platform
