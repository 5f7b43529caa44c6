# Guest side of the ISA tests: bare assembly programs (no runtime), one per group and width.
include(${CMAKE_CURRENT_LIST_DIR}/tests.cmake)
foreach(arch rv32 rv64)
  foreach(name ${NODEVP_ISA_TESTS_${arch}} ${NODEVP_ISA_FAIL_TEST})
    guest_program(isa-${arch}-${name} ARCH ${arch} BARE SOURCES ${CMAKE_CURRENT_LIST_DIR}/${name}.S)
  endforeach()
endforeach()
