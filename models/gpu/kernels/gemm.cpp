// GEMM: packed, register-tiled, with a fixed per-element accumulation order.
//
// For every element of C the products a(i,p)*b(p,j) are added for p = 0, 1, ..., k-1 into an
// accumulator that starts at zero, each product and each sum rounded to fp32 (this file is built
// with -ffp-contract=off, so no multiply-add is fused). Blocking only changes which elements are
// computed together, never that order, so every ISA variant below gives the same bits as the
// straight loop of docs/gpu/kernels.md. int8 products are accumulated in uint32 (wrapping
// two's complement, as int32 wraps).
//
// Structure: for each batch, B is packed per block of NC columns (whole k, converted to the
// accumulation type, zero-padded to a multiple of NR, transposes resolved), then A per block of
// MC rows (likewise, MR rows per panel); a micro-kernel keeps an MR x NR tile of accumulators
// in vector registers for the whole k and an epilogue applies alpha, beta and the rounding to C's
// type. With fewer rows than a tile (matrix-vector products), gemm_rows() avoids computing padding
// rows: it streams an fp32 B in place, or gathers op(B) a block at a time into a one-row kernel.
// Vector widths and tile sizes are chosen at run time from the host's ISA.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <vector>

#include "models/gpu/kernels/detail.hpp"
#include "models/gpu/kernels/float16.hpp"
#include "models/gpu/kernels/gemm_variants.hpp"
#include "models/gpu/kernels/kernels.hpp"

#define NODEVP_ALWAYS_INLINE inline __attribute__((always_inline))

