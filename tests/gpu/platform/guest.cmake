# Guest side of the GPU platform tests: gpu-platform.elf and gpu-timing.elf (rv64), each with the
# GSP firmware's IMEM image (firmware/gpu, gpu-gsp.bin) embedded.
set(_d ${CMAKE_CURRENT_LIST_DIR})
foreach(_name platform timing secure_boot)
  string(REPLACE "_" "-" _elf ${_name})
  guest_program(gpu-${_elf} ARCH rv64 SOURCES ${_d}/gpu_${_name}.c ${_d}/gpu_host.c ${_d}/gsp_image.S)
  add_dependencies(gpu-${_elf} gpu-gsp)
endforeach()
set_source_files_properties(${_d}/gsp_image.S PROPERTIES
  COMPILE_DEFINITIONS "GPU_GSP_BIN=\"${NODEVP_GPU_GSP_BIN}\""
  OBJECT_DEPENDS ${NODEVP_GPU_GSP_BIN})
