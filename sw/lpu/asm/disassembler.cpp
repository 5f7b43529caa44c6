// The disassembler: writes a program in the form assemble() reads back bit for bit.
#include <sstream>

#include "sw/lpu/asm/asm.hpp"
#include "sw/lpu/asm/insn_text.hpp"
#include "sw/lpu/asm/queues.hpp"
#include "sw/lpu/asm/text.hpp"

namespace nodevp::lpu {

namespace {

constexpr std::size_t kBytesPerLine = 16;
constexpr std::size_t kCommentColumn = 40;

void write_data(std::ostream& out, const Geometry& g, const DataSegment& d) {
    const std::size_t vl = g.vector_bytes();
    out << "\n.data " << mem_slice_name(g, d.slice) << " " << d.first << "\n";
    for (std::size_t v = 0; v * vl < d.bytes.size(); ++v) {
        for (std::size_t i = 0; i < vl; i += kBytesPerLine) {
            std::string line = "    .bytes";
            for (std::size_t b = i; b < std::min(vl, i + kBytesPerLine); ++b)
                line += (b == i ? " " : ", ") + text::hex(d.bytes[v * vl + b], 2);
            out << line;
            if (i == 0) out << "  # vector " << d.first + v;
            out << "\n";
        }
    }
}

void write_queue(std::ostream& out, const Geometry& g, const QueueProgram& q) {
    out << "\n.queue " << q.name << "\n";
    const auto unit = text::queue_unit(g, q.name);
    std::uint64_t cycle = 0;
    for (const std::uint64_t w : q.words) {
        const auto insn = unit ? text::format_insn(w, *unit) : std::nullopt;
        std::string line = "    " + (insn ? *insn : ".word " + text::hex(w, 16));
        line.resize(std::max(line.size() + 1, kCommentColumn), ' ');
        out << line << "# @" << cycle << "\n";
        cycle += text::issue_cycles(w);
    }
}

}  // namespace

std::string disassemble(const Program& program) {
    validate_program(program);
    const Geometry& g = program.geometry;
    std::ostringstream out;
    out << "# LPU program (lpu-dis); '# @n': the cycle in which the instruction issues\n";
    out << ".geometry " << g.to_string() << "\n";
    if (!program.symbols.empty()) out << "\n";
    for (const auto& s : program.symbols)
        out << ".symbol " << s.name << " " << mem_slice_name(g, s.slice) << " " << s.address << " "
            << s.vectors << "\n";
    for (const auto& d : program.data) write_data(out, g, d);
    for (const auto& q : program.queues) write_queue(out, g, q);
    return out.str();
}

}  // namespace nodevp::lpu
