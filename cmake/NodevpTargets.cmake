# Flags for nodevp's own host targets. Set per target; CMAKE_CXX_FLAGS is left alone.
add_library(nodevp_flags INTERFACE)
target_compile_options(nodevp_flags INTERFACE -Wall -Wextra -Werror -Wno-unused-parameter)
target_include_directories(nodevp_flags INTERFACE ${PROJECT_SOURCE_DIR})
if(NODEVP_SANITIZE)
  target_compile_options(nodevp_flags INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                                                -fno-sanitize-recover=undefined)
  target_link_options(nodevp_flags INTERFACE -fsanitize=address,undefined)
endif()

# nodevp_library(NAME SOURCES ... DEPS ...): a static library of our own code.
function(nodevp_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_link_libraries(${name} PUBLIC nodevp_flags ${ARG_DEPS})
endfunction()

# nodevp_gtest(NAME SOURCES ... LIBS ... LABELS ...): a GoogleTest executable whose test cases are
# registered one by one with ctest (so sharding and JUnit see each case). A bench that needs
# SystemC defines sc_main; one bench per executable, since SystemC elaborates once per process.
function(nodevp_gtest name)
  cmake_parse_arguments(ARG "SC_MAIN" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE nodevp_flags ${ARG_LIBS} GTest::gtest)
  if(NOT ARG_SC_MAIN)
    target_link_libraries(${name} PRIVATE GTest::gtest_main)
  endif()
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 120)
  endif()
  if(NOT ARG_LABELS)
    set(ARG_LABELS unit)
  endif()
  gtest_discover_tests(${name}
    DISCOVERY_TIMEOUT 60
    PROPERTIES LABELS "${ARG_LABELS}" TIMEOUT ${ARG_TIMEOUT}
               ENVIRONMENT "SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1")
endfunction()
