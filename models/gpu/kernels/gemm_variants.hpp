// The GEMM's ISA variants, for tests and benchmarks. gemm() uses the best one the host has;
// every variant computes the same bits (docs/gpu/kernels.md), which the tests check.
#pragma once

#include <cstdint>

#include "models/gpu/kernels/kernels.hpp"

namespace nodevp::gpu::kernels {

enum class GemmIsa : std::uint8_t { generic, avx2, avx512 };

GemmIsa gemm_best_isa();
bool gemm_isa_available(GemmIsa isa);
// gemm() with a chosen variant; KernelError if the host lacks it.
void gemm_with_isa(GemmIsa isa, const GemmParams& p, const void* a, const void* b, void* c);

}  // namespace nodevp::gpu::kernels