namespace nodevp::gpu::kernels {
namespace {

// Packs rows [r0, r0+rows) x depth [0, k) of op(X) into panels of `w` rows: panel q holds
// dst[q*k*w + p*w + r] = op(X)(r0 + q*w + r, p), zero beyond `rows`. op(X)(r, p) is element
// r*ld + p of X when !trans and p*ld + r when trans; load(i) returns element i widened exactly.
template <class T, class Load>
void pack_with(Load load, std::uint64_t ld, bool trans, std::uint32_t r0, std::uint32_t rows,
               std::uint32_t k, unsigned w, T* dst) {
    for (std::uint32_t q0 = 0; q0 < rows; q0 += w) {
        const unsigned live = std::min<std::uint32_t>(w, rows - q0);
        T* panel = dst + std::uint64_t{q0} * k;
        if (trans) {  // a row of X holds one p for consecutive r: read along it
            for (std::uint32_t p = 0; p < k; ++p) {
                const std::uint64_t base = p * ld + r0 + q0;
                for (unsigned r = 0; r < live; ++r)
                    panel[std::uint64_t{p} * w + r] = load(base + r);
            }
        } else {  // a row of X holds consecutive p for one r: transpose in pieces of kPiece
            // p, so the panel rows being written stay in L1; prefetch each row's next piece
            constexpr std::uint32_t kPiece = 128;
            for (std::uint32_t p0 = 0; p0 < k; p0 += kPiece) {
                const std::uint32_t pn = std::min(kPiece, k - p0);
                for (unsigned r = 0; r < live; ++r) {
                    const std::uint64_t base = (std::uint64_t{r0} + q0 + r) * ld + p0;
                    for (std::uint32_t p = 0; p < pn; p += 16) load.prefetch(base + kPiece + p);
                    for (std::uint32_t p = 0; p < pn; ++p)
                        panel[(std::uint64_t{p0} + p) * w + r] = load(base + p);
                }
            }
        }
        for (unsigned r = live; r < w; ++r)
            for (std::uint32_t p = 0; p < k; ++p) panel[std::uint64_t{p} * w + r] = T{};
    }
}

// Element i of an operand array, widened exactly (operator()), and a prefetch hint for it.
struct F32Elems {
    const unsigned char* x;
    float operator()(std::uint64_t i) const {
        float f;
        std::memcpy(&f, x + 4 * i, 4);
        return f;
    }
    void prefetch(std::uint64_t i) const { __builtin_prefetch(x + 4 * i); }
};

template <float (*widen)(std::uint16_t)>
struct HalfElems {
    const unsigned char* x;
    float operator()(std::uint64_t i) const {
        std::uint16_t h;
        std::memcpy(&h, x + 2 * i, 2);
        return widen(h);
    }
    void prefetch(std::uint64_t i) const { __builtin_prefetch(x + 2 * i); }
};

struct I8Elems {
    const unsigned char* x;
    std::uint32_t operator()(std::uint64_t i) const {
        return static_cast<std::uint32_t>(
            static_cast<std::int32_t>(static_cast<std::int8_t>(x[i])));
    }
    void prefetch(std::uint64_t i) const { __builtin_prefetch(x + i); }
};

// Calls fn(loader) with the loader of element type t: fp types widen to float, i8 to uint32.
template <class T, class Fn>
void with_elems(DType t, const unsigned char* x, Fn fn) {
    if constexpr (std::is_same_v<T, float>) {
        switch (t) {
            case DType::f16:
                return fn(HalfElems<f16_to_f32>{x});
            case DType::bf16:
                return fn(HalfElems<bf16_to_f32>{x});
            default:
                return fn(F32Elems{x});
        }
    } else {
        return fn(I8Elems{x});
    }
}

template <class T>
void pack(DType t, const unsigned char* x, std::uint64_t ld, bool trans, std::uint32_t r0,
          std::uint32_t rows, std::uint32_t k, unsigned w, T* dst) {
    with_elems<T>(t, x, [&](auto load) { pack_with(load, ld, trans, r0, rows, k, w, dst); });
}

// acc(MR x NR) += sum over p ascending of a(:,p) * b(p,:), one product at a time, acc starting
// from zero (or from tile's contents when `resume`: a float stored and reloaded is unchanged, so
// splitting k this way keeps the order); stored row-major into tile. a is a packed panel
// (k x MR, `a_ld` between p); b's rows (NR elements each) are NR apart (a packed panel).
template <class T, int MR, int NV, int VW>
NODEVP_ALWAYS_INLINE void micro_kernel(std::uint32_t k, const T* a, std::uint64_t a_ld, const T* b,
                                       T* tile, bool resume) {
    typedef T V __attribute__((vector_size(VW * sizeof(T))));
    constexpr int NR = NV * VW;
    V acc[MR][NV];
    for (int i = 0; i < MR; ++i)
        for (int v = 0; v < NV; ++v) {
            if (resume)
                std::memcpy(&acc[i][v], tile + i * NR + v * VW, sizeof(V));
            else
                acc[i][v] = V{};
        }
    for (std::uint32_t p = 0; p < k; ++p) {
        V bv[NV];
        for (int v = 0; v < NV; ++v) std::memcpy(&bv[v], b + v * VW, sizeof(V));
        for (int i = 0; i < MR; ++i) {
            const T ai = a[i];
            for (int v = 0; v < NV; ++v) acc[i][v] = acc[i][v] + ai * bv[v];
        }
        a += a_ld;
        b += NR;
    }
    for (int i = 0; i < MR; ++i)
        for (int v = 0; v < NV; ++v) std::memcpy(tile + i * NR + v * VW, &acc[i][v], sizeof(V));
}

// Where the epilogue writes one batch's C.
struct COut {
    const GemmParams* p;
    unsigned char* c;  // this batch's C
};

void store_tile(const COut& o, const float* tile, unsigned nr, std::uint32_t i0, std::uint32_t j0,
                unsigned rows, unsigned cols) {
    const GemmParams& p = *o.p;
    for (unsigned i = 0; i < rows; ++i) {
        const std::uint64_t row = (i0 + i) * p.ldc + j0;
        for (unsigned j = 0; j < cols; ++j) {
            float r = p.alpha * tile[i * nr + j];
            const std::uint64_t idx = row + j;
            switch (p.c_type) {
                case DType::f16: {
                    std::uint16_t h;
                    if (p.beta != 0.0f) {
                        std::memcpy(&h, o.c + 2 * idx, 2);
                        r = r + p.beta * f16_to_f32(h);
                    }
                    h = f32_to_f16(r);
                    std::memcpy(o.c + 2 * idx, &h, 2);
                    break;
                }
                case DType::bf16: {
                    std::uint16_t h;
                    if (p.beta != 0.0f) {
                        std::memcpy(&h, o.c + 2 * idx, 2);
                        r = r + p.beta * bf16_to_f32(h);
                    }
                    h = f32_to_bf16(r);
                    std::memcpy(o.c + 2 * idx, &h, 2);
                    break;
                }
                default: {
                    if (p.beta != 0.0f) {
                        float old;
                        std::memcpy(&old, o.c + 4 * idx, 4);
                        r = r + p.beta * old;
                    }
                    std::memcpy(o.c + 4 * idx, &r, 4);
                    break;
                }
            }
        }
    }
}

void store_tile(const COut& o, const std::uint32_t* tile, unsigned nr, std::uint32_t i0,
                std::uint32_t j0, unsigned rows, unsigned cols) {
    const GemmParams& p = *o.p;
    for (unsigned i = 0; i < rows; ++i) {
        unsigned char* row = o.c + 4 * ((i0 + i) * p.ldc + j0);
        for (unsigned j = 0; j < cols; ++j) {
            std::uint32_t r = tile[i * nr + j];
            if (p.beta != 0.0f) {
                std::uint32_t old;
                std::memcpy(&old, row + 4 * j, 4);
                r += old;
            }
            std::memcpy(row + 4 * j, &r, 4);
        }
    }
}

// One packed block: rows [i0, i0+mc) x cols [j0, j0+nc) of C from packed A and B.
template <class T>
struct Block {
    std::uint32_t k, i0, mc, j0, nc;
    const T* pa;
    const T* pb;
    const COut* out;
};

template <class T, int MR, int NV, int VW>
NODEVP_ALWAYS_INLINE void run_block(const Block<T>& blk) {
    constexpr int NR = NV * VW;
    T tile[MR * NR];
    for (std::uint32_t j = 0; j < blk.nc; j += NR) {
        const T* b = blk.pb + std::uint64_t{j} * blk.k;
        for (std::uint32_t i = 0; i < blk.mc; i += MR) {
            micro_kernel<T, MR, NV, VW>(blk.k, blk.pa + std::uint64_t{i} * blk.k, MR, b, tile,
                                        false);
            store_tile(*blk.out, tile, NR, blk.i0 + i, blk.j0 + j,
                       std::min<std::uint32_t>(MR, blk.mc - i),
                       std::min<std::uint32_t>(NR, blk.nc - j));
        }
    }
}

// One block of the few-rows path: for each of m rows, acc[i][0..NR) += a(i, p0..p0+pb) times
// the gathered rows of op(B) (pb x NR); acc (m x NR) carries the sums between blocks.
template <class T>
struct RowsBlock {
    std::uint32_t m, pb;
    const T* a;  // a(0, p0); rows `a_ld` apart, consecutive p adjacent
    std::uint64_t a_ld;
    const T* rows;
    T* acc;
    bool resume;
};

template <class T, int NV, int VW>
NODEVP_ALWAYS_INLINE void run_rows(const RowsBlock<T>& blk) {
    for (std::uint32_t i = 0; i < blk.m; ++i)
        micro_kernel<T, 1, NV, VW>(blk.pb, blk.a + i * blk.a_ld, 1, blk.rows, blk.acc + i * NV * VW,
                                   blk.resume);
}

// acc[j] = acc[j] + a * b[j] for j < n: one step of the few-rows path when B is read in place.
template <class T>
NODEVP_ALWAYS_INLINE void axpy(T* __restrict acc, const T* __restrict b, T a, std::uint32_t n) {
    for (std::uint32_t j = 0; j < n; ++j) acc[j] = acc[j] + a * b[j];
}

// The variants: tile geometry and the functions compiled for one ISA.
struct Variant {
    unsigned mr_f, nr_f, mr_i, nr_i, nr_rows;
    void (*f32)(const Block<float>&);
    void (*i32)(const Block<std::uint32_t>&);
    void (*f32_axpy)(float*, const float*, float, std::uint32_t);
    void (*f32_rows)(const RowsBlock<float>&);
    void (*i32_rows)(const RowsBlock<std::uint32_t>&);
};

// Tile geometry per ISA (MR x NV*VW; VW lanes per vector): as many accumulators as the vector
// registers hold, leaving room for the B row and a broadcast A element. The few-rows path
// gathers 16 columns of op(B) at a time (nv_rows * vw): few enough streams through memory.
#define NODEVP_GEMM_VARIANT(name, attr, mr_f, nv_f, mr_i, nv_i, vw, nv_rows)          \
    attr void f32_##name(const Block<float>& b) {                                     \
        run_block<float, mr_f, nv_f, vw>(b);                                          \
    }                                                                                 \
    attr void i32_##name(const Block<std::uint32_t>& b) {                             \
        run_block<std::uint32_t, mr_i, nv_i, vw>(b);                                  \
    }                                                                                 \
    attr void f32_axpy_##name(float* acc, const float* b, float a, std::uint32_t n) { \
        axpy(acc, b, a, n);                                                           \
    }                                                                                 \
    attr void f32_rows_##name(const RowsBlock<float>& b) {                            \
        run_rows<float, nv_rows, vw>(b);                                              \
    }                                                                                 \
    attr void i32_rows_##name(const RowsBlock<std::uint32_t>& b) {                    \
        run_rows<std::uint32_t, nv_rows, vw>(b);                                      \
    }                                                                                 \
    constexpr Variant k_##name{mr_f,           nv_f * vw,       mr_i,                 \
                               nv_i * vw,      nv_rows * vw,    f32_##name,           \
                               i32_##name,     f32_axpy_##name, f32_rows_##name,      \
                               i32_rows_##name};

