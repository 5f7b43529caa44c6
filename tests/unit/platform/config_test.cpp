// Configuration: schema from the default file, overlays, --set parsing and error messages.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "platform/config/config.hpp"

namespace nodevp::platform {
namespace {

std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

TEST(ConfigTest, DefaultNodeHasTwoHartsAnd256MiBDram) {
    Config c;
    EXPECT_EQ(c.integer("host.harts"), 2u);
    EXPECT_EQ(c.integer("host.dram_size"), 256ull << 20);
    EXPECT_EQ(c.time("sim.quantum"), sc_core::sc_time(1, sc_core::SC_US));
    EXPECT_EQ(c.string("host.xlen"), "auto");
    EXPECT_FALSE(c.boolean("uart0.input_stdin"));
}

TEST(ConfigTest, FullOverlaysDefault) {
    Config c;
    c.apply("full");
    EXPECT_EQ(c.integer("host.harts"), 8u);
    EXPECT_EQ(c.integer("host.dram_size"), 64ull << 30);
    EXPECT_EQ(c.time("sim.quantum"), sc_core::sc_time(1, sc_core::SC_US));  // inherited
}

TEST(ConfigTest, SetParsesEachValueKind) {
    Config c;
    c.set("host.harts=4");
    c.set("host.dram_size=0x1000000");
    c.set("sim.max_time=25ms");
    c.set("uart0.input_stdin=true");
    c.set("uart0.input=ab\\ncd");
    EXPECT_EQ(c.integer("host.harts"), 4u);
    EXPECT_EQ(c.integer("host.dram_size"), 0x1000000u);
    EXPECT_EQ(c.time("sim.max_time"), sc_core::sc_time(25, sc_core::SC_MS));
    EXPECT_TRUE(c.boolean("uart0.input_stdin"));
    EXPECT_EQ(c.string("uart0.input"), "ab\ncd");
}

TEST(ConfigTest, UnknownKeyIsAnErrorNamingIt) {
    Config c;
    EXPECT_NE(
        error_of([&] { c.set("host.hartz=3"); }).find("unknown configuration key 'host.hartz'"),
        std::string::npos);
}

TEST(ConfigTest, ValueOfTheWrongFormIsAnErrorNamingKeyAndValue) {
    Config c;
    const std::string e = error_of([&] { c.set("host.harts=two"); });
    EXPECT_NE(e.find("host.harts"), std::string::npos) << e;
    EXPECT_NE(e.find("'two' is not an integer"), std::string::npos) << e;
    EXPECT_NE(error_of([&] { c.set("sim.quantum=10"); }).find("time unit"), std::string::npos);
    EXPECT_NE(error_of([&] { c.set("host.dram_size=3PiB"); }).find("unknown size unit"),
              std::string::npos);
    EXPECT_NE(error_of([&] { c.set("uart0.input_stdin=yes"); }).find("true or false"),
              std::string::npos);
    EXPECT_NE(error_of([&] { c.set("novalue"); }).find("expected key=value"), std::string::npos);
}

TEST(ConfigTest, FileOverlayAndItsErrors) {
    const std::string path = ::testing::TempDir() + "/nodevp_config_test.yaml";
    {
        std::ofstream f(path);
        f << "host:\n  harts: 3\nsim:\n  seed: 42\n";
    }
    Config c;
    c.apply(path);
    EXPECT_EQ(c.integer("host.harts"), 3u);
    EXPECT_EQ(c.integer("sim.seed"), 42u);
    {
        std::ofstream f(path);
        f << "host:\n  harts: [1, 2\n";
    }
    const std::string e = error_of([&] { Config().apply(path); });
    EXPECT_NE(e.find(path), std::string::npos) << e;
    EXPECT_NE(e.find("line"), std::string::npos) << e;
    std::remove(path.c_str());
    EXPECT_NE(error_of([&] { Config().apply("/nonexistent/x.yaml"); }).find("no such file"),
              std::string::npos);
}

TEST(ConfigTest, DumpReadsBackToTheSameConfiguration) {
    Config c;
    c.set("host.harts=5");
    c.set("uart0.output=out.txt");
    Config d;
    d.apply_yaml(c.dump(), "dump");
    EXPECT_EQ(d.dump(), [&] {
        Config e;
        e.apply_yaml(c.dump(), "dump");
        return e.dump();
    }());
    EXPECT_EQ(d.integer("host.harts"), 5u);
    EXPECT_EQ(d.string("uart0.output"), "out.txt");
}

}  // namespace
}  // namespace nodevp::platform
