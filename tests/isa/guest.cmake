# Guest side of the ISA tests: bare assembly programs (no runtime), one per group and width.
include(${CMAKE_CURRENT_LIST_DIR}/tests.cmake)
foreach(arch rv32 rv64)
  foreach(name ${NODEVP_ISA_TESTS_${arch}} ${NODEVP_ISA_FAIL_TEST})
    guest_program(isa-${arch}-${name} ARCH ${arch} BARE SOURCES ${CMAKE_CURRENT_LIST_DIR}/${name}.S)
  endforeach()
endforeach()
# The F/D tests need the F and D instructions from the assembler; the ABI stays soft-float.
set(_isa_fp_march_rv32 -march=rv32imafdc_zicsr_zifencei)
set(_isa_fp_march_rv64 -march=rv64imafdc_zicsr_zifencei)
foreach(arch rv32 rv64)
  foreach(name ${NODEVP_ISA_FP_TESTS} ${NODEVP_ISA_FP_ABSENT_TEST} ${NODEVP_ISA_FP_FAIL_TEST})
    guest_program(isa-${arch}-${name} ARCH ${arch} BARE SOURCES ${CMAKE_CURRENT_LIST_DIR}/${name}.S)
    # Added after guest_program's -march, so this one wins.
    target_compile_options(isa-${arch}-${name} PRIVATE ${_isa_fp_march_${arch}})
  endforeach()
endforeach()
foreach(arch rv32 rv64)
  foreach(name ${NODEVP_ISA_XCHECK_${arch}})
    guest_program(isa-${arch}-${name}-xcheck ARCH ${arch} BARE
                  SOURCES ${CMAKE_CURRENT_LIST_DIR}/${name}.S)
    target_compile_definitions(isa-${arch}-${name}-xcheck PRIVATE NODEVP_QEMU_XCHECK)
  endforeach()
endforeach()
