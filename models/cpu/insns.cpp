// Semantic functions: one per row of insn_table.def, shared by RV32 and RV64.
//
// Contract: a function either raises a Trap before changing any state, or completes the
// instruction (writes rd, which may be the x0 sink, and sets the next pc).
#include <type_traits>

#include "models/cpu/fp_insns.hpp"
#include "models/cpu/rv_hart.hpp"

namespace nodevp::cpu {

namespace {

// Operand access; `h` is the hart and `d` the decoded instruction in every semantic function.
#define SEM(id)        \
    template <class X> \
    void sem_##id([[maybe_unused]] RvHart<X>& h, [[maybe_unused]] const DecodedInsn& d)
#define RS1 h.x[d.rs1]
#define RS2 h.x[d.rs2]
#define IMM static_cast<X>(d.imm)
#define RD h.x[d.rd]
#define NEXT h.pc_ += d.length

template <class X>
using Signed = std::make_signed_t<X>;
// 2*XLEN-bit products for mulh*.
template <class X>
using WideS = std::conditional_t<sizeof(X) == 4, std::int64_t, __int128>;
template <class X>
using WideU = std::conditional_t<sizeof(X) == 4, std::uint64_t, unsigned __int128>;

template <class X>
X sext32(std::uint32_t v) {
    return static_cast<X>(static_cast<std::int64_t>(static_cast<std::int32_t>(v)));
}
template <class X>
Signed<X> sx(X v) {
    return static_cast<Signed<X>>(v);
}

SEM(lui) {
    RD = IMM;
    NEXT;
}
SEM(auipc) {
    RD = h.pc_ + IMM;
    NEXT;
}
SEM(jal) {
    const X target = h.pc_ + IMM;
    h.check_target(target);
    RD = h.pc_ + d.length;
    h.pc_ = target;
}
SEM(jalr) {
    const X target = (RS1 + IMM) & ~X(1);
    h.check_target(target);
    RD = h.pc_ + d.length;
    h.pc_ = target;
}

template <class X>
void branch(RvHart<X>& h, const DecodedInsn& d, bool taken) {
    if (!taken) {
        NEXT;
        return;
    }
    const X target = h.pc_ + IMM;
    h.check_target(target);
    h.pc_ = target;
}
SEM(beq) {
    branch(h, d, RS1 == RS2);
}
SEM(bne) {
    branch(h, d, RS1 != RS2);
}
SEM(blt) {
    branch(h, d, sx(RS1) < sx(RS2));
}
SEM(bge) {
    branch(h, d, sx(RS1) >= sx(RS2));
}
SEM(bltu) {
    branch(h, d, RS1 < RS2);
}
SEM(bgeu) {
    branch(h, d, RS1 >= RS2);
}

SEM(lb) {
    RD = static_cast<X>(static_cast<std::int8_t>(h.template load<std::uint8_t>(RS1 + IMM)));
    NEXT;
}
SEM(lh) {
    RD = static_cast<X>(static_cast<std::int16_t>(h.template load<std::uint16_t>(RS1 + IMM)));
    NEXT;
}
SEM(lw) {
    RD = static_cast<X>(static_cast<std::int32_t>(h.template load<std::uint32_t>(RS1 + IMM)));
    NEXT;
}
SEM(ld) {
    RD = static_cast<X>(h.template load<std::uint64_t>(RS1 + IMM));
    NEXT;
}
SEM(lbu) {
    RD = h.template load<std::uint8_t>(RS1 + IMM);
    NEXT;
}
SEM(lhu) {
    RD = h.template load<std::uint16_t>(RS1 + IMM);
    NEXT;
}
SEM(lwu) {
    RD = h.template load<std::uint32_t>(RS1 + IMM);
    NEXT;
}
SEM(sb) {
    h.template store<std::uint8_t>(RS1 + IMM, static_cast<std::uint8_t>(RS2));
    NEXT;
}
SEM(sh) {
    h.template store<std::uint16_t>(RS1 + IMM, static_cast<std::uint16_t>(RS2));
    NEXT;
}
SEM(sw) {
    h.template store<std::uint32_t>(RS1 + IMM, static_cast<std::uint32_t>(RS2));
    NEXT;
}
SEM(sd) {
    h.template store<std::uint64_t>(RS1 + IMM, static_cast<std::uint64_t>(RS2));
    NEXT;
}

SEM(addi) {
    RD = RS1 + IMM;
    NEXT;
}
SEM(slti) {
    RD = sx(RS1) < sx(IMM);
    NEXT;
}
SEM(sltiu) {
    RD = RS1 < IMM;
    NEXT;
}
SEM(xori) {
    RD = RS1 ^ IMM;
    NEXT;
}
SEM(ori) {
    RD = RS1 | IMM;
    NEXT;
}
SEM(andi) {
    RD = RS1 & IMM;
    NEXT;
}
SEM(slli) {
    RD = RS1 << d.imm;
    NEXT;
}
SEM(srli) {
    RD = RS1 >> d.imm;
    NEXT;
}
SEM(srai) {
    RD = static_cast<X>(sx(RS1) >> d.imm);
    NEXT;
}
SEM(slli64) {
    sem_slli(h, d);
}
SEM(srli64) {
    sem_srli(h, d);
}
SEM(srai64) {
    sem_srai(h, d);
}

constexpr unsigned kShiftMask32 = 31;
template <class X>
unsigned shamt(X v) {
    return static_cast<unsigned>(v) & (sizeof(X) * 8 - 1);
}
SEM(add) {
    RD = RS1 + RS2;
    NEXT;
}
SEM(sub) {
    RD = RS1 - RS2;
    NEXT;
}
SEM(sll) {
    RD = RS1 << shamt(RS2);
    NEXT;
}
SEM(slt) {
    RD = sx(RS1) < sx(RS2);
    NEXT;
}
SEM(sltu) {
    RD = RS1 < RS2;
    NEXT;
}
SEM(xor_) {
    RD = RS1 ^ RS2;
    NEXT;
}
SEM(srl) {
    RD = RS1 >> shamt(RS2);
    NEXT;
}
SEM(sra) {
    RD = static_cast<X>(sx(RS1) >> shamt(RS2));
    NEXT;
}
SEM(or_) {
    RD = RS1 | RS2;
    NEXT;
}
SEM(and_) {
    RD = RS1 & RS2;
    NEXT;
}

SEM(addiw) {
    RD = sext32<X>(static_cast<std::uint32_t>(RS1 + IMM));
    NEXT;
}
SEM(slliw) {
    RD = sext32<X>(static_cast<std::uint32_t>(RS1) << d.imm);
    NEXT;
}
SEM(srliw) {
    RD = sext32<X>(static_cast<std::uint32_t>(RS1) >> d.imm);
    NEXT;
}
SEM(sraiw) {
    RD = sext32<X>(static_cast<std::uint32_t>(static_cast<std::int32_t>(RS1) >> d.imm));
    NEXT;
}
SEM(addw) {
    RD = sext32<X>(static_cast<std::uint32_t>(RS1 + RS2));
    NEXT;
}
SEM(subw) {
    RD = sext32<X>(static_cast<std::uint32_t>(RS1 - RS2));
    NEXT;
}
SEM(sllw) {
    RD = sext32<X>(static_cast<std::uint32_t>(RS1) << (RS2 & kShiftMask32));
    NEXT;
}
SEM(srlw) {
    RD = sext32<X>(static_cast<std::uint32_t>(RS1) >> (RS2 & kShiftMask32));
    NEXT;
}
SEM(sraw) {
    RD = sext32<X>(
        static_cast<std::uint32_t>(static_cast<std::int32_t>(RS1) >> (RS2 & kShiftMask32)));
    NEXT;
}

SEM(mul) {
    RD = RS1 * RS2;
    NEXT;
}
SEM(mulh) {
    RD = static_cast<X>((WideS<X>(sx(RS1)) * WideS<X>(sx(RS2))) >> (sizeof(X) * 8));
    NEXT;
}
SEM(mulhsu) {
    RD = static_cast<X>((WideS<X>(sx(RS1)) * WideS<X>(RS2)) >> (sizeof(X) * 8));
    NEXT;
}
SEM(mulhu) {
    RD = static_cast<X>((WideU<X>(RS1) * WideU<X>(RS2)) >> (sizeof(X) * 8));
    NEXT;
}
// Division by zero and overflow give the results the M extension defines, never a host trap.
template <class T>
T div_signed(T a, T b) {
    if (b == 0) return T(-1);
    if (b == T(-1) && a == std::numeric_limits<T>::min()) return a;
    return a / b;
}
template <class T>
T rem_signed(T a, T b) {
    if (b == 0) return a;
    if (b == T(-1) && a == std::numeric_limits<T>::min()) return 0;
    return a % b;
}
SEM(div) {
    RD = static_cast<X>(div_signed(sx(RS1), sx(RS2)));
    NEXT;
}
SEM(divu) {
    RD = RS2 ? RS1 / RS2 : ~X(0);
    NEXT;
}
SEM(rem) {
    RD = static_cast<X>(rem_signed(sx(RS1), sx(RS2)));
    NEXT;
}
SEM(remu) {
    RD = RS2 ? RS1 % RS2 : RS1;
    NEXT;
}
SEM(mulw) {
    RD = sext32<X>(static_cast<std::uint32_t>(RS1) * static_cast<std::uint32_t>(RS2));
    NEXT;
}
SEM(divw) {
    RD = sext32<X>(static_cast<std::uint32_t>(
        div_signed(static_cast<std::int32_t>(RS1), static_cast<std::int32_t>(RS2))));
    NEXT;
}
SEM(divuw) {
    const auto a = static_cast<std::uint32_t>(RS1), b = static_cast<std::uint32_t>(RS2);
    RD = sext32<X>(b ? a / b : ~0u);
    NEXT;
}
SEM(remw) {
    RD = sext32<X>(static_cast<std::uint32_t>(
        rem_signed(static_cast<std::int32_t>(RS1), static_cast<std::int32_t>(RS2))));
    NEXT;
}
SEM(remuw) {
    const auto a = static_cast<std::uint32_t>(RS1), b = static_cast<std::uint32_t>(RS2);
    RD = sext32<X>(b ? a % b : a);
    NEXT;
}

// Loaded values of 32-bit atomics are sign-extended on RV64.
template <class T, class X>
X widen(T v) {
    return static_cast<X>(static_cast<std::make_signed_t<T>>(v));
}
template <class T, class X, class F>
void amo(RvHart<X>& h, const DecodedInsn& d, F op) {
    const T operand = static_cast<T>(RS2);
    const T old = h.template amo<T>(RS1, [&](T value) { return op(value, operand); });
    RD = widen<T, X>(old);
    NEXT;
}
template <class T>
T amo_min(T a, T b) {
    using S = std::make_signed_t<T>;
    return static_cast<S>(a) < static_cast<S>(b) ? a : b;
}
template <class T>
T amo_max(T a, T b) {
    using S = std::make_signed_t<T>;
    return static_cast<S>(a) > static_cast<S>(b) ? a : b;
}

#define AMO_FAMILY(suffix, T)                                                   \
    SEM(lr_##suffix) {                                                          \
        RD = widen<T, X>(h.template load_reserved<T>(RS1));                     \
        NEXT;                                                                   \
    }                                                                           \
    SEM(sc_##suffix) {                                                          \
        RD = h.template store_conditional<T>(RS1, static_cast<T>(RS2)) ? 0 : 1; \
        NEXT;                                                                   \
    }                                                                           \
    SEM(amoswap_##suffix) {                                                     \
        amo<T>(h, d, [](T, T b) { return b; });                                 \
    }                                                                           \
    SEM(amoadd_##suffix) {                                                      \
        amo<T>(h, d, [](T a, T b) { return static_cast<T>(a + b); });           \
    }                                                                           \
    SEM(amoxor_##suffix) {                                                      \
        amo<T>(h, d, [](T a, T b) { return static_cast<T>(a ^ b); });           \
    }                                                                           \
    SEM(amoand_##suffix) {                                                      \
        amo<T>(h, d, [](T a, T b) { return static_cast<T>(a & b); });           \
    }                                                                           \
    SEM(amoor_##suffix) {                                                       \
        amo<T>(h, d, [](T a, T b) { return static_cast<T>(a | b); });           \
    }                                                                           \
    SEM(amomin_##suffix) {                                                      \
        amo<T>(h, d, amo_min<T>);                                               \
    }                                                                           \
    SEM(amomax_##suffix) {                                                      \
        amo<T>(h, d, amo_max<T>);                                               \
    }                                                                           \
    SEM(amominu_##suffix) {                                                     \
        amo<T>(h, d, [](T a, T b) { return a < b ? a : b; });                   \
    }                                                                           \
    SEM(amomaxu_##suffix) {                                                     \
        amo<T>(h, d, [](T a, T b) { return a > b ? a : b; });                   \
    }
AMO_FAMILY(w, std::uint32_t)
AMO_FAMILY(d, std::uint64_t)

SEM(fence) {
    NEXT;
}  // memory is sequentially consistent here
SEM(fence_i) {
    h.flush_icache();
    NEXT;
}

enum class CsrOp { write, set, clear };
template <class X>
void csr_insn(RvHart<X>& h, const DecodedInsn& d, X operand, CsrOp op, bool writes) {
    const auto number = static_cast<unsigned>(d.imm);
    X old;
    if (!h.csr_read(number, old)) h.illegal(d);
    if (writes) {
        // CSRRS/CSRRC on mip modify the software-writable bits only: SEIP's external level
        // (the PLIC's line) must not be latched into the software SEIP (privileged spec, mip).
        const X base = op != CsrOp::write && number == csr::kMip ? h.mip_software() : old;
        const X value = op == CsrOp::write ? operand
                        : op == CsrOp::set ? base | operand
                                           : base & ~operand;
        if (!h.csr_write(number, value)) h.illegal(d);
    }
    RD = old;
    NEXT;
}
SEM(csrrw) {
    csr_insn(h, d, RS1, CsrOp::write, true);
}
SEM(csrrs) {
    csr_insn(h, d, RS1, CsrOp::set, d.rs1 != 0);
}
SEM(csrrc) {
    csr_insn(h, d, RS1, CsrOp::clear, d.rs1 != 0);
}
SEM(csrrwi) {
    csr_insn(h, d, X(d.rs1), CsrOp::write, true);
}
SEM(csrrsi) {
    csr_insn(h, d, X(d.rs1), CsrOp::set, d.rs1 != 0);
}
SEM(csrrci) {
    csr_insn(h, d, X(d.rs1), CsrOp::clear, d.rs1 != 0);
}

SEM(ecall) {
    h.raise(kEcallFromU + h.privilege(), 0);
}
SEM(ebreak) {
    h.raise(kBreakpoint, h.pc_);
}
SEM(mret) {
    if (h.privilege() != kPrivM) h.illegal(d);
    h.mret();
}
SEM(sret) {
    if (h.privilege() == kPrivU || (h.privilege() == kPrivS && (h.mstatus() & mstatus::kTsr)))
        h.illegal(d);
    h.sret();
}
SEM(wfi) {
    if (h.privilege() == kPrivU || (h.privilege() == kPrivS && (h.mstatus() & mstatus::kTw)))
        h.illegal(d);
    NEXT;
    h.wfi();
}
SEM(sfence_vma) {
    if (h.privilege() == kPrivU || (h.privilege() == kPrivS && (h.mstatus() & mstatus::kTvm)))
        h.illegal(d);
    h.sfence_vma();
    NEXT;
}
SEM(illegal) {
    h.illegal(d);
}

#undef SEM
#undef RS1
#undef RS2
#undef IMM
#undef RD
#undef NEXT

}  // namespace

template <class X>
const Handler<X>* handler_table() {
    static const Handler<X> table[] = {
#define RV_INSN(id, name, match, mask, fmt, xlen) &sem_##id<X>,
#include "models/cpu/insn_table.def"
#undef RV_INSN
    };
    static_assert(sizeof(table) / sizeof(table[0]) == static_cast<unsigned>(Op::count));
    return table;
}

template const Handler<std::uint32_t>* handler_table<std::uint32_t>();
template const Handler<std::uint64_t>* handler_table<std::uint64_t>();

}  // namespace nodevp::cpu
