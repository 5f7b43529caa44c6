// lpu-as: assembles an LPU program (docs/lpu/assembly.md) into a program image.
// Exit status: 0 success, 1 assembly or I/O error (one line on stderr), 2 usage error.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <iterator>

#include "sw/lpu/asm/asm.hpp"

int main(int argc, char** argv) {
    CLI::App app{"Assemble an LPU program into a program image"};
    std::string input, output;
    app.add_option("input", input, "assembly source (.lpuasm)")->required();
    app.add_option("-o,--output", output, "program image to write (.lpu)")->required();
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 2;
    }
    std::ifstream in(input, std::ios::binary);
    if (!in) {
        std::cerr << "lpu-as: cannot read " << input << "\n";
        return 1;
    }
    const std::string source((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
    try {
        const auto image = nodevp::lpu::serialize(nodevp::lpu::assemble(source, input));
        std::ofstream out(output, std::ios::binary);
        out.write(reinterpret_cast<const char*>(image.data()),
                  static_cast<std::streamsize>(image.size()));
        if (!out.flush()) {
            std::cerr << "lpu-as: cannot write " << output << "\n";
            return 1;
        }
    } catch (const std::exception& e) {
        std::cerr << "lpu-as: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
