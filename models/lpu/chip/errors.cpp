// Error codes and reports (docs/lpu/architecture.md, "Errors").
#include <cstdio>

#include "models/lpu/chip/chip_impl.hpp"

namespace nodevp::lpu {

std::string_view error_name(ErrorCode code) {
    switch (code) {
        case ErrorCode::none:
            return "none";
        case ErrorCode::stream_empty:
            return "stream-empty";
        case ErrorCode::stream_overwrite:
            return "stream-overwrite";
        case ErrorCode::stream_conflict:
            return "stream-conflict";
        case ErrorCode::bank_conflict:
            return "bank-conflict";
        case ErrorCode::address_range:
            return "address-range";
        case ErrorCode::undefined_opcode:
            return "undefined-opcode";
        case ErrorCode::bad_operand:
            return "bad-operand";
        case ErrorCode::ecc_uncorrectable:
            return "ecc-uncorrectable";
        case ErrorCode::deadlock:
            return "deadlock";
        case ErrorCode::queue_overflow:
            return "queue-overflow";
    }
    return "unknown";
}

std::string ErrorReport::to_string() const {
    const InsnInfo* row = info_by_opcode(opcode);
    char op[8];
    std::snprintf(op, sizeof op, "0x%02x", opcode);
    return std::string(error_name(code)) + " at cycle " + std::to_string(cycle) + " in " + queue +
           " pc " + std::to_string(pc) + " (" + (row ? std::string(row->mnemonic) : op) +
           "): " + detail;
}

void Chip::Impl::fail(ErrorCode code, const Ctx& c, std::string detail) {
    if (error) return;  // the first error found in a cycle is the one reported
    ErrorReport r;
    r.code = code;
    r.cycle = now;
    r.queue = queues[c.queue].slot.name;
    r.pc = c.pc;
    r.opcode = c.op;
    r.detail = std::move(detail);
    error = std::move(r);
}

std::string Chip::Impl::stream_name(Stream s) const {
    return "s" + std::to_string(s.index) + (s.west ? "w" : "e");
}

}  // namespace nodevp::lpu
