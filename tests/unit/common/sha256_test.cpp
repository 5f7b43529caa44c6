// SHA-256 against the FIPS 180-4 example messages (NIST CSRC "Examples with intermediate values")
// and, for the padding edge cases around one 64-byte block, digests computed with Python's
// hashlib (an independent implementation) for bytes 0, 1, 2, ... of the given length.
#include "models/common/sha256.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace nodevp {
namespace {

std::string hex_of(const std::string& text) {
    return to_hex(Sha256::of(text.data(), text.size()));
}

TEST(Sha256, MatchesFipsOneBlockMessage) {
    EXPECT_EQ(hex_of("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, MatchesFipsTwoBlockMessage) {
    EXPECT_EQ(hex_of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, MatchesEmptyMessage) {
    EXPECT_EQ(hex_of(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256, MatchesOneMillionAsFedInOddPieces) {
    const std::string piece(997, 'a');
    Sha256 h;
    std::size_t left = 1000000;
    while (left > 0) {
        const std::size_t n = std::min(left, piece.size());
        h.update(piece.data(), n);
        left -= n;
    }
    EXPECT_EQ(to_hex(h.finish()),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, PadsCorrectlyAroundTheBlockBoundary) {
    const std::vector<std::pair<std::size_t, const char*>> cases = {
        {55, "463eb28e72f82e0a96c0a4cc53690c571281131f672aa229e0d45ae59b598b59"},
        {56, "da2ae4d6b36748f2a318f23e7ab1dfdf45acdc9d049bd80e59de82a60895f562"},
        {63, "29af2686fd53374a36b0846694cc342177e428d1647515f078784d69cdb9e488"},
        {64, "fdeab9acf3710362bd2658cdc9a29e8f9c757fcf9811603a8c447cd1d9151108"},
        {65, "4bfd2c8b6f1eec7a2afeb48b934ee4b2694182027e6d0fc075074f2fabb31781"},
        {119, "da18797ed7c3a777f0847f429724a2d8cd5138e6ed2895c3fa1a6d39d18f7ec6"},
        {120, "f52b23db1fbb6ded89ef42a23ce0c8922c45f25c50b568a93bf1c075420bbb7c"},
    };
    for (const auto& [n, expected] : cases) {
        std::vector<std::uint8_t> msg(n);
        for (std::size_t i = 0; i < n; ++i) msg[i] = static_cast<std::uint8_t>(i);
        EXPECT_EQ(to_hex(Sha256::of(msg.data(), msg.size())), expected) << n << " bytes";
    }
}

TEST(Sha256, ParsesSixtyFourHexDigitsOnly) {
    const std::string abc = "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD";
    const auto d = parse_sha256(abc);
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(*d, Sha256::of("abc", 3));
    EXPECT_FALSE(parse_sha256(abc.substr(1)).has_value());
    EXPECT_FALSE(parse_sha256(abc + "0").has_value());
    EXPECT_FALSE(parse_sha256("g" + abc.substr(1)).has_value());
    EXPECT_FALSE(parse_sha256("auto").has_value());
}

}  // namespace
}  // namespace nodevp
