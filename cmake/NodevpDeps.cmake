# Third-party dependencies, all from Debian packages, consumed as imported targets.
find_package(PkgConfig REQUIRED)
pkg_check_modules(SystemC REQUIRED IMPORTED_TARGET systemc>=2.3.3)
if(NOT TARGET SystemC::systemc)
  add_library(SystemC::systemc ALIAS PkgConfig::SystemC)
endif()
find_package(spdlog REQUIRED)
find_package(fmt REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(CLI11 REQUIRED)
find_package(Threads REQUIRED)

find_library(FDT_LIBRARY NAMES fdt REQUIRED)
find_path(FDT_INCLUDE_DIR NAMES libfdt.h REQUIRED)
add_library(fdt::fdt UNKNOWN IMPORTED)
set_target_properties(fdt::fdt PROPERTIES IMPORTED_LOCATION ${FDT_LIBRARY}
                                          INTERFACE_INCLUDE_DIRECTORIES ${FDT_INCLUDE_DIR})

find_package(Python3 REQUIRED COMPONENTS Interpreter)
execute_process(COMMAND ${Python3_EXECUTABLE} -c "import yaml" RESULT_VARIABLE _nodevp_pyyaml
                OUTPUT_QUIET ERROR_QUIET)
if(NOT _nodevp_pyyaml EQUAL 0)
  message(FATAL_ERROR "${Python3_EXECUTABLE} lacks the yaml module: apt-get install python3-yaml "
                      "(scripts/test does this), or pass -DPython3_EXECUTABLE=/usr/bin/python3")
endif()

if(NODEVP_BUILD_TESTS)
  find_package(GTest REQUIRED)
  find_package(benchmark QUIET)
endif()
