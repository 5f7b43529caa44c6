// Thin typed wrapper over libfdt's sequential-write API. Values are given in host order and
// stored big-endian. Any libfdt error throws FdtWriter::NoSpace (buffer too small: retry with a
// larger one) or std::logic_error (a bug in the caller's node structure).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace nodevp::boot {

class FdtWriter {
  public:
    struct NoSpace : std::runtime_error {
        NoSpace() : std::runtime_error("fdt buffer too small") {}
    };

    explicit FdtWriter(std::size_t capacity);

    void begin_node(const std::string& name);
    void end_node();
    void prop_empty(const char* name);
    void prop_u32(const char* name, std::uint32_t value);
    void prop_cells(const char* name, const std::vector<std::uint32_t>& cells);
    // Two-cell address and two-cell size.
    void prop_reg64(const char* name, std::uint64_t base, std::uint64_t size);
    void prop_string(const char* name, std::string_view value);
    // A stringlist; empty entries are skipped.
    template <typename Range>
    void prop_strings(const char* name, const Range& values) {
        std::string blob;
        for (std::string_view v : values) {
            if (!v.empty()) blob.append(v).push_back('\0');
        }
        prop_raw(name, blob.data(), blob.size());
    }
    void prop_strings(const char* name, std::initializer_list<std::string_view> values) {
        prop_strings<std::initializer_list<std::string_view>>(name, values);
    }

    // Finishes the tree and returns it trimmed to its total size.
    std::vector<std::uint8_t> finish();

  private:
    void prop_raw(const char* name, const void* data, std::size_t len);
    void check(int err, const char* what);
    std::vector<std::uint8_t> buf_;
};

}  // namespace nodevp::boot
