// sifive,test0-compatible finisher ("sysctl"): lets the guest end the simulation.
//
// A 32-bit write to FINISHER with STATUS = PASS requests exit code 0, FAIL requests exit code
// CODE (bits 31:16; CODE 0 requests 1, so a failure never reads as success), RESET requests a
// node reset. A 16-bit write at offset 0 sets STATUS with CODE 0 (OpenSBI's sifive_test driver
// writes so). Any other STATUS is a guest error: logged, no action. The request goes to the
// handler the platform installs; without one it is logged and dropped. Reads return 0. Byte
// accesses and other offsets are TLM errors (RegisterBank).
#pragma once

#include <functional>

#include "models/common/mmio_device.hpp"

namespace nodevp {

class Sysctl : public MmioDevice {
  public:
    enum class Action { pass, fail, reset };
    using Handler = std::function<void(Action action, int code)>;

    explicit Sysctl(const sc_core::sc_module_name& name);

    void set_handler(Handler handler) { handler_ = std::move(handler); }

  private:
    void on_finisher(std::uint32_t value);

    Handler handler_;
};

}  // namespace nodevp
