// The chip's SRAM: mem_slices × mem_words vectors of VL bytes, slice-major, with SECDED ECC per
// 16-byte word (ecc.hpp).
//
// Performance design: stored data only differs from what was written through a fault
// injection, so check bits are materialised lazily: inject_bit_flip() encodes the word's check
// bits from its (still intact) data, records them, flips the bit and marks the vector suspect.
// Reads decode only suspect vectors; every other read is a plain copy with the same result the
// full code would give. A full-word write clears the word's record; a partial write (SCATTER,
// byte writes) first corrects a correctable word, and leaves an uncorrectable word recorded
// with its old check bits (it stays uncorrectable until fully rewritten).
#pragma once

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <unordered_map>
#include <vector>

#include "models/lpu/chip/ecc.hpp"

namespace nodevp::lpu::chip {

class Sram {
  public:
    void configure(std::uint32_t slices, std::uint32_t words, unsigned vector_bytes);
    std::uint64_t bytes() const { return bytes_; }
    unsigned vector_bytes() const { return vl_; }

    std::uint8_t* vector(std::uint32_t slice, std::uint32_t addr) {
        return data_.get() + (std::uint64_t{slice} * words_ + addr) * vl_;
    }
    // Copies vector (slice, addr) to `out`, corrected; counts corrections. False if a word is
    // uncorrectable (`out` then holds no usable data).
    bool read_vector(std::uint32_t slice, std::uint32_t addr, std::uint8_t* out);
    // One byte of a vector (GATHER lane), corrected; false if its word is uncorrectable.
    bool read_byte(std::uint32_t slice, std::uint32_t addr, unsigned byte, std::uint8_t& out);
    void write_vector(std::uint32_t slice, std::uint32_t addr, const std::uint8_t* in);
    void write_byte(std::uint32_t slice, std::uint32_t addr, unsigned byte, std::uint8_t v);

    // Flat byte access (slice-major offsets).
    bool read(std::uint64_t offset, std::uint8_t* out, std::uint64_t length);
    void write(std::uint64_t offset, const std::uint8_t* in, std::uint64_t length);
    void inject_bit_flip(std::uint64_t word, unsigned bit);

    std::uint64_t corrected = 0;
    std::uint64_t detected = 0;

  private:
    struct Free {
        void operator()(std::uint8_t* p) const { std::free(p); }
    };
    std::uint64_t vector_index(std::uint64_t word) const { return word * 16 / vl_; }
    // Decodes word `w` into `out` (16 bytes), counting; false if uncorrectable.
    bool decode_word(std::uint64_t w, std::uint8_t* out);
    // Before a partial write of word `w`: fold a correctable error back into the data.
    void settle_word(std::uint64_t w);
    void clear_word(std::uint64_t w);

    std::uint32_t words_ = 0;
    unsigned vl_ = 0;
    std::uint64_t bytes_ = 0;
    std::unique_ptr<std::uint8_t, Free> data_;  // calloc: the OS supplies zero pages lazily
    std::unordered_map<std::uint64_t, std::uint16_t> checks_;  // words with injected faults
    std::vector<std::uint16_t> suspect_;  // per vector: words with a check record
};

}  // namespace nodevp::lpu::chip
