// The ISS behind Hart: one class template for RV32 (X = uint32_t) and RV64 (X = uint64_t).
//
// Execution: the SystemC thread runs batches of instructions up to the end of the local quantum.
// In a batch each instruction is looked up in a direct-mapped decoded-instruction cache (tag =
// pc) and its semantic function (insns.cpp) is called through one pointer; instructions are
// counted in an integer and converted to time at the end of the batch (CPI 1 at clock_period plus
// memory latencies). end_batch() makes the loop stop after the current instruction: device
// interrupts, CSR writes that may enable an interrupt, MRET/SRET, WFI and every b_transport use
// it. Traps are C++ exceptions (Trap), caught around the batch loop.
//
// Memory: loads, stores and fetches first test one "window" each (fetch_win_, rd_win_, wr_win_):
// a range of *virtual* addresses known to map linearly onto host memory of a DMI region with the
// access allowed by the page tables and PMP. A miss takes the slow path (memory_port.cpp):
// translation (mmu.cpp: Sv39/Sv32, TLB), PMP check (pmp.cpp), then a DMI region from a short
// list or b_transport; a region is requested when the target says DMI is allowed, and the window
// is refilled. Windows are cleared whenever what they assumed may change (privilege, MPRV/MPP/
// SUM/MXR, satp, SFENCE.VMA, PMP CSRs, DMI invalidation). Any error response or missing region is
// an access fault.
//
// Decoded instructions are cached per privilege mode (icache_[priv], tag = virtual pc): a hit
// skips translation and PMP, so a cache holds only decodes fetched under its mode's rules. The
// S and U caches are flushed on SFENCE.VMA and satp writes, all of them on FENCE.I, PMP writes
// and DMI invalidation.
//
// LR/SC rule: harts run cooperatively, so no other hart (or initiator) can touch memory while this
// one runs. The reservation is therefore dropped whenever this hart yields (quantum sync, WFI, a
// target that waits inside b_transport) and on every trap; an SC succeeds iff its address still
// holds the reservation. AMOs are a read and a write in the same instruction with no yield in
// between, atomic under the same rule (a target that waits in b_transport breaks it).
//
// F/D (fp.hpp, fp_insns.cpp): f registers are 64 bits (binary32 values NaN-boxed); mstatus.FS
// Off makes every F/D instruction and fflags/frm/fcsr illegal; writes to f registers or fflags/
// frm/fcsr set FS to Dirty.
//
// Not modelled yet: hpm counters (read as zero), debug mode, misaligned access emulation
// (misaligned accesses always trap), ASIDs (ASIDLEN = 0), Svnapot/Svpbmt/Svadu CSR controls.
#pragma once

#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

#include <systemc>
#include <tlm>
// after <systemc>: the quantum keeper header does not include what it uses
#include <tlm_utils/tlm_quantumkeeper.h>

#include "models/common/log.hpp"
#include "models/cpu/debug.hpp"
#include "models/cpu/decode.hpp"
#include "models/cpu/hart.hpp"
#include "models/cpu/riscv_defs.hpp"

