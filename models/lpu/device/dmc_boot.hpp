// The DMC's boot ROM: a few RV32 instructions at DMC_BOOTROM_BASE, the DMC's reset vector.
//
// It enables the machine software interrupt in mie (mstatus.MIE stays 0, so nothing traps), sleeps
// in WFI until the device raises MSIP (CONTROL.DMC_RUN), checks CONTROL.DMC_RUN, clears mie and
// jumps to DMC_IMEM_BASE with every other register as at reset.
#pragma once

#include <cstdint>
#include <vector>

namespace nodevp::lpu {

std::vector<std::uint32_t> dmc_boot_rom();

}  // namespace nodevp::lpu