NODEVP_GEMM_VARIANT(generic, , 4, 2, 4, 2, 4, 4)
#if defined(__x86_64__)
NODEVP_GEMM_VARIANT(avx2, __attribute__((target("avx2"))), 6, 2, 6, 2, 8, 2)
NODEVP_GEMM_VARIANT(avx512, __attribute__((target("avx512f"))), 8, 3, 8, 2, 16, 1)
#endif

const Variant& variant_for(GemmIsa isa) {
    switch (isa) {
#if defined(__x86_64__)
        case GemmIsa::avx512:
            return k_avx512;
        case GemmIsa::avx2:
            return k_avx2;
#endif
        default:
            return k_generic;
    }
}

std::uint32_t round_up(std::uint32_t v, unsigned unit) {
    return static_cast<std::uint32_t>((std::uint64_t{v} + unit - 1) / unit * unit);
}

// v rounded down to a multiple of unit, then clamped to [lo, hi] (multiples of unit).
std::uint32_t round_down(std::uint64_t v, unsigned unit, std::uint32_t lo, std::uint32_t hi) {
    const std::uint64_t r = v / unit * unit;
    return static_cast<std::uint32_t>(std::clamp<std::uint64_t>(r, lo, hi));
}

template <class T>
void gemm_typed(const GemmParams& p, const unsigned char* a, const unsigned char* b,
                unsigned char* c, unsigned mr, unsigned nr, void (*block)(const Block<T>&)) {
    // Packed A block about 256 KiB, packed B block about 2 MiB (whole k in both).
    const std::uint64_t kb = std::uint64_t{p.k} * sizeof(T);
    const std::uint32_t mc = round_down((256u << 10) / kb, mr, mr, round_up(p.m, mr));
    const std::uint32_t nc = round_down((2u << 20) / kb, nr, nr, round_up(p.n, nr));
    // Packing buffers are reused across calls (per thread): fresh pages each call cost more than
    // the packing. Their contents never leak into results: every element read is written first.
    thread_local std::vector<T> pa, pb;
    if (pa.size() < std::uint64_t{mc} * p.k) pa.resize(std::uint64_t{mc} * p.k);
    if (pb.size() < std::uint64_t{nc} * p.k) pb.resize(std::uint64_t{nc} * p.k);
    const unsigned ab = size_of(p.ab_type), cb = size_of(p.c_type);
    for (std::uint32_t bi = 0; bi < p.batch; ++bi) {
        const unsigned char* ab_a = a + bi * p.stride_a * ab;
        const unsigned char* ab_b = b + bi * p.stride_b * ab;
        const COut out{&p, c + bi * p.stride_c * cb};
        for (std::uint32_t j0 = 0; j0 < p.n; j0 += nc) {
            const std::uint32_t ncur = std::min(nc, p.n - j0);
            // op(B) is k x n; its transpose, n x k, is what we pack as rows of panels.
            pack<T>(p.ab_type, ab_b, p.ldb, !p.trans_b, j0, ncur, p.k, nr, pb.data());
            for (std::uint32_t i0 = 0; i0 < p.m; i0 += mc) {
                const std::uint32_t mcur = std::min(mc, p.m - i0);
                pack<T>(p.ab_type, ab_a, p.lda, p.trans_a, i0, mcur, p.k, mr, pa.data());
                block(Block<T>{p.k, i0, mcur, j0, ncur, pa.data(), pb.data(), &out});
            }
        }
    }
}

