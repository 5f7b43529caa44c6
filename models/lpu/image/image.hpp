// LPU program image: what the toolchain produces and the chip model loads.
//
// Binary layout (little-endian), version 1:
//   Header   magic "LPUP", u16 version, u16 header bytes, Geometry (u32 superlanes, mem_slices,
//            mem_words, mxm_planes, vxm_alus), u32 queue count, data segment count, symbol count
//   Queues   per queue: u16 name length, name bytes, u32 instruction count, u64 words
//   Data     per segment: u32 slice, u32 first vector, u32 vector count, count × VL bytes
//   Symbols  per symbol: u16 name length, name, u32 slice, u32 address, u32 vectors
//   Trailer  u32 CRC-32 (IEEE) of every byte before it
// parse() never trusts its input: every length is checked before use; any defect is an
// ImageError with one line naming the image, the byte offset and the problem.
// A valid program (validate_program) also has: a valid geometry; unique queue names that exist
// at that geometry (valid_queue_name); data segments of at least one whole vector, inside one
// slice and not overlapping each other; symbols with unique identifier names
// ([A-Za-z_][A-Za-z0-9_.]*) covering 1 … mem_words vectors inside one slice.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace nodevp::lpu {

class ImageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// The chip size a program is scheduled for (and a chip model is built with).
struct Geometry {
    std::uint32_t superlanes = 2;
    std::uint32_t mem_slices = 4;  // even: half west, half east
    std::uint32_t mem_words = 8192;
    std::uint32_t mxm_planes = 1;
    std::uint32_t vxm_alus = 4;

    std::uint32_t vector_bytes() const { return 16 * superlanes; }
    bool operator==(const Geometry& o) const {
        return superlanes == o.superlanes && mem_slices == o.mem_slices &&
               mem_words == o.mem_words && mxm_planes == o.mxm_planes && vxm_alus == o.vxm_alus;
    }
    bool operator!=(const Geometry& o) const { return !(*this == o); }
    // Throws ImageError naming the first parameter out of range.
    void validate() const;
    std::string to_string() const;
};

struct QueueProgram {
    std::string name;                  // "mem.w0", "vxm.2", "mxm.0", "sxm.e", "c2c"
    std::vector<std::uint64_t> words;  // encoded instructions (models/lpu/isa/isa.hpp)
};

struct DataSegment {
    std::uint32_t slice = 0;  // MEM slice number: 0 … mem_slices/2-1 west (w0…), then east
    std::uint32_t first = 0;  // first vector address
    std::vector<std::uint8_t> bytes;  // a whole number of vectors
};

struct Symbol {
    std::string name;
    std::uint32_t slice = 0;
    std::uint32_t address = 0;
    std::uint32_t vectors = 0;
};

struct Program {
    static constexpr std::uint16_t kVersion = 1;
    Geometry geometry;
    std::vector<QueueProgram> queues;
    std::vector<DataSegment> data;
    std::vector<Symbol> symbols;

    const Symbol* symbol(const std::string& name) const;
};

std::vector<std::uint8_t> serialize(const Program& program);
// Parses an image; `name` is used in messages.
Program parse(const std::vector<std::uint8_t>& bytes, const std::string& name);
// Parses and checks that the image was scheduled for `chip` (else ImageError naming both).
Program parse_for(const std::vector<std::uint8_t>& bytes, const std::string& name,
                  const Geometry& chip);

// MEM slice numbering shared by images, the chip and the assembler: slice n < mem_slices/2 is
// the west slice w<n>, otherwise the east slice e<n - mem_slices/2>.
std::string mem_slice_name(const Geometry& g, std::uint32_t slice);

// True if `name` is an instruction queue of a chip of geometry `g`: mem.w<n>/mem.e<n>
// (n < mem_slices/2), vxm.<n> (n < vxm_alus), mxm.<n> (n < mxm_planes), sxm.w, sxm.e, c2c.
bool valid_queue_name(const Geometry& g, const std::string& name);

// Throws ImageError naming the first rule of a valid program (see the top of this file) that
// `program` breaks. serialize() and parse() apply it.
void validate_program(const Program& program);

}  // namespace nodevp::lpu
