/* Property look-up in a flattened device tree (the DTB the boot ROM hands over): the demo's
 * parameters in /chosen (sw/include/nodevp/demo_abi.h) and per-device properties. Read-only,
 * never trusts the blob: every offset is checked against its size. Plain C (host-testable). */
#ifndef NODEVP_RUNTIME_FDT_H
#define NODEVP_RUNTIME_FDT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The value of property `prop` of the node at `path` ("/chosen"; unit addresses must be
 * spelled out) and its length in *len; NULL if the blob is invalid or there is no such node or
 * property. */
const void* hy_fdt_prop(const void* dtb, const char* path, const char* prop, uint32_t* len);
/* Likewise for the index-th node (tree order, from 0) whose compatible list holds `compatible`. */
const void* hy_fdt_compatible_prop(const void* dtb, const char* compatible, unsigned index,
                                   const char* prop, uint32_t* len);
/* A big-endian u32 cell. */
uint32_t hy_fdt_u32(const void* cell);

#ifdef __cplusplus
}
#endif

#endif /* NODEVP_RUNTIME_FDT_H */
