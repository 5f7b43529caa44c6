// Bench: register banks driven directly with generic payloads (no module needed).
#include <gtest/gtest.h>

#include <cstring>
#include <stdexcept>

#include "models/common/regbank.hpp"

namespace {

using nodevp::Access;
using nodevp::Field;
using nodevp::Register;
using nodevp::RegisterBank;

struct Result {
    tlm::tlm_response_status status;
    std::uint64_t value;
};

Result access(RegisterBank& bank, tlm::tlm_command cmd, std::uint64_t addr, unsigned size,
              std::uint64_t value = 0, bool debug = false) {
    std::uint8_t buf[8] = {};
    std::memcpy(buf, &value, size);
    tlm::tlm_generic_payload gp;
    gp.set_command(cmd);
    gp.set_address(addr);
    gp.set_data_ptr(buf);
    gp.set_data_length(size);
    gp.set_streaming_width(size);
    gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    if (debug)
        bank.transport_dbg(gp);
    else
        bank.transport(gp);
    Result r{gp.get_response_status(), 0};
    std::memcpy(&r.value, buf, size);
    return r;
}
Result rd(RegisterBank& b, std::uint64_t a, unsigned size) {
    return access(b, tlm::TLM_READ_COMMAND, a, size);
}
Result wr(RegisterBank& b, std::uint64_t a, unsigned size, std::uint64_t v) {
    return access(b, tlm::TLM_WRITE_COMMAND, a, size, v);
}

class RegisterBankTest : public ::testing::Test {
  protected:
    RegisterBank bank{"bank"};
};

TEST_F(RegisterBankTest, ReadsResetValuesAndResetRestoresThem) {
    bank.add("a", 0x0, 4, 0x12345678);
    bank.add("b", 0x8, 8, 0x0123456789abcdefULL);
    EXPECT_EQ(rd(bank, 0x0, 4).value, 0x12345678u);
    EXPECT_EQ(rd(bank, 0x8, 8).value, 0x0123456789abcdefULL);
    wr(bank, 0x0, 4, 0);
    EXPECT_EQ(rd(bank, 0x0, 4).value, 0u);
    bank.reset();
    EXPECT_EQ(rd(bank, 0x0, 4).value, 0x12345678u);
}

TEST_F(RegisterBankTest, ReadOnlyFieldIgnoresWrites) {
    bank.add("r", 0x0, 4, 0xa5, {{"ro", 0, 8, Access::ro}, {"rw", 8, 8, Access::rw}});
    EXPECT_EQ(wr(bank, 0x0, 4, 0xffff).status, tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(rd(bank, 0x0, 4).value, 0xffa5u);
}

TEST_F(RegisterBankTest, WriteOnlyFieldReadsAsZeroButKeepsTheValue) {
    Register& r = bank.add("r", 0x0, 4, 0, {{"wo", 0, 16, Access::wo}});
    wr(bank, 0x0, 4, 0xbeef);
    EXPECT_EQ(rd(bank, 0x0, 4).value, 0u);
    EXPECT_EQ(r.value(), 0xbeefu);
}

TEST_F(RegisterBankTest, WriteOneToClearClearsOnlyTheOnesWritten) {
    bank.add("r", 0x0, 4, 0xff, {{"w1c", 0, 8, Access::w1c}});
    wr(bank, 0x0, 4, 0x0f);
    EXPECT_EQ(rd(bank, 0x0, 4).value, 0xf0u);
}

TEST_F(RegisterBankTest, WriteOneToSetSetsOnlyTheOnesWritten) {
    bank.add("r", 0x0, 4, 0x01, {{"w1s", 0, 8, Access::w1s}});
    wr(bank, 0x0, 4, 0x80);
    wr(bank, 0x0, 4, 0x00);
    EXPECT_EQ(rd(bank, 0x0, 4).value, 0x81u);
}

TEST_F(RegisterBankTest, ClearOnReadReturnsTheValueThenZero) {
    bank.add("r", 0x0, 4, 0x3c, {{"rc", 0, 8, Access::rc}});
    EXPECT_EQ(rd(bank, 0x0, 4).value, 0x3cu);
    EXPECT_EQ(rd(bank, 0x0, 4).value, 0u);
}

TEST_F(RegisterBankTest, NarrowAccessOfA64BitRegisterTouchesOnlyItsHalf) {
    bank.add("r", 0x8, 8, 0x1111111122222222ULL).min_access(4);
    EXPECT_EQ(wr(bank, 0xc, 4, 0xaaaaaaaa).status, tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(rd(bank, 0x8, 8).value, 0xaaaaaaaa22222222ULL);
    EXPECT_EQ(rd(bank, 0x8, 4).value, 0x22222222u);
    EXPECT_EQ(rd(bank, 0xc, 4).value, 0xaaaaaaaau);
}

TEST_F(RegisterBankTest, WrongWidthIsAGenericError) {
    bank.add("r", 0x0, 4, 0x55);
    bank.add("w", 0x8, 8).min_access(4);
    EXPECT_EQ(rd(bank, 0x0, 2).status, tlm::TLM_GENERIC_ERROR_RESPONSE);  // below min_access
    EXPECT_EQ(rd(bank, 0x0, 8).status, tlm::TLM_GENERIC_ERROR_RESPONSE);  // wider than it
    EXPECT_EQ(wr(bank, 0x0, 1, 0).status, tlm::TLM_GENERIC_ERROR_RESPONSE);
    EXPECT_EQ(rd(bank, 0xa, 4).status, tlm::TLM_GENERIC_ERROR_RESPONSE);  // misaligned
    EXPECT_EQ(rd(bank, 0x0, 4).value, 0x55u);
}

TEST_F(RegisterBankTest, UnmappedOffsetIsAnAddressError) {
    bank.add("r", 0x0, 4);
    bank.add("s", 0x8, 4);
    EXPECT_EQ(rd(bank, 0x4, 4).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
    EXPECT_EQ(wr(bank, 0x100, 4, 1).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
}

TEST_F(RegisterBankTest, BadDeclarationsThrow) {
    bank.add("r", 0x8, 8);
    EXPECT_THROW(bank.add("overlap_start", 0xc, 4), std::logic_error);
    bank.add("below", 0x0, 8);  // adjacent, not overlapping
    EXPECT_THROW(bank.add("inside", 0x8, 4), std::logic_error);
    EXPECT_THROW(bank.add("misaligned", 0x2, 4), std::logic_error);
    EXPECT_THROW(bank.add("width", 0x20, 3), std::logic_error);
    EXPECT_THROW(bank.add("field_too_wide", 0x20, 4, 0, {{"f", 24, 9}}), std::logic_error);
    EXPECT_THROW(bank.add("fields_overlap", 0x20, 4, 0, {{"f", 0, 8}, {"g", 4, 8}}),
                 std::logic_error);
}

TEST_F(RegisterBankTest, HooksSeeOldAndNewValues) {
    std::uint64_t seen_old = 0, seen_new = 0;
    bank.add("r", 0x0, 4, 7)
        .on_write([&](Register& r, std::uint64_t old) {
            seen_old = old;
            seen_new = r.value();
        })
        .on_read([](const Register& r) { return r.value() + 1; });
    wr(bank, 0x0, 4, 9);
    EXPECT_EQ(seen_old, 7u);
    EXPECT_EQ(seen_new, 9u);
    EXPECT_EQ(rd(bank, 0x0, 4).value, 10u);
}

TEST_F(RegisterBankTest, DebugAccessHasNoSideEffects) {
    int hook_calls = 0;
    bank.add("rc", 0x0, 4, 0x3c, {{"rc", 0, 8, Access::rc}});
    bank.add("hooked", 0x4, 4, 0)
        .on_write([&](Register&, std::uint64_t) { ++hook_calls; })
        .on_read([&](const Register& r) {
            ++hook_calls;
            return r.value();
        });
    EXPECT_EQ(access(bank, tlm::TLM_READ_COMMAND, 0x0, 4, 0, true).value, 0x3cu);
    EXPECT_EQ(rd(bank, 0x0, 4).value, 0x3cu);  // the debug read did not clear it
    access(bank, tlm::TLM_WRITE_COMMAND, 0x4, 4, 0x77, true);
    EXPECT_EQ(access(bank, tlm::TLM_READ_COMMAND, 0x4, 4, 0, true).value, 0x77u);
    EXPECT_EQ(hook_calls, 0);
}

}  // namespace