namespace nodevp::cpu {

// A synchronous exception (cause) or interrupt (kInterruptFlag | code) on its way to a handler.
struct Trap {
    std::uint64_t cause;
    std::uint64_t tval;
};

// The three kinds of memory access; AMOs translate and fault as stores (and need read access).
enum class Access : unsigned { fetch = 0, load = 1, store = 2 };

// One TLB entry: the translation of one 4 KiB virtual page (a superpage is cached page by page)
// and the leaf PTE's flag bits, checked against the current privilege, SUM and MXR on every hit.
struct TlbEntry {
    std::uint64_t vpn = ~std::uint64_t{0};  // virtual address >> 12; all ones when empty
    std::uint64_t page = 0;                 // physical address of the page
    unsigned flags = 0;                     // PTE bits 7:0 (V R W X U G A D)
};

template <class X>
class RvHart;
template <class X>
using Handler = void (*)(RvHart<X>&, const DecodedInsn&);
// Semantic functions indexed by Op (insns.cpp).
template <class X>
const Handler<X>* handler_table();

// A cached DMI grant. size == 0 marks an empty slot.
struct DmiRegion {
    std::uint64_t start = 0;
    std::uint64_t size = 0;
    std::uint8_t* ptr = nullptr;
    bool read = false;
    bool write = false;
    std::uint64_t read_latency = 0;  // sc_time values (resolution units)
    std::uint64_t write_latency = 0;
    bool covers(std::uint64_t addr, unsigned len) const {
        const std::uint64_t off = addr - start;
        return off < size && size - off >= len;
    }
};

// Quantum keeper that tells how much of the local quantum is left.
class QuantumKeeper : public tlm_utils::tlm_quantumkeeper {
  public:
    sc_core::sc_time remaining() const {
        const sc_core::sc_time now = get_current_time();
        return m_next_sync_point > now ? m_next_sync_point - now : sc_core::SC_ZERO_TIME;
    }
};

template <class X>
class RvHart final : public Hart {
  public:
    static_assert(std::is_same_v<X, std::uint32_t> || std::is_same_v<X, std::uint64_t>);
    using SX = std::make_signed_t<X>;
    static constexpr unsigned kXlen = sizeof(X) * 8;

    RvHart(const sc_core::sc_module_name& name, const HartConfig& config);

    const HartConfig& config() const override { return config_; }
    std::uint64_t pc() const override { return pc_; }
    std::uint64_t xreg(unsigned index) const override { return index < 32 ? x[index] : 0; }
    std::uint64_t instret() const override { return instret_; }
    std::uint64_t cycles() const override { return raw_cycles() + mcycle_adj_; }
    bool halted() const override { return halted_; }
    void set_pc(std::uint64_t pc) override { pc_ = static_cast<X>(pc); }
    void set_xreg(unsigned index, std::uint64_t value) override {
        if (index != 0 && index < 32) x[index] = static_cast<X>(value);
    }
    void irq_changed(unsigned line, bool level) override;
    unsigned privilege() const { return priv_; }

    // Debug access (debug.cpp); see hart.hpp.
    void debug_set_run(DebugRun mode) override;
    bool debug_breakpoint(std::uint64_t addr, bool insert) override;
    bool debug_watchpoint(std::uint64_t addr, std::uint64_t length, WatchKind kind,
                          bool insert) override;
    bool debug_read_reg(RegFile file, unsigned index, std::uint64_t& value) override;
    bool debug_write_reg(RegFile file, unsigned index, std::uint64_t value) override;
    unsigned debug_memory(bool write, std::uint64_t addr, void* data, unsigned length) override;
    bool has_extension(char letter) const override;

    // ---- Interface of the semantic functions (insns.cpp, csr.cpp) ----
    X x[33] = {};  // x0..x31, then the sink that stands for x0 as a destination (kRegSink)
    X pc_ = 0;

    [[noreturn]] void raise(std::uint64_t cause, std::uint64_t tval) { throw Trap{cause, tval}; }
    [[noreturn]] void illegal(const DecodedInsn& d) { raise(kIllegalInsn, d.raw); }
    // Jump and branch targets must be aligned to 4 bytes without C, 2 with it.
    void check_target(X target) {
        if (target & ialign_mask_) raise(kInsnMisaligned, target);
    }
    void end_batch() { batch_end_ = 0; }
    std::uint64_t mstatus() const { return mstatus_; }

