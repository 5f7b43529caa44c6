/* CRC-32 (IEEE 802.3, reflected polynomial 0xedb88320), table-driven, plus a bitwise reference. */
#include "sw/apps/iss-bench/bench.h"

#define CRC_POLY 0xedb88320u
#define CRC_BUF_SIZE 1024

static uint32_t crc_table[256];
static uint8_t crc_buf[CRC_BUF_SIZE];

static uint32_t crc_byte_bitwise(uint32_t c) {
    for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ CRC_POLY : c >> 1;
    return c;
}

void crc32_init(void) {
    for (uint32_t i = 0; i < 256; ++i) crc_table[i] = crc_byte_bitwise(i);
}

uint32_t crc32_update(uint32_t crc, const uint8_t* data, size_t len) {
    crc = ~crc;
    for (size_t i = 0; i < len; ++i) crc = crc_table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
    return ~crc;
}

uint32_t crc32_bitwise(uint32_t crc, const uint8_t* data, size_t len) {
    crc = ~crc;
    for (size_t i = 0; i < len; ++i) crc = crc_byte_bitwise(crc ^ data[i]);
    return ~crc;
}

uint32_t crc_kernel(uint32_t seed) {
    for (size_t i = 0; i < CRC_BUF_SIZE; i += 4) {
        uint32_t r = bench_rand(&seed);
        crc_buf[i] = (uint8_t)r;
        crc_buf[i + 1] = (uint8_t)(r >> 8);
        crc_buf[i + 2] = (uint8_t)(r >> 16);
        crc_buf[i + 3] = (uint8_t)(r >> 24);
    }
    return crc32_update(0, crc_buf, CRC_BUF_SIZE);
}
