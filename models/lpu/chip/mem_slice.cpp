// MEM slices: READ, WRITE, GATHER, SCATTER with bank-conflict, address-range and ECC checks.
// A READ or GATHER touches its banks and SRAM at issue; a WRITE or SCATTER at issue + latency.
// Addresses are checked when they become known (at the read of the instruction's operands).
#include <string>

#include "models/lpu/chip/chip_impl.hpp"

namespace nodevp::lpu {

bool Chip::Impl::check_address(const Ctx& c, std::int64_t addr) {
    if (addr >= 0 && addr < static_cast<std::int64_t>(geo.mem_words)) return true;
    fail(ErrorCode::address_range, c,
         "vector " + std::to_string(addr) + " outside 0 … " + std::to_string(geo.mem_words - 1) +
             " of " + unit_name(c));
    return false;
}

bool Chip::Impl::bank_access(const Ctx& c, std::uint32_t slice, unsigned bank) {
    Bank& b = banks[std::size_t{2} * slice + bank];
    if (b.cycle == now) {
        fail(ErrorCode::bank_conflict, c,
             "bank " + std::to_string(bank) + " of " + unit_name(c) +
                 " already accessed in this cycle (by pc " + std::to_string(b.pc) + ")");
        return false;
    }
    b.cycle = now;
    b.pc = c.pc;
    return true;
}

namespace {

// Banks touched by lane addresses base + index[i]; false (with the bad address) if out of range.
bool lane_banks(const std::uint8_t* index, unsigned vl, std::int64_t base, std::uint32_t words,
                unsigned& mask, std::int64_t& bad) {
    mask = 0;
    for (unsigned i = 0; i < vl; ++i) {
        const std::int64_t a = base + index[i];
        if (a < 0 || a >= static_cast<std::int64_t>(words)) {
            bad = a;
            return false;
        }
        mask |= 1u << (a & 1);
    }
    return true;
}

}  // namespace

void Chip::Impl::exec_mem(const Ctx& c, const Insn& insn) {
    const std::uint32_t slice = queues[c.queue].slot.unit;
    const unsigned lat = info(insn.op)->latency;
    const std::int64_t addr = insn.imm;
    std::uint32_t in[2];
    switch (insn.op) {
        case Opcode::read: {
            if (!check_address(c, addr) || !bank_access(c, slice, addr & 1)) return;
            const std::uint32_t out = alloc();
            if (!sram.read_vector(slice, static_cast<std::uint32_t>(addr), data(out))) {
                streams.pool().release(out);
                return fail(ErrorCode::ecc_uncorrectable, c,
                            "uncorrectable ECC error in vector " + std::to_string(addr) + " of " +
                                unit_name(c));
            }
            return write_later(c, insn.d, 1, &out, c.issued + lat);
        }
        case Opcode::write: {
            if (!check_address(c, addr) || !read_group(c, insn.a, 1, in)) return;
            Event e;
            e.kind = Event::Kind::mem_store;
            e.ctx = c;
            e.insn = insn;
            e.slots[0] = in[0];
            return schedule(c.issued + lat, std::move(e));
        }
        case Opcode::gather: {
            if (!read_group(c, insn.a, 1, in)) return;
            unsigned mask = 0;
            std::int64_t bad = 0;
            if (!lane_banks(data(in[0]), vl, addr, geo.mem_words, mask, bad))
                return (void)check_address(c, bad);
            for (unsigned bank = 0; bank < 2; ++bank)
                if ((mask >> bank & 1u) && !bank_access(c, slice, bank)) return;
            const std::uint32_t out = alloc();
            const std::uint8_t* index = data(in[0]);
            std::uint8_t* v = data(out);
            for (unsigned i = 0; i < vl; ++i) {
                const auto a = static_cast<std::uint32_t>(addr + index[i]);
                if (!sram.read_byte(slice, a, i, v[i])) {
                    streams.pool().release(out);
                    return fail(ErrorCode::ecc_uncorrectable, c,
                                "uncorrectable ECC error in vector " + std::to_string(a) + " of " +
                                    unit_name(c));
                }
            }
            return write_later(c, insn.d, 1, &out, c.issued + lat);
        }
        case Opcode::scatter: {
            if (!read_group(c, insn.b, 1, in) || !read_group(c, insn.a, 1, in + 1)) return;
            unsigned mask = 0;
            std::int64_t bad = 0;
            if (!lane_banks(data(in[0]), vl, addr, geo.mem_words, mask, bad))
                return (void)check_address(c, bad);
            Event e;
            e.kind = Event::Kind::mem_scatter;
            e.ctx = c;
            e.insn = insn;
            e.count = static_cast<std::uint8_t>(mask);
            e.slots[0] = in[0];
            e.slots[1] = in[1];
            return schedule(c.issued + lat, std::move(e));
        }
        default:
            return;
    }
}

void Chip::Impl::apply_mem(const Event& e) {
    const std::uint32_t slice = queues[e.ctx.queue].slot.unit;
    const std::int64_t addr = e.insn.imm;
    if (e.kind == Event::Kind::mem_store) {
        if (!bank_access(e.ctx, slice, addr & 1)) return;
        return sram.write_vector(slice, static_cast<std::uint32_t>(addr), data(e.slots[0]));
    }
    for (unsigned bank = 0; bank < 2; ++bank)
        if ((e.count >> bank & 1u) && !bank_access(e.ctx, slice, bank)) return;
    const std::uint8_t* index = data(e.slots[0]);
    const std::uint8_t* value = data(e.slots[1]);
    for (unsigned i = 0; i < vl; ++i)
        sram.write_byte(slice, static_cast<std::uint32_t>(addr + index[i]), i, value[i]);
}

}  // namespace nodevp::lpu
