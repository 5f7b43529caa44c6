# Guest side of the GDB stub test (included by firmware/CMakeLists.txt).
guest_program(gdb-target ARCH rv64 SOURCES ${CMAKE_CURRENT_LIST_DIR}/gdb_target.c)
