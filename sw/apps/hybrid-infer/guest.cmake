# Guest side of the hybrid-inference demo: hybrid-infer.elf (rv64, on firmware/lib, the host
# driver sw/driver and the runtime sw/runtime).
include(${NODEVP_REPO_DIR}/sw/runtime/guest.cmake)
guest_program(hybrid-infer ARCH rv64 DRIVER SOURCES ${CMAKE_CURRENT_LIST_DIR}/main.c
              LIBS hybrid_runtime_rv64)
# The same demo as an OpenSBI payload (--boot sbi, docs/boot.md): S-mode runtime and driver.
guest_program(hybrid-infer-sbi ARCH rv64 MODE smode DRIVER SOURCES ${CMAKE_CURRENT_LIST_DIR}/main.c
              LIBS hybrid_runtime_rv64_smode)
