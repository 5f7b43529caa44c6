/* Polled ns16550a console on UART0 (8N1, no FIFO interrupts). Not thread-safe: callers that
 * print from several harts serialise themselves. */
#ifndef NODEVP_FIRMWARE_UART_H
#define NODEVP_FIRMWARE_UART_H

#include <stdint.h>

void uart_init(void);
void uart_putc(char c);
void uart_puts(const char* s);
/* Register access relative to UART0, for tests that drive interrupts and loopback. */
uint8_t uart_read_reg(unsigned offset);
void uart_write_reg(unsigned offset, uint8_t value);

#endif /* NODEVP_FIRMWARE_UART_H */
