/* UART receive interrupt through the PLIC: in MCR loopback, every byte written to THR arrives in
 * RBR and raises the RX-data interrupt on NODE_UART0_IRQ; the handler claims it from hart 0's
 * M context, reads the byte and completes. Nothing is printed while loopback is on. */
#include <stdint.h>
#include <stdio.h>

#include "firmware/lib/csr.h"
#include "firmware/lib/plic.h"
#include "firmware/lib/trap.h"
#include "firmware/lib/uart.h"
#include "gen/node.h"
#include "tests/firmware/check.h"

static const char uart_message[] = "nodevp";
static volatile char uart_received[sizeof uart_message];
static volatile unsigned uart_count;
static volatile unsigned uart_bad_claims;
static volatile unsigned uart_iir_seen;

static void uart_on_external(struct trap_frame* frame) {
    (void)frame;
    unsigned ctx = plic_context_m(0);
    uint32_t source = plic_claim(ctx);
    if (source != NODE_UART0_IRQ) {
        ++uart_bad_claims;
    } else {
        uart_iir_seen =
            uart_read_reg(UART_IIR_FCR) & (UART_IIR_FCR_IID_MASK | UART_IIR_FCR_NO_INT_MASK);
        while (uart_read_reg(UART_LSR) & UART_LSR_DR_MASK) {
            char c = (char)uart_read_reg(UART_RBR_THR);
            if (uart_count < sizeof uart_message - 1) uart_received[uart_count] = c;
            ++uart_count;
        }
    }
    if (source) plic_complete(ctx, source);
}

int main(void) {
    unsigned ctx = plic_context_m(0);
    printf("uart_irq: loopback through PLIC source %u, context %u\n", NODE_UART0_IRQ, ctx);
    trap_register(true, CSR_IRQ_M_EXT, uart_on_external);
    plic_set_priority(NODE_UART0_IRQ, 1);
    plic_set_threshold(ctx, 0);
    plic_enable(ctx, NODE_UART0_IRQ, 1);

    uart_write_reg(UART_MCR, UART_MCR_LOOP_MASK | UART_MCR_OUT2_MASK);
    uart_write_reg(UART_IER, UART_IER_ERBFI_MASK);
    csr_set(mie, CSR_MIP_MEIP);
    csr_set(mstatus, CSR_MSTATUS_MIE);
    for (unsigned i = 0; i < sizeof uart_message - 1; ++i) {
        unsigned before = uart_count;
        uart_putc(uart_message[i]);
        for (unsigned spin = 0; uart_count == before && spin < 1000000; ++spin) {
        }
    }
    csr_clear(mstatus, CSR_MSTATUS_MIE);
    uart_write_reg(UART_IER, 0);
    uart_write_reg(UART_MCR, 0);

    printf("uart_irq: received %u bytes \"%.*s\", IIR 0x%x\n", uart_count,
           (int)(sizeof uart_message - 1), (const char*)uart_received, uart_iir_seen);
    CHECK_EQ(uart_bad_claims, 0);
    CHECK_EQ(uart_count, sizeof uart_message - 1);
    for (unsigned i = 0; i < sizeof uart_message - 1; ++i)
        CHECK_EQ(uart_received[i], uart_message[i]);
    CHECK_EQ(uart_iir_seen, UART_IIR_RX_DATA);
    CHECK_EQ(plic_claim(ctx), 0); /* nothing left pending */
    return 0;
}