    template <class T>
    T load(X addr) {
        if (addr & (sizeof(T) - 1)) raise(kLoadMisaligned, addr);
        T v;
        if (rd_win_.covers(addr, sizeof(T))) {
            std::memcpy(&v, rd_win_.ptr + (addr - rd_win_.start), sizeof(T));
            mem_delay_ += rd_win_.read_latency;
        } else {
            read_slow(addr, &v, sizeof(T), kLoadAccessFault);
        }
        return v;
    }
    template <class T>
    void store(X addr, T value) {
        if (addr & (sizeof(T) - 1)) raise(kStoreMisaligned, addr);
        if (wr_win_.covers(addr, sizeof(T))) {
            std::memcpy(wr_win_.ptr + (addr - wr_win_.start), &value, sizeof(T));
            mem_delay_ += wr_win_.write_latency;
        } else {
            write_slow(addr, &value, sizeof(T));
        }
    }
    // Atomic read-modify-write; returns the old value. Faults are store/AMO faults.
    template <class T, class F>
    T amo(X addr, F modify) {
        if (addr & (sizeof(T) - 1)) raise(kStoreMisaligned, addr);
        T old;
        if (wr_win_.read && wr_win_.covers(addr, sizeof(T))) {
            std::uint8_t* p = wr_win_.ptr + (addr - wr_win_.start);
            std::memcpy(&old, p, sizeof(T));
            const T value = modify(old);
            std::memcpy(p, &value, sizeof(T));
            mem_delay_ += wr_win_.read_latency + wr_win_.write_latency;
        } else {
            read_slow(addr, &old, sizeof(T), kStoreAccessFault);
            const T value = modify(old);
            write_slow(addr, &value, sizeof(T));
        }
        return old;
    }
    template <class T>
    T load_reserved(X addr) {
        const T v = load<T>(addr);
        reserved_ = true;
        reservation_ = addr;
        return v;
    }
    // Returns true when the store was done.
    template <class T>
    bool store_conditional(X addr, T value) {
        if (addr & (sizeof(T) - 1)) raise(kStoreMisaligned, addr);
        const bool ok = reserved_ && reservation_ == addr;
        reserved_ = false;
        if (ok) store<T>(addr, value);
        return ok;
    }

    // CSR access for csr* instructions: false when the CSR does not exist or is not accessible
    // (the caller raises illegal instruction). Writes go through one function.
    bool csr_read(unsigned number, X& value);
    bool csr_write(unsigned number, X value);
    // The bits software wrote to mip (SSIP, STIP, SEIP), without the interrupt lines: what
    // CSRRS/CSRRC on mip modify.
    X mip_software() const { return static_cast<X>(mip_sw_); }
    void mret();
    void sret();
    void wfi() {
        wfi_ = true;
        end_batch();
    }
    void flush_icache();
    // SFENCE.VMA (any rs1/rs2: everything is flushed): TLB, S/U decoded instructions, windows.
    void sfence_vma();

    // ---- F/D state (fp_insns.cpp) ----
    std::uint64_t f[32] = {};  // binary32 values are NaN-boxed (upper 32 bits all ones)
    unsigned fflags_ = 0;      // accrued exception flags (fp::Flag bits)
    unsigned frm_ = 0;         // dynamic rounding mode; 5..7 make rm = DYN illegal
    bool fp_off() const { return (mstatus_ & mstatus::kFs) == 0; }
    void fp_dirty() { mstatus_ |= mstatus::kFsDirty; }

  private:
    struct CacheEntry {
        X tag;  // pc of the decoded instruction; kNoTag when empty (pcs are even)
        Handler<X> fn;
        DecodedInsn d;
    };
    static_assert(sizeof(X) == 4 || sizeof(CacheEntry) == 32, "keep cache entries a power of 2");
    static constexpr X kNoTag = ~X(0);
    static constexpr unsigned kCacheEntries = 8192;

    void run();
    // Recomputes the translation/PMP context after a change of privilege, mstatus, satp or PMP:
    // selects the decoded-instruction cache of the privilege and clears the windows.
    void mem_context_changed();
    void flush_translated_icaches();
    template <bool kTrace>
    void run_batch();
    bool stop_requested() const;
    void take_interrupt_if_pending();
    void take_trap(std::uint64_t cause, std::uint64_t tval);
    void halt(std::uint64_t cause, std::uint64_t tval);
    void halt(const std::string& reason);
    void sleep_until_interrupt();
    void refill(CacheEntry& e);
    void trace(const DecodedInsn& d) const;
    std::uint64_t interrupt_to_take() const;
    bool extension_enabled(Op op) const;

