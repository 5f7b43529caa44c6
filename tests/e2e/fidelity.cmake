# The fidelity matrix (issue 5, acceptance 5): every firmware and platform test must pass in both
# fabric fidelities with identical output. Included by the test directories that register one.
include_guard(GLOBAL)

# nodevp_fidelity_test(NAME name [EXIT code] ARGS nodevp-args...): registers fidelity.<name>,
# which runs `nodevp ARGS` with --fidelity fast and with --fidelity timed and requires exit code
# EXIT (default 0) from both and the same stdout (tests/e2e/fidelity_compare.py).
function(nodevp_fidelity_test)
  cmake_parse_arguments(ARG "" "NAME;EXIT" "ARGS" ${ARGN})
  if(NOT DEFINED ARG_EXIT)
    set(ARG_EXIT 0)
  endif()
  add_test(NAME fidelity.${ARG_NAME}
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/fidelity_compare.py
                   --exit ${ARG_EXIT} -- $<TARGET_FILE:nodevp> ${ARG_ARGS})
  set_tests_properties(fidelity.${ARG_NAME} PROPERTIES LABELS fidelity TIMEOUT 300)
endfunction()
