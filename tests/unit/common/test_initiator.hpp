// A minimal TLM initiator for benches: typed reads and writes through a bound socket, with the
// response status checked by the caller, plus a record of DMI invalidations.
#pragma once

#include <cstdint>
#include <cstring>
#include <map>
#include <utility>
#include <vector>

#include <tlm_utils/simple_initiator_socket.h>
#include <tlm>

#include "models/common/irq.hpp"

namespace nodevp::test {

class TestInitiator : public sc_core::sc_module {
  public:
    tlm_utils::simple_initiator_socket<TestInitiator> isock;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> invalidations;  // [start, end]

    explicit TestInitiator(const sc_core::sc_module_name& name) : sc_module(name), isock("isock") {
        isock.register_invalidate_direct_mem_ptr(this, &TestInitiator::invalidate);
    }

    // One b_transport of `length` bytes at `addr`; `delay` is the initiator's local time offset.
    tlm::tlm_response_status transport(tlm::tlm_command cmd, std::uint64_t addr, void* data,
                                       unsigned length,
                                       sc_core::sc_time delay = sc_core::SC_ZERO_TIME) {
        tlm::tlm_generic_payload gp;
        gp.set_command(cmd);
        gp.set_address(addr);
        gp.set_data_ptr(static_cast<unsigned char*>(data));
        gp.set_data_length(length);
        gp.set_streaming_width(length);
        gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
        isock->b_transport(gp, delay);
        last_address = gp.get_address();
        last_delay = delay;
        last_dmi_allowed = gp.is_dmi_allowed();
        return gp.get_response_status();
    }

    tlm::tlm_response_status write(std::uint64_t addr, std::uint64_t value, unsigned length,
                                   sc_core::sc_time delay = sc_core::SC_ZERO_TIME) {
        std::uint8_t buf[8] = {};
        std::memcpy(buf, &value, length);
        return transport(tlm::TLM_WRITE_COMMAND, addr, buf, length, delay);
    }

    // The value read, or `poison` if the access did not complete with TLM_OK_RESPONSE.
    std::uint64_t read(std::uint64_t addr, unsigned length,
                       sc_core::sc_time delay = sc_core::SC_ZERO_TIME,
                       tlm::tlm_response_status* status = nullptr) {
        std::uint8_t buf[8] = {};
        const auto s = transport(tlm::TLM_READ_COMMAND, addr, buf, length, delay);
        if (status) *status = s;
        if (s != tlm::TLM_OK_RESPONSE) return poison;
        std::uint64_t value = 0;
        std::memcpy(&value, buf, length);
        return value;
    }

    unsigned debug(tlm::tlm_command cmd, std::uint64_t addr, void* data, unsigned length) {
        tlm::tlm_generic_payload gp;
        gp.set_command(cmd);
        gp.set_address(addr);
        gp.set_data_ptr(static_cast<unsigned char*>(data));
        gp.set_data_length(length);
        gp.set_streaming_width(length);
        return isock->transport_dbg(gp);
    }

    static constexpr std::uint64_t poison = 0xdeadbeefdeadbeefULL;
    std::uint64_t last_address = 0;
    sc_core::sc_time last_delay;
    bool last_dmi_allowed = false;

  private:
    void invalidate(sc_dt::uint64 start, sc_dt::uint64 end) {
        invalidations.emplace_back(start, end);
    }
};

// Records the level of each line and the simulated time of its last change.
class IrqRecorder : public IrqSink {
  public:
    void irq_changed(unsigned line, bool level) override {
        levels[line] = level;
        changed_at[line] = sc_core::sc_time_stamp();
        ++changes[line];
    }
    bool level(unsigned line) const {
        auto it = levels.find(line);
        return it != levels.end() && it->second;
    }
    std::map<unsigned, bool> levels;
    std::map<unsigned, sc_core::sc_time> changed_at;
    std::map<unsigned, unsigned> changes;
};

}  // namespace nodevp::test
