# Guest side of the host driver library (sw/driver, C11, RV64 bare metal on firmware/lib's
# runtime). A guest program links it with guest_program(... DRIVER); its header is
# "nodevp/driver.h" (sw/driver/include). The library also holds the device firmware images
# (nv_lpu_firmware, nv_gpu_firmware), linked only into programs that use them.
set(_nv_dir ${CMAKE_CURRENT_LIST_DIR})
set(_nv_sources
  ${_nv_dir}/src/nv_core.c ${_nv_dir}/src/nv_dtb.c ${_nv_dir}/src/nv_heap.c
  ${_nv_dir}/src/nv_lpu.c ${_nv_dir}/src/nv_gpu.c ${_nv_dir}/src/nv_cmd.c
  ${_nv_dir}/src/nv_firmware.S)
set_source_files_properties(${_nv_dir}/src/nv_firmware.S PROPERTIES
  COMPILE_DEFINITIONS "NV_LPU_FIRMWARE_BIN=\"${NODEVP_LPU_DMC_BIN}\";NV_GPU_FIRMWARE_BIN=\"${NODEVP_GPU_GSP_BIN}\""
  OBJECT_DEPENDS "${NODEVP_LPU_DMC_BIN};${NODEVP_GPU_GSP_BIN}")
# Two variants, like the runtime: nv_driver_rv64 (M mode) and nv_driver_rv64_smode (NODE_RT_SMODE,
# an OpenSBI payload: PLIC S contexts, the timer through SBI), which guest_program(... MODE smode
# DRIVER) links.
foreach(_nv_lib nv_driver_rv64 nv_driver_rv64_smode)
  add_library(${_nv_lib} STATIC ${_nv_sources})
  guest_arch_flags(${_nv_lib} rv64)
  target_include_directories(${_nv_lib} PUBLIC ${_nv_dir}/include)
  add_dependencies(${_nv_lib} lpu-dmc gpu-gsp)
endforeach()
target_compile_definitions(nv_driver_rv64_smode PUBLIC NODE_RT_SMODE)
