// Bench: several ns16550a instances, one per concern, each with its own initiator; output goes
// to string streams and one instance receives a scripted input.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include "gen/regs.hpp"
#include "models/periph/uart.hpp"
#include "tests/unit/common/test_initiator.hpp"

namespace {

using namespace nodevp;
namespace regs = gen::regs::uart;
using sc_core::sc_time;
using sc_core::SC_US;

// 16550 register bits, from the datasheet.
constexpr std::uint8_t kLsrDr = 0x01, kLsrOe = 0x02, kLsrThre = 0x20, kLsrTemt = 0x40;
constexpr std::uint8_t kIerRx = 0x01, kIerThre = 0x02, kIerLine = 0x04;
constexpr std::uint8_t kIirNone = 0x01, kIirThre = 0x02, kIirRx = 0x04, kIirLine = 0x06;
constexpr std::uint8_t kIirFifos = 0xc0;
constexpr std::uint8_t kFcrEnable = 0x01;
constexpr std::uint8_t kLcrDlab = 0x80, kLcr8n1 = 0x03;
constexpr std::uint8_t kMcrLoop = 0x10;
const char kScript[] = "0123456789abcdefXYZ";  // 19 bytes: more than the 16-byte FIFO
const sc_time kInterval(10, SC_US);

Uart::Config stream_config(std::ostream& out) {
    Uart::Config c;
    c.output = Uart::Config::Output::stream;
    c.output_stream = &out;
    return c;
}

Uart::Config script_config(std::ostream& out) {
    Uart::Config c = stream_config(out);
    c.input = Uart::Config::Input::script;
    c.script = kScript;
    c.input_interval = kInterval;
    return c;
}

// One UART with its initiator and interrupt line.
struct Port {
    std::ostringstream out;
    Uart uart;
    test::TestInitiator cpu;
    test::IrqRecorder line;
    Port(const char* name, bool scripted) : Port(name, scripted ? script_config : stream_config) {}
    Port(const char* name, Uart::Config (*config)(std::ostream&))
        : uart(name, config(out)), cpu((std::string(name) + "_cpu").c_str()) {
        cpu.isock.bind(uart.tsock);
        uart.irq.bind(line, 0);
    }
    std::uint64_t read(std::uint64_t off) { return cpu.read(off, 1); }
    void write(std::uint64_t off, std::uint8_t v) {
        ASSERT_EQ(cpu.write(off, v, 1), tlm::TLM_OK_RESPONSE);
    }
    bool irq() const { return line.level(0); }
};

std::string file_path() {
    return testing::TempDir() + "nodevp_uart_test_output.txt";
}

Uart::Config file_config() {
    Uart::Config c;
    c.output = Uart::Config::Output::file;
    c.output_path = file_path();
    return c;
}

std::string file_contents() {
    std::ifstream in(file_path(), std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// Scripted input held back line by line until the guest prints the prompt.
const char kPromptScript[] = "ab\ncd\n";
Uart::Config prompt_config(std::ostream& out) {
    Uart::Config c = script_config(out);
    c.script = kPromptScript;
    c.prompt = "> ";
    return c;
}

struct Bench {
    Uart to_file{"uart_file", file_config()};
    test::TestInitiator file_cpu{"uart_file_cpu"};
    Port tx{"uart_tx", false};
    Port dlab{"uart_dlab", false};
    Port loop{"uart_loop", false};
    Port iir{"uart_iir", false};
    Port rx{"uart_rx", true};
    Port prompted{"uart_prompted", prompt_config};
    Bench() { file_cpu.isock.bind(to_file.tsock); }
};

Bench& bench() {
    static Bench b;
    return b;
}

class UartTest : public ::testing::Test {
  protected:
    Bench& b = bench();
};

TEST_F(UartTest, ThrWritesEmitExactBytesFlushedAtNewline) {
    Port& p = b.tx;
    for (char c : std::string("ok\n")) p.write(regs::RBR_THR, static_cast<std::uint8_t>(c));
    p.write(regs::RBR_THR, 0x00);
    p.write(regs::RBR_THR, 0xff);
    EXPECT_EQ(p.out.str(), "ok\n");  // no newline yet after the last two bytes
    p.uart.flush();
    EXPECT_EQ(p.out.str(), std::string("ok\n\x00\xff", 5));
}

TEST_F(UartTest, FileOutputIsWrittenAtEachNewline) {
    for (char c : std::string("to file\nrest"))
        ASSERT_EQ(b.file_cpu.write(regs::RBR_THR, static_cast<std::uint8_t>(c), 1),
                  tlm::TLM_OK_RESPONSE);
    EXPECT_EQ(file_contents(), "to file\n");
    b.to_file.flush();
    EXPECT_EQ(file_contents(), "to file\nrest");
}

TEST_F(UartTest, UnwritableOutputFileIsAConfigurationError) {
    ASSERT_EQ(sc_core::sc_time_stamp(), sc_core::SC_ZERO_TIME)
        << "modules exist only before sc_start";
    Uart::Config c;
    c.output = Uart::Config::Output::file;
    c.output_path = "/nonexistent-dir/uart.txt";
    EXPECT_THROW(Uart("uart_bad_file", c), std::runtime_error);
    c.output = Uart::Config::Output::stream;
    EXPECT_THROW(Uart("uart_no_stream", c), std::invalid_argument);
}

TEST_F(UartTest, LsrShowsTransmitterEmptyAndNoData) {
    EXPECT_EQ(b.tx.read(regs::LSR), kLsrThre | kLsrTemt);
}

TEST_F(UartTest, RegistersAreOneByteWide) {
    EXPECT_EQ(b.tx.cpu.write(regs::RBR_THR, 0x41, 4), tlm::TLM_GENERIC_ERROR_RESPONSE);
    EXPECT_EQ(b.tx.cpu.write(regs::SCR + 1, 0x41, 1), tlm::TLM_ADDRESS_ERROR_RESPONSE);
    b.tx.write(regs::SCR, 0x5a);
    EXPECT_EQ(b.tx.read(regs::SCR), 0x5au);
}

TEST_F(UartTest, DlabSwitchesOffsetsZeroAndOneToTheDivisorLatch) {
    Port& p = b.dlab;
    p.write(regs::IER, kIerRx);
    p.write(regs::LCR, kLcrDlab | kLcr8n1);
    p.write(regs::RBR_THR, 0x0c);
    p.write(regs::IER, 0x01);
    EXPECT_EQ(p.read(regs::RBR_THR), 0x0cu);
    EXPECT_EQ(p.read(regs::IER), 0x01u);
    EXPECT_EQ(p.out.str(), "");  // the divisor write transmitted nothing
    p.write(regs::IER, 0x02);
    p.write(regs::LCR, kLcr8n1);
    EXPECT_EQ(p.read(regs::IER), kIerRx);  // IER kept its value under the latch
    p.write(regs::LCR, kLcrDlab | kLcr8n1);
    EXPECT_EQ(p.read(regs::IER), 0x02u);
    EXPECT_EQ(p.read(regs::RBR_THR), 0x0cu);
}

TEST_F(UartTest, LoopbackReturnsTransmittedBytesAndMirrorsModemLines) {
    Port& p = b.loop;
    p.write(regs::IIR_FCR, kFcrEnable);
    p.write(regs::MCR, kMcrLoop);
    p.write(regs::RBR_THR, 'a');
    p.write(regs::RBR_THR, 'b');
    EXPECT_EQ(p.out.str(), "");
    EXPECT_EQ(p.read(regs::LSR) & kLsrDr, kLsrDr);
    EXPECT_EQ(p.read(regs::RBR_THR), static_cast<std::uint64_t>('a'));
    EXPECT_EQ(p.read(regs::RBR_THR), static_cast<std::uint64_t>('b'));
    EXPECT_EQ(p.read(regs::LSR) & kLsrDr, 0u);
    EXPECT_EQ(p.read(regs::MSR), 0x00u);  // loopback, all outputs off
    p.write(regs::MCR, 0x1f);             // DTR, RTS, OUT1, OUT2 on
    EXPECT_EQ(p.read(regs::MSR), 0xf0u);  // DSR, CTS, RI, DCD
}

TEST_F(UartTest, IirReportsLineStatusThenRxDataThenThrEmpty) {
    Port& p = b.iir;
    p.write(regs::IIR_FCR, kFcrEnable);
    EXPECT_EQ(p.read(regs::IIR_FCR), kIirFifos | kIirNone);
    EXPECT_FALSE(p.irq());
    p.write(regs::MCR, kMcrLoop);
    for (unsigned i = 0; i < Uart::kRxFifoSize + 1; ++i) p.write(regs::RBR_THR, 'A' + i);
    p.write(regs::IER, kIerRx | kIerThre | kIerLine);
    EXPECT_TRUE(p.irq());
    EXPECT_EQ(p.read(regs::IIR_FCR), kIirFifos | kIirLine);  // the 17th byte overran
    EXPECT_EQ(p.read(regs::LSR), kLsrDr | kLsrOe | kLsrThre | kLsrTemt);
    EXPECT_EQ(p.read(regs::LSR), kLsrDr | kLsrThre | kLsrTemt);  // OE cleared by the read
    EXPECT_EQ(p.read(regs::IIR_FCR), kIirFifos | kIirRx);
    for (unsigned i = 0; i < Uart::kRxFifoSize; ++i)
        EXPECT_EQ(p.read(regs::RBR_THR), static_cast<std::uint64_t>('A' + i));
    EXPECT_TRUE(p.irq());
    EXPECT_EQ(p.read(regs::IIR_FCR), kIirFifos | kIirThre);  // reading it acknowledges
    EXPECT_EQ(p.read(regs::IIR_FCR), kIirFifos | kIirNone);
    EXPECT_FALSE(p.irq());
    p.write(regs::IER, 0);
}

TEST_F(UartTest, ScriptedInputArrivesOneByteEachIntervalUntilTheFifoIsFull) {
    Port& p = b.rx;
    p.write(regs::IIR_FCR, kFcrEnable);
    p.write(regs::IER, kIerRx);
    const sc_time start = sc_core::sc_time_stamp();
    ASSERT_EQ(start, sc_core::SC_ZERO_TIME) << "the script starts at time zero";
    sc_core::sc_start(kInterval * 3 - sc_time(1, sc_core::SC_NS));
    EXPECT_EQ(p.uart.rx_level(), 2u);
    EXPECT_TRUE(p.irq());
    sc_core::sc_start(kInterval * 30);
    EXPECT_EQ(p.uart.rx_level(), Uart::kRxFifoSize);  // the rest waits for room
    EXPECT_EQ(p.read(regs::LSR) & kLsrOe, 0u);
    std::string got;
    for (unsigned i = 0; i < Uart::kRxFifoSize; ++i)
        got.push_back(static_cast<char>(p.read(regs::RBR_THR)));
    EXPECT_FALSE(p.irq());
    sc_core::sc_start(kInterval * 10);
    while (p.read(regs::LSR) & kLsrDr) got.push_back(static_cast<char>(p.read(regs::RBR_THR)));
    EXPECT_EQ(got, kScript);
}

TEST_F(UartTest, PromptedScriptSendsEachLineOnlyAfterThePromptIsTransmitted) {
    Port& p = b.prompted;
    p.write(regs::IIR_FCR, kFcrEnable);
    sc_core::sc_start(kInterval * 10);
    EXPECT_EQ(p.uart.rx_level(), 0u) << "no prompt yet";
    p.write(regs::RBR_THR, '>');
    sc_core::sc_start(kInterval * 10);
    EXPECT_EQ(p.uart.rx_level(), 0u) << "half a prompt";
    p.write(regs::RBR_THR, ' ');
    sc_core::sc_start(kInterval * 10);
    EXPECT_EQ(p.uart.rx_level(), 3u) << "the first line, then wait for the next prompt";
    std::string got;
    while (p.read(regs::LSR) & kLsrDr) got.push_back(static_cast<char>(p.read(regs::RBR_THR)));
    EXPECT_EQ(got, "ab\n");
    for (const char c : std::string("ok\n> ")) p.write(regs::RBR_THR, static_cast<std::uint8_t>(c));
    sc_core::sc_start(kInterval * 10);
    while (p.read(regs::LSR) & kLsrDr) got.push_back(static_cast<char>(p.read(regs::RBR_THR)));
    EXPECT_EQ(got, kPromptScript);
    p.uart.flush();
    EXPECT_EQ(p.out.str(), "> ok\n> ");
}

}  // namespace
