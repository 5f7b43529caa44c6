/* Minimal flattened-device-tree reader: just enough to count harts. */
#ifndef NODEVP_FIRMWARE_DTB_H
#define NODEVP_FIRMWARE_DTB_H

/* Number of /cpus/cpu@N nodes, or 0 if blob is not a valid FDT (bad magic or version). */
unsigned dtb_count_cpus(const void* blob);

#endif /* NODEVP_FIRMWARE_DTB_H */
