// Internals shared by the kernel library's translation units (not part of the public API).
#pragma once

#include <cstdint>
#include <string>

#include "models/gpu/kernels/kernels.hpp"

namespace nodevp::gpu::kernels::detail {

[[noreturn]] void fail(const char* kernel, const std::string& what);

// a * b + c in uint64, or KernelError from `kernel` naming `what` on overflow.
std::uint64_t checked_mad(const char* kernel, const char* what, std::uint64_t a, std::uint64_t b,
                          std::uint64_t c);

// Throws KernelError unless the byte ranges [x, x+x_bytes) and [y, y+y_bytes) are disjoint, or
// (when same_ok) identical in start (an in-place operation whose element i reads only input i).
void check_disjoint(const char* kernel, const char* x_name, const void* x, std::uint64_t x_bytes,
                    const char* y_name, const void* y, std::uint64_t y_bytes, bool same_ok);

}  // namespace nodevp::gpu::kernels::detail
