# Drives the guest build (firmware/, a cross CMake project) from the host build. A guest ELF
# built from <repo>/<dir> lands in ${NODEVP_GUEST_DIR}/<dir>/<name>.elf; host-side
# CMakeLists.txt use that to register tests. The guest
# tree rebuilds on every host build (BUILD_ALWAYS) and is a no-op when nothing changed.
include(ExternalProject)

find_program(NODEVP_RISCV_GCC riscv64-unknown-elf-gcc)
if(NOT NODEVP_RISCV_GCC)
  message(FATAL_ERROR "riscv64-unknown-elf-gcc not found: apt-get install gcc-riscv64-unknown-elf "
                      "picolibc-riscv64-unknown-elf, or configure with -DNODEVP_BUILD_GUEST=OFF")
endif()

set(NODEVP_GUEST_BINARY_DIR ${CMAKE_BINARY_DIR}/guest)
set(NODEVP_GUEST_DIR ${NODEVP_GUEST_BINARY_DIR} CACHE INTERNAL "Root of the guest ELFs")

ExternalProject_Add(guest
  SOURCE_DIR ${PROJECT_SOURCE_DIR}/firmware
  BINARY_DIR ${NODEVP_GUEST_BINARY_DIR}
  CMAKE_GENERATOR ${CMAKE_GENERATOR}
  CMAKE_ARGS -DCMAKE_TOOLCHAIN_FILE=${PROJECT_SOURCE_DIR}/cmake/riscv-toolchain.cmake
             -DCMAKE_BUILD_TYPE=Release
             -DNODEVP_GEN_INCLUDE_DIR=${NODEVP_GEN_INCLUDE_DIR}
             -DNODEVP_HOST_BINARY_DIR=${CMAKE_BINARY_DIR}
  INSTALL_COMMAND ""
  BUILD_ALWAYS ON
  USES_TERMINAL_BUILD ON
  DEPENDS nodevp_gen)
