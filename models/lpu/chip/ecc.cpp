#include "models/lpu/chip/ecc.hpp"

#include <array>

namespace nodevp::lpu::chip {

namespace {

struct Positions {
    std::array<std::uint8_t, 128> of_bit{};  // Hamming position of data bit i
    std::array<int, 256> bit_at{};           // data bit at a position, or -1
    Positions() {
        bit_at.fill(-1);
        unsigned pos = 1;
        for (unsigned i = 0; i < 128; ++i) {
            while ((pos & (pos - 1)) == 0) ++pos;  // skip powers of two
            of_bit[i] = static_cast<std::uint8_t>(pos);
            bit_at[pos] = static_cast<int>(i);
            ++pos;
        }
    }
};

const Positions& positions() {
    static const Positions p;
    return p;
}

unsigned parity(unsigned v) {
    return static_cast<unsigned>(__builtin_popcount(v)) & 1u;
}

// Hamming syndrome bits (8) and the parity of the data bits.
void hamming(const std::uint8_t* word, unsigned& checks, unsigned& data_parity) {
    const auto& p = positions();
    checks = 0;
    data_parity = 0;
    for (unsigned i = 0; i < 128; ++i) {
        if ((word[i / 8] >> (i % 8)) & 1u) {
            checks ^= p.of_bit[i];
            data_parity ^= 1u;
        }
    }
}

}  // namespace

std::uint16_t ecc_encode(const std::uint8_t* word) {
    unsigned checks = 0, dp = 0;
    hamming(word, checks, dp);
    const unsigned overall = dp ^ parity(checks);
    return static_cast<std::uint16_t>(checks | (overall << 8));
}

EccStatus ecc_decode(std::uint8_t* word, std::uint16_t check) {
    unsigned checks = 0, dp = 0;
    hamming(word, checks, dp);
    const unsigned syndrome = checks ^ (check & 0xffu);
    const unsigned odd = dp ^ parity(check & 0xffu) ^ ((check >> 8) & 1u);
    if (syndrome == 0 && odd == 0) return EccStatus::ok;
    if (odd == 0) return EccStatus::uncorrectable;  // two flips
    if (syndrome == 0 || (syndrome & (syndrome - 1)) == 0)
        return EccStatus::corrected;  // check bit
    const int bit = positions().bit_at[syndrome];
    if (bit < 0) return EccStatus::uncorrectable;  // position beyond 136: three or more flips
    word[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
    return EccStatus::corrected;
}

}  // namespace nodevp::lpu::chip