    // Memory (memory_port.cpp). Addresses are virtual; fault tvals are the virtual address.
    void read_slow(std::uint64_t addr, void* data, unsigned len, std::uint64_t fault_cause);
    void write_slow(std::uint64_t addr, const void* data, unsigned len);
    std::uint16_t fetch16(std::uint64_t addr);
    bool transport(tlm::tlm_command cmd, std::uint64_t addr, void* data, unsigned len);
    const DmiRegion* find_dmi(std::uint64_t addr, unsigned len, bool write) const;
    void request_dmi(std::uint64_t addr);
    void invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end) override;
    // Sets `win` to the largest virtual range around va (physical pa, in DMI region r) where the
    // access is allowed by translation and PMP; leaves it empty when there is none.
    void fill_window(DmiRegion& win, std::uint64_t va, std::uint64_t pa, Access acc,
                     const DmiRegion& r);
    // Physical read/write for the page-table walk (PMP-checked as S-mode accesses). False on a
    // PMP denial or a TLM error.
    bool phys_read(std::uint64_t pa, void* data, unsigned len);
    bool phys_write(std::uint64_t pa, const void* data, unsigned len);

    // Address translation (mmu.cpp). translate() returns the physical address of an access of
    // `acc` at va, raising page faults (12/13/15) and access faults of the walk (1/5/7).
    bool xlate_on(Access acc) const { return acc == Access::fetch ? fetch_xlate_ : data_xlate_; }
    unsigned access_priv(Access acc) const { return acc == Access::fetch ? priv_ : data_priv_; }
    std::uint64_t translate(std::uint64_t va, Access acc) {
        return xlate_on(acc) ? translate_paged(va, acc) : static_cast<X>(va);
    }
    std::uint64_t translate_paged(std::uint64_t va, Access acc);
    std::uint64_t walk(std::uint64_t va, Access acc, TlbEntry& e);
    bool pte_allows(unsigned flags, Access acc) const;
    [[noreturn]] void page_fault(std::uint64_t va, Access acc);
    [[noreturn]] void access_fault(std::uint64_t va, Access acc);
    void flush_tlb();

    // PMP (pmp.cpp): 16 entries, G = 0. pmp_allows() is the spec's check of the access
    // [pa, pa + len) of type acc at privilege priv; pmp_window() the largest range around pa in
    // which that check passes for every access (lo == hi: none known).
    bool pmp_allows(std::uint64_t pa, std::uint64_t len, Access acc, unsigned priv) const;
    void pmp_window(std::uint64_t pa, Access acc, unsigned priv, std::uint64_t& lo,
                    std::uint64_t& hi) const;
    bool pmp_applies(unsigned priv) const { return priv != kPrivM || pmp_locked_; }
    bool pmp_entry_range(unsigned i, std::uint64_t& lo, std::uint64_t& hi) const;
    bool pmp_read(unsigned number, X& value) const;
    bool pmp_write(unsigned number, X value);

    // Time and counters.
    std::uint64_t local_time_value() const;  // the hart's local time offset, in sc_time values
    std::uint64_t now_value() const {
        return sc_core::sc_time_stamp().value() + local_time_value();
    }
    std::uint64_t raw_cycles() const { return now_value() / period_; }
    std::uint64_t time_csr() const;
    bool counter_enabled(unsigned number) const;
    bool read_counter(unsigned number, X& value) const;
    bool write_counter(unsigned number, X value);
    std::uint64_t mcycle() const;
    std::uint64_t minstret() const;
    void write_mcountinhibit(X value);

    // CSR helpers (csr.cpp).
    bool read_machine(unsigned number, X& value) const;
    bool read_supervisor(unsigned number, X& value) const;
    bool write_machine(unsigned number, X value);
    bool write_supervisor(unsigned number, X value);
    void write_mstatus(std::uint64_t value, std::uint64_t writable);
    std::uint64_t mip() const { return mip_lines_ | mip_sw_; }
    X mstatus_view() const;  // mstatus_ with SD
    X sstatus_view() const;
    bool fp_csr_read(unsigned number, X& value) const;  // fflags, frm, fcsr
    bool fp_csr_write(unsigned number, X value);

