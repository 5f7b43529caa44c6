// Semantic functions of the F and D rows (insn_table_fd.def), defined in fp_insns.cpp and
// instantiated there for RV32 and RV64; insns.cpp puts them into the handler table.
#pragma once

#include "models/cpu/rv_hart.hpp"

namespace nodevp::cpu {

#define RV_INSN(id, name, match, mask, fmt, xlen) \
    template <class X>                            \
    void sem_##id(RvHart<X>& h, const DecodedInsn& d);
#include "models/cpu/insn_table_fd.def"
#undef RV_INSN

}  // namespace nodevp::cpu
