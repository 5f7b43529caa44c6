/* Never ends the run: every hart spins at _start. For the --max-time time-out check. */
    .text
    .globl _start
_start:
    j _start
