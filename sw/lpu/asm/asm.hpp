// The LPU assembler and disassembler. The text format is specified in docs/lpu/assembly.md.
#pragma once

#include <stdexcept>
#include <string>

#include "models/lpu/image/image.hpp"

namespace nodevp::lpu {

// An assembly error: what() is one line, "<file>:<line>: <message>".
class AsmError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Assembles `source`; `filename` names it in messages. Throws AsmError on any defect.
Program assemble(const std::string& source, const std::string& filename);

// Text that assemble() turns back into exactly `program` (any valid program, including words
// with no instruction syntax, which become `.word`). Issue cycles appear as `# @<cycle>`
// comments.
std::string disassemble(const Program& program);

}  // namespace nodevp::lpu