// Rows [p0, p0+pb) x columns [j0, j0+jb) of op(B), widened, into dst (row-major, `pitch` per
// row, zero from jb to pitch).
template <class T, class Load>
void gather_rows(Load load, std::uint64_t ldb, bool trans_b, std::uint32_t p0, std::uint32_t pb,
                 std::uint32_t j0, std::uint32_t jb, std::uint32_t pitch, T* dst) {
    if (!trans_b) {
        for (std::uint32_t p = 0; p < pb; ++p)
            for (std::uint32_t j = 0; j < jb; ++j)
                dst[std::uint64_t{p} * pitch + j] = load((std::uint64_t{p0} + p) * ldb + j0 + j);
    } else {  // read along the stored rows (consecutive p), write across
        for (std::uint32_t j = 0; j < jb; ++j) {
            const std::uint64_t row = (std::uint64_t{j0} + j) * ldb + p0;
            // The rows' next pieces: jb interleaved streams are more than the hardware tracks.
            for (std::uint32_t p = 0; p < pb; p += 16) load.prefetch(row + pb + p);
            for (std::uint32_t p = 0; p < pb; ++p)
                dst[std::uint64_t{p} * pitch + j] = load(row + p);
        }
    }
    for (std::uint32_t p = 0; p < pb; ++p)
        for (std::uint32_t j = jb; j < pitch; ++j) dst[std::uint64_t{p} * pitch + j] = T{};
}

