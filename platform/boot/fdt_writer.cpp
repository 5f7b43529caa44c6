#include "platform/boot/fdt_writer.hpp"

extern "C" {
#include <libfdt.h>
}

namespace nodevp::boot {

FdtWriter::FdtWriter(std::size_t capacity) : buf_(capacity) {
    check(fdt_create(buf_.data(), static_cast<int>(buf_.size())), "fdt_create");
    check(fdt_finish_reservemap(buf_.data()), "fdt_finish_reservemap");
}

void FdtWriter::check(int err, const char* what) {
    if (err == -FDT_ERR_NOSPACE) throw NoSpace();
    if (err < 0) throw std::logic_error(std::string(what) + ": " + fdt_strerror(err));
}

void FdtWriter::begin_node(const std::string& name) {
    check(fdt_begin_node(buf_.data(), name.c_str()), "fdt_begin_node");
}

void FdtWriter::end_node() {
    check(fdt_end_node(buf_.data()), "fdt_end_node");
}

void FdtWriter::prop_raw(const char* name, const void* data, std::size_t len) {
    check(fdt_property(buf_.data(), name, data, static_cast<int>(len)), name);
}

void FdtWriter::prop_empty(const char* name) {
    static const char kNothing = 0;  // libfdt memcpys from the pointer even for length 0
    prop_raw(name, &kNothing, 0);
}

void FdtWriter::prop_u32(const char* name, std::uint32_t value) {
    check(fdt_property_u32(buf_.data(), name, value), name);
}

void FdtWriter::prop_cells(const char* name, const std::vector<std::uint32_t>& cells) {
    std::vector<fdt32_t> be;
    be.reserve(cells.size());
    for (std::uint32_t c : cells) be.push_back(cpu_to_fdt32(c));
    prop_raw(name, be.data(), be.size() * sizeof(fdt32_t));
}

void FdtWriter::prop_reg64(const char* name, std::uint64_t base, std::uint64_t size) {
    prop_cells(name, {static_cast<std::uint32_t>(base >> 32), static_cast<std::uint32_t>(base),
                      static_cast<std::uint32_t>(size >> 32), static_cast<std::uint32_t>(size)});
}

void FdtWriter::prop_string(const char* name, std::string_view value) {
    std::string s(value);
    check(fdt_property_string(buf_.data(), name, s.c_str()), name);
}

std::vector<std::uint8_t> FdtWriter::finish() {
    check(fdt_finish(buf_.data()), "fdt_finish");
    buf_.resize(fdt_totalsize(buf_.data()));
    return std::move(buf_);
}

}  // namespace nodevp::boot
