# iss-bench: rv64 integer benchmark (sw/apps/iss-bench/main.c), runs on nodevp and QEMU virt.
set(_bench_dir ${CMAKE_CURRENT_LIST_DIR})
guest_program(iss-bench ARCH rv64
  SOURCES ${_bench_dir}/main.c ${_bench_dir}/util.c ${_bench_dir}/crc.c ${_bench_dir}/list.c
          ${_bench_dir}/matrix.c ${_bench_dir}/fsm.c)