    HartConfig config_;
    log::Logger log_;
    const Handler<X>* handlers_;
    std::vector<CacheEntry> icache_[4];  // by privilege (U 0, S 1, M 3); U/S allocated on use
    CacheEntry* icache_cur_ = nullptr;   // the one of priv_
    QuantumKeeper qk_;
    sc_core::sc_event wake_event_;
    tlm::tlm_generic_payload gp_;

    // Batch state.
    std::uint64_t instret_ = 0;      // instructions retired since reset
    std::uint64_t batch_end_ = 0;    // the batch stops when instret_ reaches it
    std::uint64_t batch_start_ = 0;  // instret_ when the batch started
    std::uint64_t mem_delay_ = 0;    // memory latency accumulated in this batch (sc_time values)
    std::uint64_t period_;           // clock period (sc_time values)
    bool wfi_ = false;
    bool halted_ = false;
    // The last exception's handler entry and instret then: an exception raised there again
    // before any instruction retired is a trap loop, which halts the hart.
    X last_vector_ = 0;
    std::uint64_t last_trap_instret_ = ~std::uint64_t{0};
    bool reserved_ = false;
    X reservation_ = 0;
    X ialign_mask_;
    bool has_c_, has_m_, has_a_, has_f_, has_d_, has_s_, has_u_;

    // DMI: the windows (virtual address ranges, see the top of this file) and the granted regions.
    DmiRegion fetch_win_, rd_win_, wr_win_;
    std::vector<DmiRegion> dmi_;

    // Translation context (mem_context_changed()).
    bool vm_on_ = false;           // satp.MODE is Sv39 (RV64) or Sv32 (RV32)
    bool fetch_xlate_ = false;     // fetches are translated (priv_ < M and vm_on_)
    bool data_xlate_ = false;      // loads/stores are translated (data_priv_ < M and vm_on_)
    unsigned data_priv_ = kPrivM;  // privilege of loads/stores (MPRV: MPP)
    static constexpr unsigned kTlbEntries = 256;  // direct-mapped, per access type
    std::vector<TlbEntry> tlb_[3];

    // PMP.
    std::uint8_t pmpcfg8_[16] = {};  // one byte per entry
    std::uint64_t pmpaddr16_[16] = {};
    bool pmp_locked_ = false;  // an active entry is locked (PMP then applies to M too)

    // Architectural state.
    unsigned priv_ = kPrivM;
    std::uint64_t mstatus_ = 0;  // RV32 keeps only the low half
    std::uint64_t mstatus_fixed_ = 0;
    std::uint64_t mip_lines_ = 0, mip_sw_ = 0, mie_ = 0;
    X medeleg_ = 0, mideleg_ = 0, mtvec_ = 0, stvec_ = 0, mscratch_ = 0, sscratch_ = 0;
    X mepc_ = 0, sepc_ = 0, mcause_ = 0, scause_ = 0, mtval_ = 0, stval_ = 0, satp_ = 0;
    X misa_ = 0;
    std::uint32_t mcounteren_ = 0, scounteren_ = 0;
    std::uint64_t mcycle_adj_ = 0, minstret_adj_ = 0;
    std::uint32_t mcountinhibit_ = 0;  // CY (bit 0) and IR (bit 2) freeze mcycle/minstret
    std::uint64_t mcycle_frozen_ = 0, minstret_frozen_ = 0;
    std::uint64_t menvcfg_ = 0, senvcfg_ = 0;  // FIOM only

    // Debug (debug.cpp). debug_attention_ makes the run loop call debug_checkpoint() before the
    // next batch (a stop to report, a step, a freeze); watch_active_ sends loads and stores to
    // the slow path, where watch_check() looks at them.
    bool debug_attention_ = false;
    bool watch_active_ = false;
    HartDebug dbg_;
    void debug_checkpoint();
    void debug_update_attention();
    void watch_check(std::uint64_t addr, unsigned len, WatchKind access);
    bool is_breakpoint(std::uint64_t addr) const;
    static void sem_breakpoint(RvHart& h, const DecodedInsn& d);
};

extern template class RvHart<std::uint32_t>;
extern template class RvHart<std::uint64_t>;

}  // namespace nodevp::cpu
