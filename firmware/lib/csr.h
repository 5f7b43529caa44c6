/* CSR access and the bit names used by the runtime, the drivers and the tests. */
#ifndef NODEVP_FIRMWARE_CSR_H
#define NODEVP_FIRMWARE_CSR_H

/* `name` is a CSR name or a macro expanding to one (CSR_XIE below). */
#define CSR_NAME_(name) #name
#define CSR_NAME(name) CSR_NAME_(name)
#define csr_read(name)                                               \
    ({                                                               \
        unsigned long csr_v_;                                        \
        __asm__ volatile("csrr %0, " CSR_NAME(name) : "=r"(csr_v_)); \
        csr_v_;                                                      \
    })
#define csr_write(name, v) \
    __asm__ volatile("csrw " CSR_NAME(name) ", %0" ::"rK"((unsigned long)(v)))
#define csr_set(name, v) __asm__ volatile("csrs " CSR_NAME(name) ", %0" ::"rK"((unsigned long)(v)))
#define csr_clear(name, v) \
    __asm__ volatile("csrc " CSR_NAME(name) ", %0" ::"rK"((unsigned long)(v)))

#define CSR_MSTATUS_MIE (1UL << 3)
#define CSR_MIP_MSIP (1UL << 3)
#define CSR_MIP_MTIP (1UL << 7)
#define CSR_MIP_MEIP (1UL << 11)
#define CSR_MCAUSE_INTERRUPT (1UL << (__riscv_xlen - 1))

/* mcause exception codes (privileged spec, table 3.6). */
#define CSR_CAUSE_ILLEGAL_INSTRUCTION 2
#define CSR_CAUSE_BREAKPOINT 3
#define CSR_CAUSE_LOAD_ACCESS_FAULT 5
#define CSR_CAUSE_STORE_ACCESS_FAULT 7
#define CSR_CAUSE_ECALL_M 11
/* mcause interrupt codes. */
#define CSR_IRQ_M_SOFT 3
#define CSR_IRQ_M_TIMER 7
#define CSR_IRQ_M_EXT 11

/* Supervisor-mode bits (sstatus, sie/sip, scause). */
#define CSR_SSTATUS_SIE (1UL << 1)
#define CSR_SIP_SSIP (1UL << 1)
#define CSR_SIP_STIP (1UL << 5)
#define CSR_SIP_SEIP (1UL << 9)
#define CSR_CAUSE_ECALL_S 9
#define CSR_IRQ_S_SOFT 1
#define CSR_IRQ_S_TIMER 5
#define CSR_IRQ_S_EXT 9

/* Mode-neutral names: the CSRs and bits of the mode the runtime runs in, M by default, S when
 * built with NODE_RT_SMODE (guest_program(... MODE smode), an OpenSBI payload). Code that must
 * build for both modes uses these: csr_set(CSR_XIE, CSR_XIP_EXT), CSR_XCAUSE, ... */
#ifdef NODE_RT_SMODE
#define CSR_XSTATUS sstatus
#define CSR_XIE sie
#define CSR_XIP sip
#define CSR_XTVEC stvec
#define CSR_XEPC sepc
#define CSR_XCAUSE scause
#define CSR_XTVAL stval
#define CSR_XSTATUS_IE CSR_SSTATUS_SIE
#define CSR_XIP_SOFT CSR_SIP_SSIP
#define CSR_XIP_TIMER CSR_SIP_STIP
#define CSR_XIP_EXT CSR_SIP_SEIP
#define CSR_IRQ_X_SOFT CSR_IRQ_S_SOFT
#define CSR_IRQ_X_TIMER CSR_IRQ_S_TIMER
#define CSR_IRQ_X_EXT CSR_IRQ_S_EXT
#else
#define CSR_XSTATUS mstatus
#define CSR_XIE mie
#define CSR_XIP mip
#define CSR_XTVEC mtvec
#define CSR_XEPC mepc
#define CSR_XCAUSE mcause
#define CSR_XTVAL mtval
#define CSR_XSTATUS_IE CSR_MSTATUS_MIE
#define CSR_XIP_SOFT CSR_MIP_MSIP
#define CSR_XIP_TIMER CSR_MIP_MTIP
#define CSR_XIP_EXT CSR_MIP_MEIP
#define CSR_IRQ_X_SOFT CSR_IRQ_M_SOFT
#define CSR_IRQ_X_TIMER CSR_IRQ_M_TIMER
#define CSR_IRQ_X_EXT CSR_IRQ_M_EXT
#endif

#endif /* NODEVP_FIRMWARE_CSR_H */
