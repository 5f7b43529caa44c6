# The ISA test programs, shared by the guest build (guest.cmake) and ctest registration
# (CMakeLists.txt). Each name is a source <name>.S here, built as isa-<arch>-<name>.elf.
set(NODEVP_ISA_TESTS_rv32 rr imm branch jump mem mul div amo rvc csr system time pmp mcsr)
# vm: Sv39 (RV64 only); vm32: Sv32 (RV32 only).
set(NODEVP_ISA_TESTS_rv64 ${NODEVP_ISA_TESTS_rv32} w vm)
list(APPEND NODEVP_ISA_TESTS_rv32 vm32)
# F/D tests: built with -march=...imafdc (guest.cmake) and run on harts with
# host.extensions=imafdc; fp_absent runs on imac harts and expects F/D to be illegal.
set(NODEVP_ISA_FP_TESTS fp_arith fp_fma fp_cvt fp_misc fp_rvc)
set(NODEVP_ISA_FP_ABSENT_TEST fp_absent)
set(NODEVP_ISA_FP_EXTENSIONS imafdc)
# Deliberately wrong in case 2 (an FP result check that must fail).
set(NODEVP_ISA_FP_FAIL_TEST fp_fail)
set(NODEVP_ISA_FP_FAIL_CASE 2)
# Deliberately wrong in case 3: proves the harness reports a failing case.
set(NODEVP_ISA_FAIL_TEST fail)
set(NODEVP_ISA_FAIL_CASE 3)
# Also built with -DNODEVP_QEMU_XCHECK as isa-<arch>-<name>-xcheck.elf, for tests/isa/run_qemu.sh:
# without the few checks where QEMU 7.2 departs from the spec or chooses other WARL values.
set(NODEVP_ISA_XCHECK_rv32 pmp vm32)
set(NODEVP_ISA_XCHECK_rv64 pmp vm)
