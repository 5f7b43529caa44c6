# Flags for nodevp's own host targets. Set per target; CMAKE_CXX_FLAGS is left alone.
add_library(nodevp_flags INTERFACE)
target_compile_options(nodevp_flags INTERFACE -Wall -Wextra -Werror -Wno-unused-parameter)
target_include_directories(nodevp_flags INTERFACE ${PROJECT_SOURCE_DIR})
if(NODEVP_SANITIZE)
  target_compile_options(nodevp_flags INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                                                -fno-sanitize-recover=undefined
                                                # GCC 12 reports false maybe-uninitialized
                                                # warnings inside libstdc++ (std::regex,
                                                # std::function) when sanitizers are on.
                                                -Wno-maybe-uninitialized)
  target_link_options(nodevp_flags INTERFACE -fsanitize=address,undefined)
endif()

# nodevp_library(NAME SOURCES ... DEPS ...): a static library of our own code.
function(nodevp_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_link_libraries(${name} PUBLIC nodevp_flags ${ARG_DEPS})
endfunction()

# main() for test executables (tests/support/sc_gtest_main.cpp), in two flavours.
add_library(nodevp_sc_main_gtest OBJECT ${PROJECT_SOURCE_DIR}/tests/support/sc_gtest_main.cpp)
add_library(nodevp_sc_main_own OBJECT ${PROJECT_SOURCE_DIR}/tests/support/sc_gtest_main.cpp)
target_compile_definitions(nodevp_sc_main_own PRIVATE NODEVP_OWN_SC_MAIN)
foreach(t nodevp_sc_main_gtest nodevp_sc_main_own)
  target_link_libraries(${t} PUBLIC SystemC::systemc GTest::gtest)
endforeach()

# nodevp_gtest(NAME SOURCES ... LIBS ... LABELS ...): a GoogleTest executable whose test cases are
# registered one by one with ctest (so sharding and JUnit see each case). Without SC_MAIN the
# executable's sc_main runs all tests; with SC_MAIN the bench defines sc_main itself (builds its
# modules, then runs the tests), since SystemC elaborates once per process.
function(nodevp_gtest name)
  cmake_parse_arguments(ARG "SC_MAIN" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE nodevp_flags ${ARG_LIBS} GTest::gtest)
  if(ARG_SC_MAIN)
    target_link_libraries(${name} PRIVATE nodevp_sc_main_own)  # the bench defines sc_main
  else()
    target_link_libraries(${name} PRIVATE nodevp_sc_main_gtest)  # sc_main runs all tests
  endif()
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 120)
  endif()
  if(NOT ARG_LABELS)
    set(ARG_LABELS unit)
  endif()
  gtest_discover_tests(${name} NO_PRETTY_TYPES NO_PRETTY_VALUES
    DISCOVERY_TIMEOUT 60
    PROPERTIES LABELS "${ARG_LABELS}" TIMEOUT ${ARG_TIMEOUT}
               ENVIRONMENT "SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1")
endfunction()
