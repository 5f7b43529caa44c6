include(${CMAKE_CURRENT_LIST_DIR}/tests.cmake)
foreach(name ${NODEVP_FIRMWARE_TESTS})
  guest_program(fw-${name} ARCH rv64 SOURCES ${CMAKE_CURRENT_LIST_DIR}/${name}.c)
endforeach()
