# Helpers of the guest project: per-width flags, the DRAM base read from gen/node.h, and
# guest_program().

# The linker script needs NODE_DRAM_BASE as a plain number; gen/node.h spells it as a C literal.
# Re-configure whenever node.h changes so the value cannot go stale.
set_property(DIRECTORY ${CMAKE_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
                                                           ${NODEVP_GEN_INCLUDE_DIR}/gen/node.h)
file(STRINGS ${NODEVP_GEN_INCLUDE_DIR}/gen/node.h _dram_line REGEX "^#define NODE_DRAM_BASE ")
if(NOT _dram_line MATCHES "NODE_DRAM_BASE (0x[0-9a-fA-F]+)")
  message(FATAL_ERROR "NODE_DRAM_BASE missing from gen/node.h")
endif()
set(NODEVP_DRAM_BASE ${CMAKE_MATCH_1})
# S-mode programs are OpenSBI fw_jump payloads, linked where fw_jump jumps: its FW_JUMP_ADDR,
# 2 MiB above the DRAM base in OpenSBI's rv64 builds (the platform's boot.payload).
math(EXPR NODEVP_SBI_PAYLOAD_BASE "${NODEVP_DRAM_BASE} + 0x200000" OUTPUT_FORMAT HEXADECIMAL)

# Compile with explicit Zicsr/Zifencei (GCC 12 defaults to ISA spec 20191213); link with the
# plain name, which is what selects picolibc's rv32imac/ilp32 or rv64imac/lp64 multilib.
set(GUEST_ARCH_FLAGS_rv32 -march=rv32imac_zicsr_zifencei -mabi=ilp32)
set(GUEST_ARCH_FLAGS_rv64 -march=rv64imac_zicsr_zifencei -mabi=lp64)
set(GUEST_LINK_FLAGS_rv32 -march=rv32imac -mabi=ilp32)
set(GUEST_LINK_FLAGS_rv64 -march=rv64imac -mabi=lp64)
set(GUEST_LINKER_SCRIPT ${CMAKE_SOURCE_DIR}/lib/node.ld)

# guest_arch_flags(TARGET ARCH): compile and link a target for rv32 or rv64.
function(guest_arch_flags target arch)
  if(NOT DEFINED GUEST_ARCH_FLAGS_${arch})
    message(FATAL_ERROR "guest target ${target}: ARCH must be rv32 or rv64, not '${arch}'")
  endif()
  target_compile_options(${target} PRIVATE ${GUEST_ARCH_FLAGS_${arch}})
  target_link_options(${target} PRIVATE ${GUEST_LINK_FLAGS_${arch}})
  target_include_directories(${target} PRIVATE ${NODEVP_REPO_DIR} ${NODEVP_GEN_INCLUDE_DIR})
endfunction()

# guest_program(NAME ARCH rv32|rv64 SOURCES ... [BARE] [DRIVER] [MODE mmode|smode] [LIBS ...]):
# builds NAME.elf into the build-tree mirror of the calling file's directory
# (<build>/tests/isa/NAME.elf), linked at NODE_DRAM_BASE with lib/node.ld. Without BARE it links
# the runtime (crt0, trap, uart, stdio); BARE programs bring their own _start (the ISA tests).
# DRIVER (rv64) links the host driver library sw/driver ("nodevp/driver.h", sw/driver/guest.cmake),
# its S-mode variant with MODE smode.
# MODE smode (rv64) builds an OpenSBI payload for --boot sbi: the S-mode runtime, linked at
# NODEVP_SBI_PAYLOAD_BASE (firmware/README.md); the default is mmode.
function(guest_program name)
  cmake_parse_arguments(ARG "BARE;DRIVER" "ARCH;MODE" "SOURCES;LIBS" ${ARGN})
  # MODE smode: the S-mode runtime (node_rt_rv64_smode, NODE_RT_SMODE) at the SBI payload address.
  set(_base ${NODEVP_DRAM_BASE})
  set(_rt node_rt_${ARG_ARCH})
  set(_driver nv_driver_${ARG_ARCH})
  if(ARG_MODE STREQUAL "smode")
    if(NOT ARG_ARCH STREQUAL "rv64" OR ARG_BARE)
      message(FATAL_ERROR "guest program ${name}: MODE smode needs ARCH rv64 and the runtime")
    endif()
    set(_base ${NODEVP_SBI_PAYLOAD_BASE})
    set(_rt node_rt_rv64_smode)
    set(_driver nv_driver_rv64_smode)
  elseif(ARG_MODE AND NOT ARG_MODE STREQUAL "mmode")
    message(FATAL_ERROR "guest program ${name}: MODE must be mmode or smode, not '${ARG_MODE}'")
  endif()
  add_executable(${name} ${ARG_SOURCES})
  file(RELATIVE_PATH _rel ${NODEVP_REPO_DIR} ${CMAKE_CURRENT_LIST_DIR})
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/${_rel})
  guest_arch_flags(${name} ${ARG_ARCH})
  target_link_options(${name} PRIVATE -T${GUEST_LINKER_SCRIPT}
                      -Wl,--defsym=__node_dram_base=${_base} -Wl,-Map=${name}.map)
  set_property(TARGET ${name} APPEND PROPERTY LINK_DEPENDS ${GUEST_LINKER_SCRIPT})
  if(NOT ARG_BARE)
    target_link_libraries(${name} PRIVATE ${_rt})
  endif()
  if(ARG_DRIVER)
    target_link_libraries(${name} PRIVATE ${_driver})
  endif()
  target_link_libraries(${name} PRIVATE ${ARG_LIBS})
endfunction()
