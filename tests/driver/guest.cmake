# Guest side of the host driver tests: driver-test.elf (discovery, allocators, secure boot,
# RUN_IO, GPU channels, time-outs) and driver-recovery.elf (an injected LPU ECC error), rv64 on
# sw/driver, with the FFN block of tests/lpu/platform (ffn_blobs.S, its reference output).
set(_dd ${CMAKE_CURRENT_LIST_DIR})
set(_ffn_dir ${NODEVP_HOST_BINARY_DIR}/tests/lpu/platform/ffn)
set(_ffn_blobs ${NODEVP_REPO_DIR}/tests/lpu/platform/ffn_blobs.S)
# driver-test-sbi.elf is driver-test.elf as an OpenSBI payload (S mode, --boot sbi).
foreach(_name test recovery test-sbi)
  string(REGEX REPLACE "-sbi$" "" _src driver_${_name})
  set(_mode mmode)
  if(_name MATCHES "-sbi$")
    set(_mode smode)
  endif()
  guest_program(driver-${_name} ARCH rv64 MODE ${_mode} DRIVER
                SOURCES ${_dd}/${_src}.c ${_ffn_blobs})
  target_include_directories(driver-${_name} PRIVATE ${_ffn_dir})
  set_source_files_properties(${_dd}/${_src}.c PROPERTIES OBJECT_DEPENDS ${_ffn_dir}/ffn.h)
endforeach()
