# sw/runtime as a guest library (rv64, on the host driver): hybrid_runtime_rv64 (and _smode). It
# embeds the LPU FFN programs that hybrid-lpu-gen (sw/apps/hybrid-infer/CMakeLists.txt) wrote into the host
# build tree at build time: hybrid_lpu.h and hybrid_lpu_blobs.S.
set(_hy_rt ${CMAKE_CURRENT_LIST_DIR})
set(_hy_lpu ${NODEVP_HOST_BINARY_DIR}/sw/apps/hybrid-infer/lpu)
set(_hy_images)
foreach(_node default full)
  foreach(_layer 0 1)
    list(APPEND _hy_images ${_hy_lpu}/${_node}_l${_layer}.lpu)
  endforeach()
endforeach()
set_source_files_properties(${_hy_lpu}/hybrid_lpu_blobs.S PROPERTIES GENERATED TRUE
                            OBJECT_DEPENDS "${_hy_images}")
set_source_files_properties(${_hy_rt}/lpu_ffn.c PROPERTIES OBJECT_DEPENDS ${_hy_lpu}/hybrid_lpu.h)
# Both modes: hybrid_runtime_rv64 on nv_driver_rv64, hybrid_runtime_rv64_smode on the S-mode
# driver (an OpenSBI payload, hybrid-infer-sbi.elf).
foreach(_hy_mode "" _smode)
  add_library(hybrid_runtime_rv64${_hy_mode} STATIC
    ${_hy_rt}/runtime.c ${_hy_rt}/lpu_ffn.c ${_hy_rt}/weights.c ${_hy_rt}/fdt.c
    ${_hy_lpu}/hybrid_lpu_blobs.S)
  guest_arch_flags(hybrid_runtime_rv64${_hy_mode} rv64)
  target_include_directories(hybrid_runtime_rv64${_hy_mode} PRIVATE ${_hy_lpu})
  target_link_libraries(hybrid_runtime_rv64${_hy_mode} PUBLIC nv_driver_rv64${_hy_mode})
endforeach()
