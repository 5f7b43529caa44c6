# Firmware tests (rv64 C programs on the runtime), shared by guest.cmake and CMakeLists.txt.
# Each <name>.c builds fw-<name>.elf and exits 0 on pass.
set(NODEVP_FIRMWARE_TESTS timer uart_irq illegal unmapped amo wfi litmus_mp litmus_sb litmus_atomics
                           dtb_devices)

# Extra nodevp arguments of a test (none unless set here). The litmus tests use a small quantum
# so that the harts interleave every few instructions.
set(NODEVP_FIRMWARE_ARGS_litmus_mp --quantum 20ns --set host.harts=2)
set(NODEVP_FIRMWARE_ARGS_litmus_sb --quantum 20ns --set host.harts=2)
set(NODEVP_FIRMWARE_ARGS_litmus_atomics --quantum 20ns --set host.harts=4)

# Tests also registered as firmware.<name>.timed, run with --fidelity timed (issue 5).
set(NODEVP_FIRMWARE_TIMED_TESTS litmus_mp litmus_sb litmus_atomics)
