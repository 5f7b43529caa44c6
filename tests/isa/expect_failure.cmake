# cmake -DNODEVP=<nodevp> -DELF=<elf> -DCASE=<n> [-DEXTENSIONS=<host.extensions>] -P expect_failure.cmake
# Passes only if nodevp exits with code CASE and its output names that case number (nodevp's
# HTIF report, e.g. "tohost: case 3 failed" or "exit code 3").
set(extra)
if(EXTENSIONS)
  set(extra --set host.extensions=${EXTENSIONS})
endif()
execute_process(COMMAND ${NODEVP} ${extra} ${ELF} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err
                TIMEOUT 50)
set(all "${out}${err}")
if(NOT rc STREQUAL "${CASE}")
  message(FATAL_ERROR "expected exit code ${CASE} from ${ELF}, got '${rc}'\n${all}")
endif()
if(NOT all MATCHES "(case|code|status)[^0-9\n]*${CASE}([^0-9]|$)")
  message(FATAL_ERROR "exit code was ${CASE} but the output does not name case ${CASE}:\n${all}")
endif()
message(STATUS "failing case ${CASE} reported as expected")