template <class T>
void gather_b(DType t, const unsigned char* x, std::uint64_t ldb, bool trans_b, std::uint32_t p0,
              std::uint32_t pb, std::uint32_t j0, std::uint32_t jb, std::uint32_t pitch, T* dst) {
    with_elems<T>(t, x,
                  [&](auto load) { gather_rows(load, ldb, trans_b, p0, pb, j0, jb, pitch, dst); });
}

// m smaller than a tile's rows (a matrix-vector product, say). Every element still sums its
// products for p ascending from zero, like the tiled path.
//  - fp32 B, not transposed (and aligned): row streaming. Accumulator rows acc[i][0..n) get a(i,p)
//  times row p
//    of B (read in place) added, p ascending: B is read once, front to back.
//  - otherwise: per block of nr columns, op(B) is gathered (widened, transposed) pb rows at a time
//    into a small buffer and each row of A is run through a one-row micro-kernel, which carries
//    its accumulators between gathers.
template <class T>
void gemm_rows(const GemmParams& p, const unsigned char* a, const unsigned char* b,
               unsigned char* c, const Variant& v) {
    // In place needs float alignment (rows and columns are whole elements from there on).
    const bool direct = std::is_same_v<T, float> && p.ab_type == DType::f32 && !p.trans_b &&
                        reinterpret_cast<std::uintptr_t>(b) % alignof(float) == 0;
    const std::uint32_t jb_max = direct ? std::min<std::uint32_t>(p.n, 16384) : v.nr_rows;
    const std::uint32_t pb_max = 256;
    thread_local std::vector<T> pa, acc, rows;
    if (pa.size() < std::uint64_t{p.m} * p.k) pa.resize(std::uint64_t{p.m} * p.k);
    if (acc.size() < std::uint64_t{p.m} * jb_max) acc.resize(std::uint64_t{p.m} * jb_max);
    if (rows.size() < std::uint64_t{pb_max} * jb_max) rows.resize(std::uint64_t{pb_max} * jb_max);
    const unsigned ab = size_of(p.ab_type), cb = size_of(p.c_type);
    for (std::uint32_t bi = 0; bi < p.batch; ++bi) {
        const unsigned char* ab_a = a + bi * p.stride_a * ab;
        const unsigned char* ab_b = b + bi * p.stride_b * ab;
        const COut out{&p, c + bi * p.stride_c * cb};
        pack<T>(p.ab_type, ab_a, p.lda, p.trans_a, 0, p.m, p.k, 1, pa.data());  // rows of op(A)
        for (std::uint32_t j0 = 0; j0 < p.n; j0 += jb_max) {
            const std::uint32_t jb = std::min(jb_max, p.n - j0);
            if constexpr (std::is_same_v<T, float>) {
                if (direct) {
                    std::fill(acc.begin(), acc.begin() + std::uint64_t{p.m} * jb, 0.0f);
                    const float* bf = reinterpret_cast<const float*>(ab_b) + j0;
                    for (std::uint32_t q = 0; q < p.k; ++q)
                        for (std::uint32_t i = 0; i < p.m; ++i)
                            v.f32_axpy(acc.data() + std::uint64_t{i} * jb, bf + q * p.ldb,
                                       pa[std::uint64_t{i} * p.k + q], jb);
                    store_tile(out, acc.data(), jb, 0, j0, p.m, jb);
                    continue;
                }
            }
            for (std::uint32_t p0 = 0; p0 < p.k; p0 += pb_max) {
                const std::uint32_t pb = std::min(pb_max, p.k - p0);
                gather_b(p.ab_type, ab_b, p.ldb, p.trans_b, p0, pb, j0, jb, jb_max, rows.data());
                const RowsBlock<T> blk{p.m,         pb,         pa.data() + p0, p.k,
                                       rows.data(), acc.data(), p0 != 0};
                if constexpr (std::is_same_v<T, float>)
                    v.f32_rows(blk);
                else
                    v.i32_rows(blk);
            }
            store_tile(out, acc.data(), jb_max, 0, j0, p.m, jb);
        }
    }
}

}  // namespace

