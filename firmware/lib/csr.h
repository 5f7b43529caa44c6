/* CSR access and M-mode bit names used by the runtime and the tests. */
#ifndef NODEVP_FIRMWARE_CSR_H
#define NODEVP_FIRMWARE_CSR_H

#define csr_read(name)                                      \
    ({                                                      \
        unsigned long csr_v_;                               \
        __asm__ volatile("csrr %0, " #name : "=r"(csr_v_)); \
        csr_v_;                                             \
    })
#define csr_write(name, v) __asm__ volatile("csrw " #name ", %0" ::"rK"((unsigned long)(v)))
#define csr_set(name, v) __asm__ volatile("csrs " #name ", %0" ::"rK"((unsigned long)(v)))
#define csr_clear(name, v) __asm__ volatile("csrc " #name ", %0" ::"rK"((unsigned long)(v)))

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

#endif /* NODEVP_FIRMWARE_CSR_H */
