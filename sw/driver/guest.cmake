# Guest side of the host driver library (sw/driver, C11, RV64 bare metal on firmware/lib's
# runtime). A guest program links it with guest_program(... DRIVER); its header is
# "nodevp/driver.h" (sw/driver/include). The library also holds the device firmware images
# (nv_lpu_firmware, nv_gpu_firmware), linked only into programs that use them.
set(_nv_dir ${CMAKE_CURRENT_LIST_DIR})
add_library(nv_driver_rv64 STATIC
  ${_nv_dir}/src/nv_core.c ${_nv_dir}/src/nv_dtb.c ${_nv_dir}/src/nv_heap.c
  ${_nv_dir}/src/nv_lpu.c ${_nv_dir}/src/nv_gpu.c ${_nv_dir}/src/nv_cmd.c
  ${_nv_dir}/src/nv_firmware.S)
guest_arch_flags(nv_driver_rv64 rv64)
target_include_directories(nv_driver_rv64 PUBLIC ${_nv_dir}/include)
set_source_files_properties(${_nv_dir}/src/nv_firmware.S PROPERTIES
  COMPILE_DEFINITIONS "NV_LPU_FIRMWARE_BIN=\"${NODEVP_LPU_DMC_BIN}\";NV_GPU_FIRMWARE_BIN=\"${NODEVP_GPU_GSP_BIN}\""
  OBJECT_DEPENDS "${NODEVP_LPU_DMC_BIN};${NODEVP_GPU_GSP_BIN}")
add_dependencies(nv_driver_rv64 lpu-dmc gpu-gsp)
