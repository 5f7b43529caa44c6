# Guest side of the end-to-end checks (included by firmware/CMakeLists.txt).

# outside-dram.elf: linked 256 MiB below DRAM, where the node has no memory; the loader refuses it.
math(EXPR _outside "${NODEVP_DRAM_BASE} - 0x10000000" OUTPUT_FORMAT HEXADECIMAL)
file(WRITE ${CMAKE_BINARY_DIR}/tests/e2e/outside-dram.ld
     "ENTRY(_start)\nSECTIONS { . = ${_outside}; .text : { *(.text*) } }\n")
add_executable(outside-dram ${CMAKE_CURRENT_LIST_DIR}/outside_dram.S)
set_target_properties(outside-dram PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests/e2e)
guest_arch_flags(outside-dram rv64)
target_link_options(outside-dram PRIVATE -nostdlib -nostartfiles
                    -T${CMAKE_BINARY_DIR}/tests/e2e/outside-dram.ld)

# spin.elf: never exits, for the time-out check.
guest_program(spin ARCH rv64 BARE SOURCES ${CMAKE_CURRENT_LIST_DIR}/spin.S)

# trap-loop.elf: the trap handler's first instruction is illegal; nodevp must stop, not hang.
guest_program(trap-loop ARCH rv64 BARE SOURCES ${CMAKE_CURRENT_LIST_DIR}/trap_loop.S)

# demo-liar-*.elf: publish a made-up demo result (wrong tokens / stopped early) and exit 0; nodevp's
# check against the host reference must turn that into exit 68.
guest_program(demo-liar-wrong ARCH rv64 SOURCES ${CMAKE_CURRENT_LIST_DIR}/demo_liar.c)
target_compile_definitions(demo-liar-wrong PRIVATE DEMO_LIAR_WRONG)
guest_program(demo-liar-early ARCH rv64 SOURCES ${CMAKE_CURRENT_LIST_DIR}/demo_liar.c)
