// Program images: layout, CRC, validation, and rejection of truncated, corrupt and mismatched
// images without crashing.
#include <gtest/gtest.h>

#include <random>

#include "models/lpu/image/crc32.hpp"
#include "models/lpu/image/image.hpp"

using namespace nodevp::lpu;

namespace {

Program sample() {
    Program p;
    p.queues.push_back({"mem.w0", {0x10ULL | (12ULL << 34), 0x0123456789abcdefULL}});
    p.queues.push_back({"vxm.3", {}});
    p.data.push_back({1, 8, std::vector<std::uint8_t>(64, 0x5a)});
    p.symbols.push_back({"weights", 3, 100, 2});
    return p;
}

std::uint32_t u32_at(const std::vector<std::uint8_t>& b, std::size_t o) {
    return b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (std::uint32_t{b[o + 3]} << 24);
}

std::string parse_error(const std::vector<std::uint8_t>& bytes) {
    try {
        parse(bytes, "t.lpu");
    } catch (const ImageError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST(LpuImage, Crc32MatchesTheIeeeCheckValue) {
    const char* s = "123456789";
    EXPECT_EQ(crc32(reinterpret_cast<const std::uint8_t*>(s), 9), 0xCBF43926u);
}

TEST(LpuImage, HeaderFollowsTheDocumentedLayout) {
    const auto b = serialize(sample());
    EXPECT_EQ(std::string(b.begin(), b.begin() + 4), "LPUP");
    EXPECT_EQ(b[4] | (b[5] << 8), 1);    // version
    EXPECT_EQ(b[6] | (b[7] << 8), 40);   // header bytes
    EXPECT_EQ(u32_at(b, 8), 2u);         // superlanes
    EXPECT_EQ(u32_at(b, 12), 4u);        // mem_slices
    EXPECT_EQ(u32_at(b, 16), 8192u);     // mem_words
    EXPECT_EQ(u32_at(b, 20), 1u);        // mxm_planes
    EXPECT_EQ(u32_at(b, 24), 4u);        // vxm_alus
    EXPECT_EQ(u32_at(b, 28), 2u);        // queues
    EXPECT_EQ(u32_at(b, 32), 1u);        // data segments
    EXPECT_EQ(u32_at(b, 36), 1u);        // symbols
    EXPECT_EQ(b[40] | (b[41] << 8), 6);  // "mem.w0"
    EXPECT_EQ(u32_at(b, 48), 2u);        // its instruction count
    EXPECT_EQ(u32_at(b, 52), 0x10u);     // first word, low half
    // 40 header + (2+6+4+16) + (2+5+4) + (12+64) + (2+7+12) + 4 CRC
    ASSERT_EQ(b.size(), 40u + 28 + 11 + 76 + 21 + 4);
    EXPECT_EQ(u32_at(b, b.size() - 4), crc32(b.data(), b.size() - 4));
}

TEST(LpuImage, ParseGivesBackEveryField) {
    const Program p = parse(serialize(sample()), "t.lpu");
    ASSERT_EQ(p.queues.size(), 2u);
    EXPECT_EQ(p.queues[0].name, "mem.w0");
    EXPECT_EQ(p.queues[0].words[1], 0x0123456789abcdefULL);
    EXPECT_TRUE(p.queues[1].words.empty());
    ASSERT_EQ(p.data.size(), 1u);
    EXPECT_EQ(p.data[0].slice, 1u);
    EXPECT_EQ(p.data[0].first, 8u);
    EXPECT_EQ(p.data[0].bytes, std::vector<std::uint8_t>(64, 0x5a));
    ASSERT_NE(p.symbol("weights"), nullptr);
    EXPECT_EQ(p.symbol("weights")->address, 100u);
    EXPECT_EQ(p.symbol("nothing"), nullptr);
}

TEST(LpuImage, RejectsEveryTruncationWithOneLine) {
    const auto full = serialize(sample());
    for (std::size_t len = 0; len < full.size(); ++len) {
        const std::vector<std::uint8_t> cut(full.begin(), full.begin() + len);
        const std::string msg = parse_error(cut);
        ASSERT_FALSE(msg.empty()) << "length " << len;
        EXPECT_EQ(msg.rfind("t.lpu: offset ", 0), 0u) << msg;
        EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;
    }
}

TEST(LpuImage, RejectsEverySingleByteCorruption) {
    const auto full = serialize(sample());
    std::mt19937 rng(7);
    for (std::size_t i = 0; i < full.size(); ++i) {
        auto bad = full;
        bad[i] ^= static_cast<std::uint8_t>(1 + rng() % 255);
        EXPECT_FALSE(parse_error(bad).empty()) << "byte " << i;
    }
}

TEST(LpuImage, SurvivesRandomCorruptionWithAValidCrc) {
    // Re-sealing the CRC makes the structural checks, not the checksum, face the damage.
    const auto full = serialize(sample());
    std::mt19937 rng(11);
    for (int round = 0; round < 20000; ++round) {
        auto bad = full;
        for (int k = 0, n = 1 + static_cast<int>(rng() % 4); k < n; ++k)
            bad[rng() % (bad.size() - 4)] = static_cast<std::uint8_t>(rng());
        const std::uint32_t c = crc32(bad.data(), bad.size() - 4);
        for (int k = 0; k < 4; ++k)
            bad[bad.size() - 4 + k] = static_cast<std::uint8_t>(c >> (8 * k));
        try {
            parse(bad, "t.lpu");
        } catch (const ImageError&) {
        }
    }
}

TEST(LpuImage, NamesBadMagicVersionAndCrc) {
    auto b = serialize(sample());
    auto m = b;
    m[0] = 'X';
    EXPECT_EQ(parse_error(m), "t.lpu: offset 0: bad magic (not an LPU program image)");
    auto v = b;
    v[4] = 2;
    EXPECT_EQ(parse_error(v), "t.lpu: offset 4: format version 2 is not supported (this is 1)");
    auto c = b;
    c[60] ^= 1;  // inside the second instruction word
    EXPECT_NE(parse_error(c).find("CRC mismatch"), std::string::npos) << parse_error(c);
}

TEST(LpuImage, RejectsAnImageForAnotherChip) {
    const auto b = serialize(sample());
    Geometry chip;
    chip.superlanes = 20;
    try {
        parse_for(b, "t.lpu", chip);
        FAIL() << "accepted";
    } catch (const ImageError& e) {
        EXPECT_NE(std::string(e.what()).find("superlanes=2"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("superlanes=20"), std::string::npos);
    }
    EXPECT_NO_THROW(parse_for(b, "t.lpu", Geometry{}));
}

TEST(LpuImage, GeometryLimitsAreInclusive) {
    EXPECT_NO_THROW((Geometry{1, 2, 2, 0, 1}.validate()));
    EXPECT_NO_THROW((Geometry{64, 256, 65536, 8, 16}.validate()));
    EXPECT_NO_THROW((Geometry{20, 88, 8192, 4, 16}.validate()));
    EXPECT_THROW((Geometry{0, 4, 8192, 1, 4}.validate()), ImageError);
    EXPECT_THROW((Geometry{65, 4, 8192, 1, 4}.validate()), ImageError);
    EXPECT_THROW((Geometry{2, 3, 8192, 1, 4}.validate()), ImageError);
    EXPECT_THROW((Geometry{2, 258, 8192, 1, 4}.validate()), ImageError);
    EXPECT_THROW((Geometry{2, 4, 6000, 1, 4}.validate()), ImageError);
    EXPECT_THROW((Geometry{2, 4, 131072, 1, 4}.validate()), ImageError);
    EXPECT_THROW((Geometry{2, 4, 8192, 9, 4}.validate()), ImageError);
    EXPECT_THROW((Geometry{2, 4, 8192, 1, 17}.validate()), ImageError);
    EXPECT_THROW((Geometry{2, 4, 8192, 1, 0}.validate()), ImageError);
}

TEST(LpuImage, SerializeRefusesInvalidPrograms) {
    auto unknown_queue = sample();
    unknown_queue.queues.push_back({"mxm.1", {}});  // one plane: only mxm.0
    EXPECT_THROW(serialize(unknown_queue), ImageError);
    auto overlap = sample();
    overlap.data.push_back({1, 9, std::vector<std::uint8_t>(32, 1)});
    EXPECT_THROW(serialize(overlap), ImageError);
    auto partial = sample();
    partial.data[0].bytes.resize(40);
    EXPECT_THROW(serialize(partial), ImageError);
    auto past_end = sample();
    past_end.symbols[0].address = 8191;
    EXPECT_THROW(serialize(past_end), ImageError);
    auto twice = sample();
    twice.symbols.push_back(twice.symbols[0]);
    EXPECT_THROW(serialize(twice), ImageError);
}

TEST(LpuImage, NamesMemSlicesAndQueuesByHemisphere) {
    const Geometry g;  // 4 slices
    EXPECT_EQ(mem_slice_name(g, 0), "w0");
    EXPECT_EQ(mem_slice_name(g, 1), "w1");
    EXPECT_EQ(mem_slice_name(g, 2), "e0");
    EXPECT_EQ(mem_slice_name(g, 3), "e1");
    EXPECT_TRUE(valid_queue_name(g, "mem.e1"));
    EXPECT_FALSE(valid_queue_name(g, "mem.e2"));
    EXPECT_TRUE(valid_queue_name(g, "vxm.3"));
    EXPECT_FALSE(valid_queue_name(g, "vxm.4"));
    EXPECT_FALSE(valid_queue_name(g, "vxm.01"));
    EXPECT_TRUE(valid_queue_name(g, "c2c"));
    EXPECT_TRUE(valid_queue_name(g, "sxm.w"));
    EXPECT_FALSE(valid_queue_name(g, "sxm.x"));
}