GemmIsa gemm_best_isa() {
#if defined(__x86_64__)
    if (__builtin_cpu_supports("avx512f")) return GemmIsa::avx512;
    if (__builtin_cpu_supports("avx2")) return GemmIsa::avx2;
#endif
    return GemmIsa::generic;
}

bool gemm_isa_available(GemmIsa isa) {
    switch (isa) {
        case GemmIsa::generic:
            return true;
#if defined(__x86_64__)
        case GemmIsa::avx2:
            return __builtin_cpu_supports("avx2");
        case GemmIsa::avx512:
            return __builtin_cpu_supports("avx512f");
#endif
        default:
            return false;
    }
}

void gemm_with_isa(GemmIsa isa, const GemmParams& p, const void* a, const void* b, void* c) {
    validate(p);
    if (!gemm_isa_available(isa)) detail::fail("gemm", "ISA variant not available on this host");
    const std::uint64_t bc = gemm_bytes_c(p);
    detail::check_disjoint("gemm", "C", c, bc, "A", a, gemm_bytes_a(p), false);
    detail::check_disjoint("gemm", "C", c, bc, "B", b, gemm_bytes_b(p), false);
    const Variant& v = variant_for(isa);
    const auto* ua = static_cast<const unsigned char*>(a);
    const auto* ub = static_cast<const unsigned char*>(b);
    auto* uc = static_cast<unsigned char*>(c);
    if (p.ab_type == DType::i8) {
        if (p.m < v.mr_i)
            gemm_rows<std::uint32_t>(p, ua, ub, uc, v);
        else
            gemm_typed<std::uint32_t>(p, ua, ub, uc, v.mr_i, v.nr_i, v.i32);
    } else if (p.m < v.mr_f) {
        gemm_rows<float>(p, ua, ub, uc, v);
    } else {
        gemm_typed<float>(p, ua, ub, uc, v.mr_f, v.nr_f, v.f32);
    }
}

void gemm(const GemmParams& p, const void* a, const void* b, void* c) {
    static const GemmIsa best = gemm_best_isa();
    gemm_with_isa(best, p, a, b, c);
}

}  // namespace nodevp::gpu::kernels
