#include "firmware/lib/sbi.h"

struct sbi_ret sbi_call(unsigned long ext, unsigned long fid, unsigned long a0, unsigned long a1,
                        unsigned long a2) {
    register unsigned long r_a0 __asm__("a0") = a0;
    register unsigned long r_a1 __asm__("a1") = a1;
    register unsigned long r_a2 __asm__("a2") = a2;
    register unsigned long r_a6 __asm__("a6") = fid;
    register unsigned long r_a7 __asm__("a7") = ext;
    __asm__ volatile("ecall" : "+r"(r_a0), "+r"(r_a1) : "r"(r_a2), "r"(r_a6), "r"(r_a7) : "memory");
    struct sbi_ret ret = {(long)r_a0, (long)r_a1};
    return ret;
}

void sbi_console_putchar(char c) {
    sbi_call(SBI_EXT_LEGACY_PUTCHAR, 0, (unsigned char)c, 0, 0);
}

long sbi_set_timer(uint64_t stime) {
    return sbi_call(SBI_EXT_TIME, 0, (unsigned long)stime, 0, 0).error;
}

long sbi_send_ipi(unsigned long mask, unsigned long base) {
    return sbi_call(SBI_EXT_IPI, 0, mask, base, 0).error;
}

long sbi_hart_start(unsigned long hartid, unsigned long addr, unsigned long opaque) {
    return sbi_call(SBI_EXT_HSM, 0, hartid, addr, opaque).error;
}

long sbi_system_reset(uint32_t type, uint32_t reason) {
    return sbi_call(SBI_EXT_SRST, 0, type, reason, 0).error;
}
