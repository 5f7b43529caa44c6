// The assembler: one pass over the lines, in order (docs/lpu/assembly.md).
#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <optional>
#include <sstream>

#include "sw/lpu/asm/asm.hpp"
#include "sw/lpu/asm/data_values.hpp"
#include "sw/lpu/asm/expr.hpp"
#include "sw/lpu/asm/insn_text.hpp"
#include "sw/lpu/asm/queues.hpp"
#include "sw/lpu/asm/text.hpp"

namespace nodevp::lpu {

namespace {

using text::LineError;

struct QueueState {
    std::size_t index = 0;  // in Program::queues
    Unit unit = Unit::any;
    std::uint64_t cycle = 0;  // issue cycle of the next instruction
};

struct DataSection {
    std::uint32_t slice = 0;
    std::uint32_t first = 0;
    unsigned line = 0;
    std::unique_ptr<text::DataBuilder> builder;
};

class Assembler {
  public:
    explicit Assembler(const std::string& filename) : filename_(filename) {}

    Program run(const std::string& source) {
        std::istringstream in(source);
        std::string line;
        while (std::getline(in, line)) {
            ++line_no_;
            try {
                process(line);
            } catch (const LineError& e) {
                fail(line_no_, e.what());
            } catch (const ImageError& e) {
                fail(line_no_, e.what());
            }
        }
        finish_data();
        try {
            validate_program(program_);
        } catch (const ImageError& e) {
            fail(line_no_, e.what());
        }
        return std::move(program_);
    }

  private:
    [[noreturn]] void fail(unsigned line, const std::string& what) const {
        throw AsmError(filename_ + ":" + std::to_string(line) + ": " + what);
    }

    text::Lookup lookup() const {
        return [this](const std::string& name) -> std::optional<std::int64_t> {
            const auto it = names_.find(name);
            if (it == names_.end()) return std::nullopt;
            return it->second;
        };
    }

    void define(const std::string& name, std::int64_t value) {
        if (!text::is_identifier(name)) throw LineError("'" + name + "' is not a valid name");
        if (!names_.emplace(name, value).second)
            throw LineError("'" + name + "' is already defined");
    }

    static std::string_view strip_comment(std::string_view s) {
        const std::size_t c = s.find_first_of("#;");
        return c == std::string_view::npos ? s : s.substr(0, c);
    }

    void process(std::string_view line) {
        line = text::trim(strip_comment(line));
        std::optional<std::string> label;
        const std::size_t colon = line.find(':');
        if (colon != std::string_view::npos &&
            text::is_identifier(text::trim(line.substr(0, colon)))) {
            label = std::string(text::trim(line.substr(0, colon)));
            line = text::trim(line.substr(colon + 1));
        }
        if (!line.empty() && line[0] == '.') {
            bind_label(label);
            directive(line);
        } else if (!line.empty() || label) {
            if (!queue_ && !line.empty()) throw LineError("instruction outside a .queue section");
            if (!line.empty() && line[0] == '@') line = place(line);
            bind_label(label);
            if (!line.empty()) emit(text::encode_insn(line, queue_->unit, lookup()));
        }
    }

    // A label names the queue's current cycle, or the data section's next vector address.
    void bind_label(const std::optional<std::string>& label) {
        if (!label) return;
        if (queue_) {
            define(*label, static_cast<std::int64_t>(queue_->cycle));
        } else if (data_) {
            data_->builder->close();
            define(*label, data_->first + data_->builder->vectors());
        } else {
            throw LineError("label '" + *label + "' outside a .queue or .data section");
        }
    }

    // `@expr` or `@+expr`: pads the queue with NOPs up to that cycle; returns the rest.
    std::string_view place(std::string_view line) {
        std::size_t end = 1;
        while (end < line.size() && !std::isspace(static_cast<unsigned char>(line[end]))) ++end;
        const std::string_view expr = line.substr(1, end - 1);
        const bool relative = !expr.empty() && expr[0] == '+';
        const std::int64_t v = text::eval(relative ? expr.substr(1) : expr, lookup());
        const std::int64_t target = relative ? static_cast<std::int64_t>(queue_->cycle) + v : v;
        if (target < static_cast<std::int64_t>(queue_->cycle))
            throw LineError("@" + std::to_string(target) + " is before cycle " +
                            std::to_string(queue_->cycle) + ", where queue " +
                            program_.queues[queue_->index].name + " already is");
        std::uint64_t gap = static_cast<std::uint64_t>(target) - queue_->cycle;
        while (gap > 0) {
            const std::uint64_t n = std::min<std::uint64_t>(gap, kImmMax);
            Insn nop;
            nop.op = Opcode::nop;
            nop.imm = static_cast<std::int64_t>(n);
            emit(nop.encode());
            gap -= n;
        }
        return text::trim(line.substr(end));
    }

    void emit(std::uint64_t word) {
        program_.queues[queue_->index].words.push_back(word);
        queue_->cycle += text::issue_cycles(word);
    }

    void directive(std::string_view line) {
        std::size_t end = 0;
        while (end < line.size() && !std::isspace(static_cast<unsigned char>(line[end]))) ++end;
        const std::string name(line.substr(0, end));
        const std::string_view rest = text::trim(line.substr(end));
        const auto args = text::split_words(rest);
        if (data_ && text::DataBuilder::is_value_directive(name))
            return data_->builder->add(name, rest, lookup());
        if (name == ".zero" && data_)
            return data_->builder->zero(static_cast<std::uint64_t>(
                text::eval_in(one_arg(args, name), lookup(), "vector count", 1, 65536)));
        if (name == ".word" && queue_)
            return emit(static_cast<std::uint64_t>(text::eval(one_arg(args, name), lookup())));
        if (name == ".geometry") return geometry(args);
        if (name == ".equ") return equ(rest);
        geometry_fixed_ = true;
        if (name == ".queue") return open_queue(std::string(one_arg(args, name)));
        if (name == ".data") return open_data(args);
        if (name == ".symbol") return symbol(args);
        throw LineError("unknown directive '" + name + "' here");
    }

