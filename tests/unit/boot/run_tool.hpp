// Runs an external reference tool (objdump, nm, dtc) for a test and captures its output.
#pragma once

#include <sys/wait.h>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace nodevp::boot::test {

struct ToolResult {
    int status = -1;     // exit status, or -1 if the tool did not exit normally
    std::string output;  // stdout and stderr
};

inline ToolResult run_tool(const std::string& command) {
    ToolResult result;
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (!pipe) return result;
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof(buf), pipe)) > 0) result.output.append(buf, n);
    const int raw = pclose(pipe);
    if (raw != -1 && WIFEXITED(raw)) result.status = WEXITSTATUS(raw);
    return result;
}

inline void write_file(const std::string& path, const std::vector<std::uint8_t>& bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
}

}  // namespace nodevp::boot::test
