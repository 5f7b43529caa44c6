# Guest side of the LPU platform tests: rv64 host programs on the host driver (sw/driver, which
# embeds the DMC firmware), with LPU opcodes generated from models/lpu/isa/lpu_isa.def.
find_program(NODEVP_GUEST_PYTHON python3 REQUIRED)
set(_lpu_inc ${CMAKE_BINARY_DIR}/tests/lpu/platform/include)
set(_lpu_isa_h ${_lpu_inc}/gen/lpu_isa.h)
set(_lpu_def ${NODEVP_REPO_DIR}/models/lpu/isa/lpu_isa.def)
add_custom_command(OUTPUT ${_lpu_isa_h}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${_lpu_inc}/gen
  COMMAND ${NODEVP_GUEST_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/gen_lpu_isa_h.py ${_lpu_def} ${_lpu_isa_h}
  DEPENDS ${_lpu_def} ${CMAKE_CURRENT_LIST_DIR}/gen_lpu_isa_h.py
  VERBATIM)

set(_d ${CMAKE_CURRENT_LIST_DIR})
guest_program(lpu-platform ARCH rv64 DRIVER
  SOURCES ${_d}/lpu_platform.c ${_d}/lpu_test.c ${_d}/lpu_image.c ${_lpu_isa_h})
target_include_directories(lpu-platform PRIVATE ${_lpu_inc})

# lpu-secure-boot.elf: a tampered DMC image is refused by the boot ROM, the genuine one boots.
guest_program(lpu-secure-boot ARCH rv64 DRIVER SOURCES ${_d}/lpu_secure_boot.c ${_d}/lpu_test.c)

# lpu-ffn.elf: the FFN block through the mailbox; its image, input and expected output come from
# the host build's lpu-ffn-gen (tests/lpu/platform/CMakeLists.txt) in NODEVP_HOST_BINARY_DIR.
set(_ffn_dir ${NODEVP_HOST_BINARY_DIR}/tests/lpu/platform/ffn)
guest_program(lpu-ffn ARCH rv64 DRIVER
  SOURCES ${_d}/lpu_ffn.c ${_d}/lpu_test.c ${_d}/ffn_blobs.S ${_lpu_isa_h})
target_include_directories(lpu-ffn PRIVATE ${_lpu_inc} ${_ffn_dir})
set_source_files_properties(${_d}/ffn_blobs.S PROPERTIES
  COMPILE_DEFINITIONS "FFN_IMAGE=\"${_ffn_dir}/ffn.lpu\";FFN_X=\"${_ffn_dir}/ffn-x.bin\";FFN_Y=\"${_ffn_dir}/ffn-y.bin\""
  OBJECT_DEPENDS "${_ffn_dir}/ffn.lpu;${_ffn_dir}/ffn-x.bin;${_ffn_dir}/ffn-y.bin")
set_source_files_properties(${_d}/lpu_ffn.c PROPERTIES OBJECT_DEPENDS ${_ffn_dir}/ffn.h)
