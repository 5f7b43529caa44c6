// The GSP's boot ROM: a few RV32 instructions at GSP_BOOTROM_BASE, the GSP's reset vector.
//
// It enables the machine software interrupt in mie (mstatus.MIE stays 0, so nothing traps), sleeps
// in WFI until the device raises MSIP (GSP_CONTROL.RUN), checks GSP_CONTROL.RUN, clears mie and
// jumps to GSP_IMEM_BASE with every other register as at reset.
#pragma once

#include <cstdint>
#include <vector>

namespace nodevp::gpu {

std::vector<std::uint32_t> gsp_boot_rom();

}  // namespace nodevp::gpu
