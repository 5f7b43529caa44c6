#include "models/common/memory.hpp"

#include <sys/mman.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>

#include <fmt/format.h>

namespace nodevp {

namespace {
constexpr std::uint64_t kPageShift = 12;
constexpr std::uint64_t kPageSize = 1ULL << kPageShift;
}  // namespace

Memory::Memory(const sc_core::sc_module_name& name, const Params& params)
    : sc_module(name),
      tsock("tsock"),
      log_(log::get(this->name())),
      size_(params.size),
      mapped_size_((params.size + kPageSize - 1) & ~(kPageSize - 1)),
      base_(nullptr),
      params_(params) {
    if (size_ == 0)
        throw std::invalid_argument(fmt::format("{}: memory size is zero", this->name()));
    void* p = ::mmap(nullptr, mapped_size_, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        throw std::system_error(errno, std::generic_category(),
                                fmt::format("{}: cannot reserve {} bytes", this->name(), size_));
    base_ = static_cast<std::uint8_t*>(p);
    tsock.register_b_transport(this, &Memory::b_transport);
    tsock.register_get_direct_mem_ptr(this, &Memory::get_direct_mem_ptr);
    tsock.register_transport_dbg(this, &Memory::transport_dbg);
}

Memory::~Memory() {
    ::munmap(base_, mapped_size_);
}

void Memory::load(std::uint64_t offset, const void* src, std::uint64_t length) {
    if (!in_range(offset, length))
        throw std::out_of_range(
            fmt::format("{}: load of {} bytes at offset {:#x} past the end ({:#x})", name(), length,
                        offset, size_));
    std::memcpy(base_ + offset, src, length);
}

void Memory::watch_writes(std::uint64_t offset, std::uint64_t length, WriteWatch callback) {
    if (length == 0 || !in_range(offset, length))
        throw std::out_of_range(
            fmt::format("{}: watch at {:#x}+{} outside memory", name(), offset, length));
    watches_[offset] = Watch{length, std::move(callback)};
    const std::uint64_t first = offset >> kPageShift, last = (offset + length - 1) >> kPageShift;
    for (std::uint64_t p = first; p <= last; ++p) ++watched_pages_[p];
    tsock->invalidate_direct_mem_ptr(first << kPageShift, ((last + 1) << kPageShift) - 1);
}

void Memory::b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
    const std::uint64_t offset = gp.get_address();
    const unsigned length = gp.get_data_length();
    if (!in_range(offset, length)) {
        log_->warn("{} of {} byte(s) at offset {:#x} outside memory of {:#x} bytes",
                   gp.is_write() ? "write" : "read", length, offset, size_);
        gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return;
    }
    if (gp.get_streaming_width() < length) {
        gp.set_response_status(tlm::TLM_BURST_ERROR_RESPONSE);
        return;
    }
    const unsigned char* be = gp.get_byte_enable_ptr();
    const unsigned be_len = gp.get_byte_enable_length();
    std::uint8_t* mem = base_ + offset;
    std::uint8_t* data = gp.get_data_ptr();
    switch (gp.get_command()) {
        case tlm::TLM_READ_COMMAND:
            if (!be) {
                std::memcpy(data, mem, length);
            } else {
                for (unsigned i = 0; i < length; ++i)
                    if (be[i % be_len] == TLM_BYTE_ENABLED) data[i] = mem[i];
            }
            delay += params_.read_latency;
            break;
        case tlm::TLM_WRITE_COMMAND:
            if (params_.read_only) {
                log_->warn("write of {} byte(s) at offset {:#x} to read-only memory", length,
                           offset);
                gp.set_response_status(tlm::TLM_COMMAND_ERROR_RESPONSE);
                return;
            }
            if (!be) {
                std::memcpy(mem, data, length);
            } else {
                for (unsigned i = 0; i < length; ++i)
                    if (be[i % be_len] == TLM_BYTE_ENABLED) mem[i] = data[i];
            }
            delay += params_.write_latency;
            if (!watches_.empty()) {
                // Watches are few; notify every one the write overlaps.
                for (auto& [woff, w] : watches_)
                    if (offset < woff + w.length && woff < offset + length)
                        w.callback(offset, length);
            }
            break;
        case tlm::TLM_IGNORE_COMMAND:
            break;
    }
    gp.set_dmi_allowed(!watched_pages_.count(offset >> kPageShift));
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
}

bool Memory::get_direct_mem_ptr(tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi) {
    const std::uint64_t offset = gp.get_address();
    if (offset >= size_) return false;
    std::uint64_t lo = 0, hi = size_ - 1;  // inclusive range without watched pages
    const std::uint64_t page = offset >> kPageShift;
    if (!watched_pages_.empty()) {
        auto above = watched_pages_.lower_bound(page);
        if (above != watched_pages_.end() && above->first == page) {
            dmi.set_start_address(page << kPageShift);
            dmi.set_end_address(std::min(((page + 1) << kPageShift) - 1, size_ - 1));
            return false;
        }
        if (above != watched_pages_.end()) hi = (above->first << kPageShift) - 1;
        if (above != watched_pages_.begin()) lo = (std::prev(above)->first + 1) << kPageShift;
    }
    dmi.set_dmi_ptr(base_ + lo);
    dmi.set_start_address(lo);
    dmi.set_end_address(hi);
    dmi.set_read_latency(params_.read_latency);
    dmi.set_write_latency(params_.write_latency);
    if (params_.read_only)
        dmi.allow_read();
    else
        dmi.allow_read_write();
    return true;
}

unsigned Memory::transport_dbg(tlm::tlm_generic_payload& gp) {
    const std::uint64_t offset = gp.get_address();
    if (offset >= size_) {
        gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return 0;
    }
    const unsigned length =
        static_cast<unsigned>(std::min<std::uint64_t>(gp.get_data_length(), size_ - offset));
    if (gp.is_read())
        std::memcpy(gp.get_data_ptr(), base_ + offset, length);
    else if (gp.is_write())
        std::memcpy(base_ + offset, gp.get_data_ptr(), length);
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
    return length;
}

}  // namespace nodevp
