#include "models/common/regbank.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

namespace nodevp {

namespace {
std::uint64_t bits(unsigned lsb, unsigned width) {
    return (width >= 64 ? ~0ULL : ((1ULL << width) - 1)) << lsb;
}
}  // namespace

std::uint64_t Register::field(const std::string& name) const {
    for (const auto& f : fields_)
        if (f.name == name) return (value_ & bits(f.lsb, f.width)) >> f.lsb;
    throw std::logic_error(fmt::format("register {} has no field {}", name_, name));
}

Register& Register::min_access(unsigned bytes) {
    if (bytes == 0 || bytes > width_ || (bytes & (bytes - 1)) != 0)
        throw std::logic_error(fmt::format("register {}: bad min_access {}", name_, bytes));
    min_access_ = bytes;
    return *this;
}

RegisterBank::RegisterBank(std::string owner) : owner_(std::move(owner)), log_(log::get(owner_)) {}

Register& RegisterBank::add(std::string name, std::uint64_t offset, unsigned width,
                            std::uint64_t reset, std::vector<Field> fields) {
    auto fail = [&](const std::string& why) {
        throw std::logic_error(
            fmt::format("{}: register {} at {:#x}: {}", owner_, name, offset, why));
    };
    if (width != 1 && width != 2 && width != 4 && width != 8) fail("width must be 1, 2, 4 or 8");
    if (offset % width != 0) fail("offset not aligned to its width");
    Register r;
    r.name_ = std::move(name);
    r.offset_ = offset;
    r.width_ = width;
    r.min_access_ = width;
    if (fields.empty()) fields.push_back({"value", 0, 8 * width, Access::rw});
    std::uint64_t used = 0;
    for (const auto& f : fields) {
        if (f.width == 0 || f.lsb + f.width > 8 * width) fail("field " + f.name + " does not fit");
        const std::uint64_t m = bits(f.lsb, f.width);
        if (used & m) fail("field " + f.name + " overlaps another field");
        used |= m;
        switch (f.access) {
            case Access::rw:
                r.rw_ |= m;
                r.readable_ |= m;
                break;
            case Access::ro:
                r.readable_ |= m;
                break;
            case Access::wo:
                r.wo_ |= m;
                break;
            case Access::w1c:
                r.w1c_ |= m;
                r.readable_ |= m;
                break;
            case Access::w1s:
                r.w1s_ |= m;
                r.readable_ |= m;
                break;
            case Access::rc:
                r.rc_ |= m;
                r.readable_ |= m;
                break;
        }
    }
    r.fields_ = std::move(fields);
    r.reset_ = reset & r.full_mask();
    r.value_ = r.reset_;
    auto pos = std::lower_bound(regs_.begin(), regs_.end(), offset,
                                [](const Register& a, std::uint64_t o) { return a.offset_ < o; });
    if (pos != regs_.end() && pos->offset_ < offset + width)
        fail("overlaps register " + pos->name_);
    if (pos != regs_.begin() && std::prev(pos)->offset_ + std::prev(pos)->width_ > offset)
        fail("overlaps register " + std::prev(pos)->name_);
    return *regs_.insert(pos, std::move(r));
}

Register* RegisterBank::find(std::uint64_t offset) {
    auto pos = std::upper_bound(regs_.begin(), regs_.end(), offset,
                                [](std::uint64_t o, const Register& a) { return o < a.offset_; });
    if (pos == regs_.begin()) return nullptr;
    --pos;
    return offset < pos->offset_ + pos->width_ ? &*pos : nullptr;
}

Register& RegisterBank::at(const std::string& name) {
    for (auto& r : regs_)
        if (r.name_ == name) return r;
    throw std::logic_error(fmt::format("{}: no register named {}", owner_, name));
}

void RegisterBank::reset() {
    for (auto& r : regs_) r.value_ = r.reset_;
}

Register* RegisterBank::decode(std::uint64_t offset, unsigned size,
                               tlm::tlm_response_status& status) {
    Register* r = find(offset);
    if (!r) {
        status = tlm::TLM_ADDRESS_ERROR_RESPONSE;
        return nullptr;
    }
    const bool size_ok = size >= r->min_access_ && size <= r->width_ && (size & (size - 1)) == 0 &&
                         offset % size == 0;
    if (!size_ok) {
        status = tlm::TLM_GENERIC_ERROR_RESPONSE;
        return nullptr;
    }
    return r;
}

void RegisterBank::transport(tlm::tlm_generic_payload& gp) {
    const std::uint64_t offset = gp.get_address();
    const unsigned size = gp.get_data_length();
    const bool is_write = gp.is_write();
    if (gp.get_byte_enable_ptr()) {
        log_->warn("{} at offset {:#x}: byte enables are not supported",
                   is_write ? "write" : "read", offset);
        gp.set_response_status(tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
        return;
    }
    if (gp.get_streaming_width() < size) {
        gp.set_response_status(tlm::TLM_BURST_ERROR_RESPONSE);
        return;
    }
    tlm::tlm_response_status status = tlm::TLM_OK_RESPONSE;
    Register* r = decode(offset, size, status);
    if (!r) {
        log_->warn("{} of {} byte(s) at offset {:#x}: {}", is_write ? "write" : "read", size,
                   offset,
                   status == tlm::TLM_ADDRESS_ERROR_RESPONSE ? "no register there"
                                                             : "access width not allowed");
        gp.set_response_status(status);
        return;
    }
    const unsigned shift = 8 * static_cast<unsigned>(offset - r->offset_);
    const std::uint64_t lane = (size == 8 ? ~0ULL : ((1ULL << (8 * size)) - 1)) << shift;
    if (is_write) {
        std::uint64_t data = 0;
        std::memcpy(&data, gp.get_data_ptr(), size);
        data <<= shift;
        const std::uint64_t old = r->value_;
        std::uint64_t v = old;
        v = (v & ~(r->rw_ & lane)) | (data & r->rw_ & lane);
        v = (v & ~(r->wo_ & lane)) | (data & r->wo_ & lane);
        v &= ~(data & r->w1c_ & lane);
        v |= data & r->w1s_ & lane;
        r->value_ = v & r->full_mask();
        log_->trace("write {} <- {:#x} (was {:#x})", r->name_, r->value_, old);
        if (r->write_hook_) r->write_hook_(*r, old);
    } else {
        std::uint64_t v = r->read_hook_ ? r->read_hook_(*r) : (r->value_ & r->readable_);
        if (r->rc_) r->value_ &= ~(r->rc_ & lane);
        v = (v & lane) >> shift;
        std::memcpy(gp.get_data_ptr(), &v, size);
        log_->trace("read {} -> {:#x}", r->name_, v);
    }
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
}

unsigned RegisterBank::transport_dbg(tlm::tlm_generic_payload& gp) {
    const std::uint64_t base = gp.get_address();
    unsigned char* data = gp.get_data_ptr();
    unsigned done = 0;
    for (; done < gp.get_data_length(); ++done) {
        Register* r = find(base + done);
        if (!r) break;
        const unsigned shift = 8 * static_cast<unsigned>(base + done - r->offset_);
        if (gp.is_write()) {
            r->value_ = (r->value_ & ~(0xffULL << shift)) |
                        (static_cast<std::uint64_t>(data[done]) << shift);
        } else {
            data[done] = static_cast<unsigned char>((r->value_ & r->readable_) >> shift);
        }
    }
    gp.set_response_status(done ? tlm::TLM_OK_RESPONSE : tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return done;
}

}  // namespace nodevp
