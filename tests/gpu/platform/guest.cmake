# Guest side of the GPU platform tests: gpu-platform.elf, gpu-timing.elf and gpu-secure-boot.elf
# (rv64), on the host driver (sw/driver, which embeds the GSP firmware).
set(_d ${CMAKE_CURRENT_LIST_DIR})
foreach(_name platform timing secure_boot)
  string(REPLACE "_" "-" _elf ${_name})
  guest_program(gpu-${_elf} ARCH rv64 DRIVER SOURCES ${_d}/gpu_${_name}.c ${_d}/gpu_test.c)
endforeach()
