#include "firmware/lib/uart.h"

#include "firmware/lib/mmio.h"
#include "gen/node.h"

uint8_t uart_read_reg(unsigned offset) {
    return mmio_read8(NODE_UART0_BASE + offset);
}
void uart_write_reg(unsigned offset, uint8_t value) {
    mmio_write8(NODE_UART0_BASE + offset, value);
}

void uart_init(void) {
    uart_write_reg(UART_IER, 0);
    uart_write_reg(UART_LCR, UART_LCR_WLS_MASK); /* 8 data bits, 1 stop, no parity, DLAB 0 */
}

void uart_putc(char c) {
    while ((uart_read_reg(UART_LSR) & UART_LSR_THRE_MASK) == 0) {
    }
    uart_write_reg(UART_RBR_THR, (uint8_t)c);
}

void uart_puts(const char* s) {
    while (*s) uart_putc(*s++);
}
