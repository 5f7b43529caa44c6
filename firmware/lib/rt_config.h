/* Sizes of the bare-metal runtime, shared by crt0.S and the C runtime. */
#ifndef NODEVP_FIRMWARE_RT_CONFIG_H
#define NODEVP_FIRMWARE_RT_CONFIG_H

/* Harts with mhartid >= NODE_RT_HARTS_MAX get no stack and park in crt0 forever. */
#define NODE_RT_HARTS_MAX 8
#define NODE_RT_STACK_SIZE 16384
/* Per-hart thread-local block (picolibc's errno and friends); checked against the image. */
#define NODE_RT_TLS_SIZE 512
/* Exit code when the image needs more TLS than NODE_RT_TLS_SIZE. */
#define NODE_RT_EXIT_TLS 125

#endif /* NODEVP_FIRMWARE_RT_CONFIG_H */
