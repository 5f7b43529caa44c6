/* Trap handling in the runtime's mode (M, or S with NODE_RT_SMODE: the frame's mepc/mcause/mtval
 * then hold sepc/scause/stval). trap_entry (trap_entry.S) saves the interrupted context as a
 * trap_frame and calls the handler registered for the cause; the handler may change frame->mepc
 * (e.g. +4 to skip a faulting instruction) and any x register except x2. An unregistered cause
 * prints the trap and ends the run with exit code TRAP_UNHANDLED_EXIT. Handlers are global (all
 * harts). */
#ifndef NODEVP_FIRMWARE_TRAP_H
#define NODEVP_FIRMWARE_TRAP_H

#include <stdbool.h>

#define TRAP_CAUSES_MAX 16
#define TRAP_UNHANDLED_EXIT 126

struct trap_frame {
    unsigned long x[32]; /* x[0] is unused; x[2] is the sp before the trap */
    unsigned long mepc;
    unsigned long mcause;
    unsigned long mtval;
    unsigned long pad;
};

typedef void (*trap_handler_fn)(struct trap_frame* frame);

/* Registers fn for exception (interrupt = false) or interrupt code `code` (< TRAP_CAUSES_MAX);
 * fn = 0 unregisters. Returns false for an out-of-range code. */
bool trap_register(bool interrupt, unsigned code, trap_handler_fn fn);
/* Length in bytes (2 or 4) of the instruction at pc, for handlers that skip it. */
unsigned trap_insn_length(unsigned long pc);
void trap_entry(void);

#endif /* NODEVP_FIRMWARE_TRAP_H */
