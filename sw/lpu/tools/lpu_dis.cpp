// lpu-dis: prints an LPU program image as assembly that lpu-as turns back into the same image.
// Exit status: 0 success, 1 bad image or I/O error (one line on stderr), 2 usage error.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <iterator>

#include "sw/lpu/asm/asm.hpp"

int main(int argc, char** argv) {
    CLI::App app{"Disassemble an LPU program image"};
    std::string input, output;
    app.add_option("input", input, "program image (.lpu)")->required();
    app.add_option("-o,--output", output, "assembly file to write (default: standard output)");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 2;
    }
    std::ifstream in(input, std::ios::binary);
    if (!in) {
        std::cerr << "lpu-dis: cannot read " << input << "\n";
        return 1;
    }
    const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                          std::istreambuf_iterator<char>());
    try {
        const std::string text = nodevp::lpu::disassemble(nodevp::lpu::parse(bytes, input));
        if (output.empty()) {
            std::cout << text;
        } else {
            std::ofstream out(output);
            if (!(out << text).flush()) {
                std::cerr << "lpu-dis: cannot write " << output << "\n";
                return 1;
            }
        }
    } catch (const std::exception& e) {
        std::cerr << "lpu-dis: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
