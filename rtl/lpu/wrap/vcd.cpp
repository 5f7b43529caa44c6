// request_vcd: one VCD file for every RTL unit of the process (Verilated SystemC tracing).
#include <memory>
#include <vector>

#include "rtl/lpu/wrap/rtl_clock.hpp"
#include "rtl/lpu/wrap/rtl_units.hpp"
#include "verilated_vcd_sc.h"

namespace nodevp::rtl {

namespace {

std::vector<std::function<void(VerilatedVcdC*)>>& traced() {
    static std::vector<std::function<void(VerilatedVcdC*)>> list;
    return list;
}

// Opens the file at the start of simulation, after every unit was built and bound.
class VcdWriter : public sc_core::sc_module {
  public:
    VcdWriter(const sc_core::sc_module_name& n, std::string path)
        : sc_core::sc_module(n), path_(std::move(path)) {}
    ~VcdWriter() override { close(); }
    void close() {
        if (vcd_) vcd_->close();
    }

  private:
    void end_of_simulation() override { close(); }
    void start_of_simulation() override {
        Verilated::traceEverOn(true);
        vcd_ = std::make_unique<VerilatedVcdSc>();
        for (const auto& trace : traced()) trace(vcd_.get());
        vcd_->open(path_.c_str());
    }
    std::string path_;
    std::unique_ptr<VerilatedVcdSc> vcd_;
};

// Deleted by close_vcd() (after simulation), before Verilator's and SystemC's statics go.
VcdWriter*& writer() {
    static VcdWriter* w = nullptr;
    return w;
}

}  // namespace

void register_traced(std::function<void(VerilatedVcdC*)> trace) {
    traced().push_back(std::move(trace));
}

void request_vcd(const std::string& path) {
    if (!writer()) writer() = new VcdWriter("rtl_vcd", path);
}

void close_vcd() {
    delete writer();
    writer() = nullptr;
}

}  // namespace nodevp::rtl