    static std::string_view one_arg(const std::vector<std::string_view>& args,
                                    const std::string& directive) {
        if (args.size() != 1) throw LineError(directive + " takes one argument");
        return args[0];
    }

    void geometry(const std::vector<std::string_view>& args) {
        if (geometry_fixed_ || geometry_seen_)
            throw LineError(".geometry must come once, before any section or symbol");
        geometry_seen_ = true;
        Geometry g;
        if (args.size() == 1 && args[0] == "full") {
            g = Geometry{20, 88, 8192, 4, 16};
        } else if (!(args.size() == 1 && args[0] == "default")) {
            for (auto a : args) set_geometry_key(g, a);
        }
        g.validate();
        program_.geometry = g;
    }

    void set_geometry_key(Geometry& g, std::string_view kv) {
        const std::size_t eq = kv.find('=');
        if (eq == std::string_view::npos)
            throw LineError(".geometry expects 'default', 'full' or key=value pairs, got '" +
                            std::string(kv) + "'");
        const std::string key(kv.substr(0, eq));
        const auto v = static_cast<std::uint32_t>(
            text::eval_in(kv.substr(eq + 1), lookup(), key.c_str(), 0, 0xffffffffLL));
        if (key == "superlanes")
            g.superlanes = v;
        else if (key == "mem_slices")
            g.mem_slices = v;
        else if (key == "mem_words")
            g.mem_words = v;
        else if (key == "mxm_planes")
            g.mxm_planes = v;
        else if (key == "vxm_alus")
            g.vxm_alus = v;
        else
            throw LineError("unknown geometry key '" + key + "'");
    }

    void equ(std::string_view rest) {
        const auto parts = text::split_commas(rest);
        if (parts.size() != 2) throw LineError(".equ takes a name and a value: .equ name, expr");
        define(std::string(parts[0]), text::eval(parts[1], lookup()));
    }

    void end_section() {
        finish_data();
        queue_ = nullptr;
    }

    void open_queue(const std::string& name) {
        end_section();
        const auto unit = text::queue_unit(program_.geometry, name);
        if (!unit)
            throw LineError("no queue '" + name + "' at geometry " + program_.geometry.to_string());
        auto it = queues_.find(name);
        if (it == queues_.end()) {
            QueueState q;
            q.index = program_.queues.size();
            q.unit = *unit;
            program_.queues.push_back({name, {}});
            it = queues_.emplace(name, q).first;
        }
        queue_ = &it->second;
    }

    std::uint32_t slice_arg(std::string_view s) const {
        const auto slice = text::parse_slice(program_.geometry, s);
        if (!slice)
            throw LineError("no MEM slice '" + std::string(s) + "' (w0 … w" +
                            std::to_string(program_.geometry.mem_slices / 2 - 1) + ", e0 … e" +
                            std::to_string(program_.geometry.mem_slices / 2 - 1) + ")");
        return *slice;
    }

    std::uint32_t address_arg(std::string_view s) const {
        return static_cast<std::uint32_t>(
            text::eval_in(s, lookup(), "address", 0, program_.geometry.mem_words - 1));
    }

    void open_data(const std::vector<std::string_view>& args) {
        end_section();
        if (args.size() != 2) throw LineError(".data takes a slice and an address: .data w0 16");
        data_.emplace();
        data_->slice = slice_arg(args[0]);
        data_->first = address_arg(args[1]);
        data_->line = line_no_;
        data_->builder = std::make_unique<text::DataBuilder>(program_.geometry.vector_bytes());
    }

    void finish_data() {
        if (!data_) return;
        DataSection d = std::move(*data_);
        data_.reset();
        if (d.builder->vectors() == 0) fail(d.line, ".data section holds no values");
        DataSegment seg{d.slice, d.first, std::move(d.builder->bytes())};
        program_.data.push_back(std::move(seg));
        try {
            validate_program(program_);
        } catch (const ImageError& e) {
            fail(d.line, e.what());
        }
    }

    // Symbols are global: .symbol does not end the current section.
    void symbol(const std::vector<std::string_view>& args) {
        if (args.size() != 4)
            throw LineError(".symbol takes a name, a slice, an address and a vector count");
        Symbol s;
        s.name = std::string(args[0]);
        s.slice = slice_arg(args[1]);
        s.address = address_arg(args[2]);
        s.vectors = static_cast<std::uint32_t>(
            text::eval_in(args[3], lookup(), "vector count", 1, program_.geometry.mem_words));
        define(s.name, s.address);
        program_.symbols.push_back(s);
        validate_program(program_);
    }

    std::string filename_;
    unsigned line_no_ = 0;
    Program program_;
    bool geometry_seen_ = false;
    bool geometry_fixed_ = false;
    std::map<std::string, std::int64_t> names_;
    std::map<std::string, QueueState> queues_;
    QueueState* queue_ = nullptr;
    std::optional<DataSection> data_;
};

}  // namespace

Program assemble(const std::string& source, const std::string& filename) {
    return Assembler(filename).run(source);
}

}  // namespace nodevp::lpu
