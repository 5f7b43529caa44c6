#include "models/lpu/chip/sram.hpp"

#include <algorithm>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>

namespace nodevp::lpu::chip {

void Sram::configure(std::uint32_t slices, std::uint32_t words, unsigned vector_bytes) {
    words_ = words;
    vl_ = vector_bytes;
    bytes_ = std::uint64_t{slices} * words * vector_bytes;
    data_.reset(static_cast<std::uint8_t*>(std::calloc(bytes_, 1)));
    if (!data_) throw std::bad_alloc();
    checks_.clear();
    suspect_.assign(std::uint64_t{slices} * words, 0);
}

bool Sram::decode_word(std::uint64_t w, std::uint8_t* out) {
    std::memcpy(out, data_.get() + w * 16, 16);
    auto it = checks_.find(w);
    if (it == checks_.end()) return true;
    switch (ecc_decode(out, it->second)) {
        case EccStatus::ok:
            return true;
        case EccStatus::corrected:
            ++corrected;
            return true;
        case EccStatus::uncorrectable:
            ++detected;
            return false;
    }
    return false;
}

bool Sram::read_vector(std::uint32_t slice, std::uint32_t addr, std::uint8_t* out) {
    const std::uint64_t v = std::uint64_t{slice} * words_ + addr;
    if (suspect_[v] == 0) {
        std::memcpy(out, data_.get() + v * vl_, vl_);
        return true;
    }
    bool ok = true;
    const std::uint64_t w0 = v * vl_ / 16;
    for (unsigned k = 0; k < vl_ / 16; ++k) ok = decode_word(w0 + k, out + k * 16) && ok;
    return ok;
}

bool Sram::read_byte(std::uint32_t slice, std::uint32_t addr, unsigned byte, std::uint8_t& out) {
    const std::uint64_t v = std::uint64_t{slice} * words_ + addr;
    if (suspect_[v] == 0) {
        out = data_.get()[v * vl_ + byte];
        return true;
    }
    std::uint8_t word[16];
    const bool ok = decode_word((v * vl_ + byte) / 16, word);
    out = word[byte % 16];
    return ok;
}

void Sram::clear_word(std::uint64_t w) {
    if (checks_.erase(w)) --suspect_[vector_index(w)];
}

void Sram::settle_word(std::uint64_t w) {
    auto it = checks_.find(w);
    if (it == checks_.end()) return;
    std::uint8_t word[16];
    std::memcpy(word, data_.get() + w * 16, 16);
    if (ecc_decode(word, it->second) == EccStatus::uncorrectable) return;
    std::memcpy(data_.get() + w * 16, word, 16);
    clear_word(w);
}

void Sram::write_vector(std::uint32_t slice, std::uint32_t addr, const std::uint8_t* in) {
    const std::uint64_t v = std::uint64_t{slice} * words_ + addr;
    std::memcpy(data_.get() + v * vl_, in, vl_);
    if (suspect_[v] == 0) return;
    const std::uint64_t w0 = v * vl_ / 16;
    for (unsigned k = 0; k < vl_ / 16; ++k) clear_word(w0 + k);
}

void Sram::write_byte(std::uint32_t slice, std::uint32_t addr, unsigned byte, std::uint8_t val) {
    const std::uint64_t off = (std::uint64_t{slice} * words_ + addr) * vl_ + byte;
    if (suspect_[off / vl_] != 0) settle_word(off / 16);
    data_.get()[off] = val;
}

bool Sram::read(std::uint64_t offset, std::uint8_t* out, std::uint64_t length) {
    bool ok = true;
    while (length > 0) {
        const std::uint64_t w = offset / 16;
        const unsigned in_word = static_cast<unsigned>(offset % 16);
        const std::uint64_t n = std::min<std::uint64_t>(16 - in_word, length);
        if (suspect_[vector_index(w)] == 0) {
            std::memcpy(out, data_.get() + offset, n);
        } else {
            std::uint8_t word[16];
            ok = decode_word(w, word) && ok;
            std::memcpy(out, word + in_word, n);
        }
        out += n;
        offset += n;
        length -= n;
    }
    return ok;
}

void Sram::write(std::uint64_t offset, const std::uint8_t* in, std::uint64_t length) {
    while (length > 0) {
        const std::uint64_t w = offset / 16;
        const unsigned in_word = static_cast<unsigned>(offset % 16);
        const std::uint64_t n = std::min<std::uint64_t>(16 - in_word, length);
        if (suspect_[vector_index(w)] != 0) {
            if (n == 16)
                clear_word(w);
            else
                settle_word(w);
        }
        std::memcpy(data_.get() + offset, in, n);
        in += n;
        offset += n;
        length -= n;
    }
}

void Sram::inject_bit_flip(std::uint64_t word, unsigned bit) {
    if (word >= bytes_ / 16 || bit >= 128 + kEccCheckBits)
        throw std::out_of_range("lpu: bit flip outside SRAM (word " + std::to_string(word) +
                                ", bit " + std::to_string(bit) + ")");
    auto it = checks_.find(word);
    if (it == checks_.end()) {
        it = checks_.emplace(word, ecc_encode(data_.get() + word * 16)).first;
        ++suspect_[vector_index(word)];
    }
    if (bit < 128)
        data_.get()[word * 16 + bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
    else
        it->second ^= static_cast<std::uint16_t>(1u << (bit - 128));
}

}  // namespace nodevp::lpu::chip
