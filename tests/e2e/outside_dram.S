/* A program linked below host DRAM, in a gap of the memory map: the loader must refuse it. */
    .text
    .globl _start
_start:
    j _start
