# Guest side of the hybrid-inference demo: hybrid-infer.elf (rv64, on firmware/lib, the host
# driver sw/driver and the runtime sw/runtime).
include(${NODEVP_REPO_DIR}/sw/runtime/guest.cmake)
guest_program(hybrid-infer ARCH rv64 DRIVER SOURCES ${CMAKE_CURRENT_LIST_DIR}/main.c
              LIBS hybrid_runtime_rv64)
