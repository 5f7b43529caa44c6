# Firmware tests (rv64 C programs on the runtime), shared by guest.cmake and CMakeLists.txt.
# Each <name>.c builds fw-<name>.elf and exits 0 on pass.
set(NODEVP_FIRMWARE_TESTS timer uart_irq illegal unmapped amo wfi)
