# S-mode payloads for --boot sbi (tests/boot/CMakeLists.txt): the runtime's own test, an exit
# code, and an existing device test built in S mode unchanged.
guest_program(sbi-runtime ARCH rv64 MODE smode SOURCES ${CMAKE_CURRENT_LIST_DIR}/sbi_runtime.c)
guest_program(sbi-exit ARCH rv64 MODE smode SOURCES ${CMAKE_CURRENT_LIST_DIR}/sbi_exit.c)
guest_program(sbi-dtb_devices ARCH rv64 MODE smode
              SOURCES ${NODEVP_REPO_DIR}/tests/firmware/dtb_devices.c)
