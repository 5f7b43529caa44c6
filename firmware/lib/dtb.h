/* Minimal flattened-device-tree reader: count harts, and find devices by compatible string
 * (device discovery of the accelerators, platform/boot/dtb.hpp). */
#ifndef NODEVP_FIRMWARE_DTB_H
#define NODEVP_FIRMWARE_DTB_H

#include <stdint.h>

/* Number of /cpus/cpu@N nodes, or 0 if blob is not a valid FDT (bad magic or version). */
unsigned dtb_count_cpus(const void* blob);

enum { DTB_DEVICE_REGS = 2 };

/* What a driver needs of a device node. reg is read as <address size> pairs of two cells each,
 * which is what /soc declares (#address-cells = #size-cells = 2); interrupts is its first cell. */
struct dtb_device {
    struct {
        uint64_t base, size;
    } reg[DTB_DEVICE_REGS];
    unsigned regs; /* reg ranges read (0..DTB_DEVICE_REGS) */
    uint32_t irq;  /* 0 if the node has no interrupts */
};

/* The index-th node (in tree order, from 0) whose compatible list holds `compatible`: fills *out
 * (if non-null) and returns 1; returns 0 if there is no such node or the blob is not a valid
 * FDT. */
int dtb_find_compatible(const void* blob, const char* compatible, unsigned index,
                        struct dtb_device* out);
/* Number of nodes whose compatible list holds `compatible`. */
unsigned dtb_count_compatible(const void* blob, const char* compatible);

#endif /* NODEVP_FIRMWARE_DTB_H */
