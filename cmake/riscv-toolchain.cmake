# Toolchain file for nodevp guest code: riscv64-unknown-elf-gcc (Debian) with picolibc.
# The march/mabi pair is chosen per program by guest_program() (firmware/cmake/GuestProgram.cmake),
# so one configured tree builds both rv32imac/ilp32 and rv64imac/lp64 images.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv)
set(CMAKE_C_COMPILER riscv64-unknown-elf-gcc)
set(CMAKE_ASM_COMPILER riscv64-unknown-elf-gcc)
set(CMAKE_OBJCOPY riscv64-unknown-elf-objcopy CACHE FILEPATH "")
set(CMAKE_OBJDUMP riscv64-unknown-elf-objdump CACHE FILEPATH "")

# No host libraries or programs leak into the cross build.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
# Compiler checks link a static library only: a test executable would need our crt0 and script.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(CMAKE_C_FLAGS_INIT "--specs=picolibc.specs -g -ffreestanding -fno-common -ffunction-sections -fdata-sections -mcmodel=medany -Wall -Wextra -Werror")
set(CMAKE_ASM_FLAGS_INIT "--specs=picolibc.specs -mcmodel=medany -Wall -Wextra -Werror")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-nostartfiles -Wl,--gc-sections -Wl,--no-warn-rwx-segments")
