// The RSP codec against hand-computed frames (checksums summed by hand from ASCII codes).
#include <string>

#include <gtest/gtest.h>

#include "platform/gdb/rsp_codec.hpp"

namespace nodevp::gdb {
namespace {

TEST(RspCodec, ChecksumIsTheByteSumModulo256) {
    EXPECT_EQ(checksum(""), 0);
    EXPECT_EQ(checksum("OK"), 0x9a);  // 0x4f + 0x4b
    EXPECT_EQ(checksum("\xff\x02"), 0x01);
}

TEST(RspCodec, FrameAddsDollarHashAndTwoLowerCaseDigits) {
    EXPECT_EQ(frame("OK"), "$OK#9a");
    EXPECT_EQ(frame(""), "$#00");
    EXPECT_EQ(frame("m0,4"), "$m0,4#fd");  // 0x6d + 0x30 + 0x2c + 0x34
}

TEST(RspCodec, EscapesTheFourSpecialBytes) {
    EXPECT_EQ(escape_binary("a#b$c}d*e"),
              "a}\x03"
              "b}\x04"
              "c}]d}\x0a"
              "e");
    EXPECT_EQ(escape_binary(std::string("\0\x7f", 2)), std::string("\0\x7f", 2));
}

TEST(RspCodec, UnescapeUndoesEscapeAndRejectsADanglingEscape) {
    const std::string all = [] {
        std::string s;
        for (int i = 0; i < 256; ++i) s += static_cast<char>(i);
        return s;
    }();
    EXPECT_EQ(unescape_binary(escape_binary(all)), all);
    EXPECT_EQ(unescape_binary("}\x03"), "#");
    EXPECT_FALSE(unescape_binary("ab}").has_value());
}

TEST(RspCodec, HexRoundTripsAndRejectsBadDigits) {
    const unsigned char bytes[] = {0x00, 0x12, 0xab, 0xff};
    EXPECT_EQ(to_hex(bytes, 4), "0012abff");
    const auto back = from_hex("0012ABff");
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back, (std::vector<std::uint8_t>{0x00, 0x12, 0xab, 0xff}));
    EXPECT_FALSE(from_hex("123").has_value());
    EXPECT_FALSE(from_hex("zz").has_value());
    EXPECT_EQ(to_hex("OK"), "4f4b");
}

TEST(RspCodec, ParsesHexNumbersOfOneToSixteenDigits) {
    EXPECT_EQ(parse_hex("0"), 0u);
    EXPECT_EQ(parse_hex("80000000"), 0x80000000u);
    EXPECT_EQ(parse_hex("ffffffffffffffff"), ~0ULL);
    EXPECT_FALSE(parse_hex("").has_value());
    EXPECT_FALSE(parse_hex("10000000000000000").has_value());  // 17 digits
    EXPECT_FALSE(parse_hex("-1").has_value());
    EXPECT_FALSE(parse_hex("0x10").has_value());
}

TEST(RspCodec, RegisterValuesAreLittleEndianHex) {
    EXPECT_EQ(le_hex(0x1234, 4), "34120000");
    EXPECT_EQ(le_hex(0x8000000000000001ULL, 8), "0100000000000080");
    EXPECT_EQ(parse_le_hex("34120000", 4), 0x1234u);
    EXPECT_FALSE(parse_le_hex("341200", 4).has_value());  // wrong width
    EXPECT_FALSE(parse_le_hex("3412000g", 4).has_value());
}

std::vector<PacketReader::Event> feed_all(PacketReader& r, const std::string& bytes) {
    std::vector<PacketReader::Event> out;
    for (char c : bytes)
        if (const auto e = r.feed(c); e != PacketReader::Event::none) out.push_back(e);
    return out;
}

TEST(RspCodec, ReaderSplitsAcksPacketsAndInterrupts) {
    using E = PacketReader::Event;
    PacketReader r;
    EXPECT_EQ(feed_all(r, "+$m0,4#fd"), (std::vector<E>{E::ack, E::packet}));
    EXPECT_EQ(r.payload(), "m0,4");
    EXPECT_EQ(feed_all(r, "-"), (std::vector<E>{E::nack}));
    EXPECT_EQ(feed_all(r, "\x03"), (std::vector<E>{E::interrupt}));
    EXPECT_EQ(feed_all(r, "noise$OK#9A"), (std::vector<E>{E::packet}));  // upper-case digits
    EXPECT_EQ(r.payload(), "OK");
}

TEST(RspCodec, ReaderReportsABadChecksumAndRecovers) {
    using E = PacketReader::Event;
    PacketReader r;
    EXPECT_EQ(feed_all(r, "$OK#9b"), (std::vector<E>{E::bad_checksum}));
    EXPECT_EQ(feed_all(r, "$OK#zz"), (std::vector<E>{E::bad_checksum}));
    // A '$' inside a packet starts a new one.
    EXPECT_EQ(feed_all(r, "$garb$OK#9a"), (std::vector<E>{E::packet}));
    EXPECT_EQ(r.payload(), "OK");
}

}  // namespace
}  // namespace nodevp::gdb
