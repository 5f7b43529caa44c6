/* The DTB properties the driver needs beyond firmware/lib/dtb.h's device lookup. */
#ifndef NODEVP_DRIVER_DTB_H
#define NODEVP_DRIVER_DTB_H

#include <stdint.h>

/* The first /memory node's first <address size> pair (2 cells each): 1 if found. */
int nv_dtb_memory(const void* dtb, uint64_t* base, uint64_t* size);
/* The blob's totalsize (FDT header), 0 if it is not an FDT. */
uint32_t nv_dtb_size(const void* dtb);
/* /cpus timebase-frequency (one cell): 1 if found. */
int nv_dtb_timebase(const void* dtb, uint32_t* hz);

#endif /* NODEVP_DRIVER_DTB_H */
