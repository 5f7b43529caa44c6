// The kernels of sched.hpp, on top of the Builder's reservation tables and MxmPlane.
#include <algorithm>
#include <stdexcept>
#include <string>

#include "sw/lpu/sched/plane.hpp"
#include "sw/lpu/sched/sched.hpp"

namespace nodevp::lpu::sched {

namespace {

unsigned latency(Opcode op) {
    return info(op)->latency;
}

void require(bool ok, const std::string& what) {
    if (!ok) throw std::invalid_argument("sched: " + what);
}

void check_dim(const Geometry& g, unsigned n, const char* name) {
    require(n > 0 && n % g.vector_bytes() == 0,
            std::string(name) + " = " + std::to_string(n) +
                " is not a positive multiple of VL = " + std::to_string(g.vector_bytes()));
}

void check_requant(std::int32_t scale, unsigned shift) {
    require(shift <= 63, "REQ shift must be 0 … 63");
    require(scale >= kImmSignedMin && scale <= kImmSignedMax, "REQ scale must fit 30 signed bits");
}

// Rows loaded per LW: one per feeding MEM slice, a power of two up to 16 (so it divides VL).
unsigned lw_rows(const Geometry& g);

// The k-th MEM slice feeding plane p: the outermost slices of the plane's own hemisphere (the
// shortest way to its edge) when the hemisphere has enough of them, else slices round-robin.
std::uint32_t weight_slice(const Geometry& g, unsigned plane, unsigned k) {
    const unsigned n = lw_rows(g), half = g.mem_slices / 2;
    const unsigned per_side = (g.mxm_planes + 1) / 2;
    if (n * per_side > half) return (plane * n + k) % g.mem_slices;
    const unsigned outer = half - 1 - ((plane / 2) * n + k);  // counted from the VXM
    return plane % 2 == 0 ? outer : half + outer;
}

unsigned lw_rows(const Geometry& g) {
    const unsigned per_plane = std::max(1u, g.mem_slices / g.mxm_planes);
    unsigned n = 1;
    while (n * 2 <= std::min(16u, per_plane)) n *= 2;
    return n;
}

// Weights resident in SRAM, as `bytes`-wide elements (int8: 1, fp16: 2). Plane p is fed by
// g slices: stream k of each LW chunk (g streams, g / bytes rows) comes from the plane's k-th
// slice, so one chunk arrives in one cycle. Stream k carries byte plane k % bytes of row
// k / bytes of the chunk (an fp16 row is a low/high stream pair).
class WeightStore {
  public:
    WeightStore(Builder& b, const std::vector<std::uint32_t>& w, unsigned bytes, unsigned rows,
                unsigned cols)
        : vl_(b.vl()),
          g_(lw_rows(b.geometry())),
          bytes_(bytes),
          rows_(rows),
          cols_(cols),
          planes_(b.geometry().mxm_planes),
          base_(planes_) {
        require(w.size() == std::size_t{rows} * cols, "weight matrix size is not rows x cols");
        require(g_ % bytes_ == 0, "this geometry feeds too few MEM slices per plane for fp16");
        for (unsigned p = 0; p < planes_; ++p) {
            const unsigned tiles = tiles_of_plane(p) * (cols_ / vl_);
            if (tiles == 0) continue;
            for (unsigned k = 0; k < g_; ++k) {
                const std::uint32_t slice = weight_slice(b.geometry(), p, k);
                const std::uint32_t base = b.alloc(slice, tiles * chunks());
                base_[p].push_back(base);
                std::vector<std::uint8_t> data;
                for (unsigned j = 0; j < tiles; ++j)
                    for (unsigned i = 0; i < chunks(); ++i)
                        append_row(w, p, j, i * (g_ / bytes_) + k / bytes_, k % bytes_, data);
                b.add_data(slice, base, std::move(data));
            }
        }
    }

    unsigned streams_per_lw() const { return g_; }
    unsigned bytes() const { return bytes_; }

    // Stream sources of tile (rt, kt), in LW order: chunk by chunk, stream by stream.
    std::vector<Loc> tile(const Geometry& g, unsigned rt, unsigned kt) const {
        const unsigned p = rt % planes_;
        const unsigned j = (rt / planes_) * (cols_ / vl_) + kt;
        std::vector<Loc> out;
        for (unsigned i = 0; i < chunks(); ++i)
            for (unsigned k = 0; k < g_; ++k)
                out.push_back({weight_slice(g, p, k), base_[p][k] + j * chunks() + i});
        return out;
    }

  private:
    unsigned chunks() const { return vl_ / (g_ / bytes_); }
    unsigned tiles_of_plane(unsigned p) const {
        const unsigned rts = rows_ / vl_;
        return rts / planes_ + (p < rts % planes_ ? 1 : 0);
    }
    // Byte plane `byte` of row r of the plane's j-th tile (tiles in order rt = p, p + planes,
    // …; kt inner).
    void append_row(const std::vector<std::uint32_t>& w, unsigned p, unsigned j, unsigned r,
                    unsigned byte, std::vector<std::uint8_t>& data) const {
        const unsigned kts = cols_ / vl_;
        const unsigned rt = p + (j / kts) * planes_;
        const unsigned kt = j % kts;
        const std::size_t at = std::size_t{rt * vl_ + r} * cols_ + kt * vl_;
        for (unsigned c = 0; c < vl_; ++c)
            data.push_back(static_cast<std::uint8_t>(w[at + c] >> (8 * byte)));
    }

    unsigned vl_, g_, bytes_, rows_, cols_, planes_;
    std::vector<std::vector<std::uint32_t>> base_;  // [plane][k]
};

std::vector<std::uint32_t> as_elements(const std::vector<std::int8_t>& w) {
    std::vector<std::uint32_t> out(w.size());
    for (std::size_t i = 0; i < w.size(); ++i) out[i] = static_cast<std::uint8_t>(w[i]);
    return out;
}

// The i-th slice that feeds no plane, nearest the VXM first (w0, e0, w1, e1, …); when every
// slice feeds a plane, slices are shared (the bank table keeps accesses apart).
std::uint32_t spare_slice(const Geometry& g, unsigned i) {
    std::vector<bool> used(g.mem_slices, false);
    for (unsigned p = 0; p < g.mxm_planes; ++p)
        for (unsigned k = 0; k < lw_rows(g); ++k) used[weight_slice(g, p, k)] = true;
    std::vector<std::uint32_t> order;
    for (unsigned d = 0; d < g.mem_slices / 2; ++d)
        for (const std::uint32_t s : {d, g.mem_slices / 2 + d})
            if (!used[s]) order.push_back(s);
    if (order.empty()) return i % g.mem_slices;
    return order[i % order.size()];
}

struct Tensor {
    std::vector<std::uint32_t> slices;  // one per byte plane
    std::vector<std::uint32_t> base;
    Loc at(unsigned plane, unsigned vector) const { return {slices[plane], base[plane] + vector}; }
};

Tensor make_tensor(Builder& b, const std::string& name, std::vector<std::uint32_t> slices,
                   unsigned vectors) {
    Tensor t{std::move(slices), {}};
    for (std::size_t j = 0; j < t.slices.size(); ++j) {
        t.base.push_back(b.alloc(t.slices[j], vectors));
        const std::string sym = t.slices.size() == 1 ? name : name + "." + std::to_string(j);
        b.add_symbol(sym, t.slices[j], t.base[j], vectors);
    }
    return t;
}

std::vector<MxmPlane> make_planes(Builder& b, unsigned mxm_type) {
    std::vector<MxmPlane> planes;
    for (unsigned p = 0; p < b.geometry().mxm_planes; ++p) {
        planes.emplace_back(b, p);
        planes.back().configure(mxm_type);
    }
    return planes;
}

// One product Y = W X through the planes; x(col, kt) gives the activation vector and sink(col,
// rt) the destination of the column's result tile.
template <class X, class Sink>
void product(Builder& b, std::vector<MxmPlane>& planes, const WeightStore& ws, unsigned rows,
             unsigned cols, unsigned batch, bool relu, X&& x, Sink&& sink) {
    const unsigned vl = b.vl();
    const unsigned kts = cols / vl;
    for (unsigned rt = 0; rt < rows / vl; ++rt) {
        MxmPlane& plane = planes[rt % planes.size()];
        // With a single K tile nothing accumulates across tiles, so the tile stays installed
        // (weight-stationary) for every column; otherwise each group of kAccumulators columns
        // walks the K tiles, reinstalling each.
        if (kts == 1) {
            plane.load(ws.tile(b.geometry(), rt, 0), ws.streams_per_lw(), ws.bytes());
            plane.install();
        }
        for (unsigned first = 0; first < batch; first += kAccumulators) {
            const unsigned n = std::min(kAccumulators, batch - first);
            for (unsigned kt = 0; kt < kts; ++kt) {
                if (kts > 1) {
                    plane.load(ws.tile(b.geometry(), rt, kt), ws.streams_per_lw(), ws.bytes());
                    plane.install();
                }
                for (unsigned j = 0; j < n; ++j) plane.abc(x(first + j, kt), relu, j, kt == 0);
            }
            for (unsigned j = 0; j < n; ++j) plane.drain(j, sink(first + j, rt));
        }
    }
}

struct ProductSpec {
    std::vector<std::uint32_t> w;  // elements, row-major
    unsigned bytes = 1;            // 1: int8, 2: fp16
    unsigned rows = 0, cols = 0, batch = 1;
    bool requantise = false;
    std::int32_t scale = 1;
    unsigned shift = 0;
};

Program matmul(const Geometry& g, const ProductSpec& ps) {
    check_dim(g, ps.rows, "rows");
    check_dim(g, ps.cols, "cols");
    require(ps.batch > 0, "batch must be at least 1");
    if (ps.requantise) check_requant(ps.scale, ps.shift);
    require(ps.requantise || g.mem_slices >= 4, "32-bit results need 4 MEM slices (one per byte)");
    Builder b(g);
    const unsigned vl = b.vl(), kts = ps.cols / vl, rts = ps.rows / vl;
    WeightStore ws(b, ps.w, ps.bytes, ps.rows, ps.cols);
    std::vector<std::uint32_t> x_slices, y_slices;
    for (unsigned j = 0; j < ps.bytes; ++j) x_slices.push_back(spare_slice(g, j));
    for (unsigned j = 0; j < (ps.requantise ? 1u : 4u); ++j)
        y_slices.push_back(spare_slice(g, ps.bytes + j));
    const Tensor x = make_tensor(b, "x", x_slices, ps.batch * kts);
    const Tensor y = make_tensor(b, "y", y_slices, ps.batch * rts);
    auto planes = make_planes(b, ps.bytes == 2 ? kMxmTypeF16 : kMxmTypeI8);
    auto x_at = [&](unsigned col, unsigned kt) {
        std::vector<Loc> v;
        for (unsigned j = 0; j < ps.bytes; ++j) v.push_back(x.at(j, col * kts + kt));
        return v;
    };
    auto sink = [&](unsigned col, unsigned rt) {
        AccSink s;
        const unsigned v = col * rts + rt;
        s.requant = ps.requantise;
        s.scale = ps.scale;
        s.shift = ps.shift;
        if (ps.requantise) s.out = y.at(0, v);
        for (unsigned j = 0; !ps.requantise && j < 4; ++j) s.planes.push_back(y.at(j, v));
        return s;
    };
    product(b, planes, ws, ps.rows, ps.cols, ps.batch, false, x_at, sink);
    return b.finish();
}

// Byte-plane slices on one hemisphere: all of them reach the VXM in the same cycle on
// consecutive streams (one READ per slice).
std::vector<std::uint32_t> side_slices(const Geometry& g, bool west, unsigned bytes,
                                       const char* what) {
    const unsigned half = g.mem_slices / 2;
    require(bytes <= half, std::string(what) + " has " + std::to_string(bytes) +
                               " byte planes but this geometry has only " + std::to_string(half) +
                               " MEM slices per hemisphere");
    std::vector<std::uint32_t> s;
    for (unsigned j = 0; j < bytes; ++j) s.push_back(west ? j : half + j);
    return s;
}

// One VXM instruction per vector: operands from SRAM planes, result into SRAM planes. `insn`
// carries the opcode, types and immediates; streams are chosen here.
Program vxm_kernel(const Geometry& g, Insn insn, unsigned a_bytes, unsigned b_bytes,
                   unsigned d_bytes, unsigned vectors) {
    require(vectors > 0, "vectors must be at least 1");
    Builder b(g);
    const unsigned pv = b.layout().vxm();
    const Tensor ta = make_tensor(b, "a", side_slices(g, true, a_bytes, "operand a"), vectors);
    Tensor tb;
    if (b_bytes) tb = make_tensor(b, "b", side_slices(g, false, b_bytes, "operand b"), vectors);
    const bool d_west = b_bytes != 0;  // the hemisphere b does not use, if it uses one
    const Tensor td = make_tensor(b, "d", side_slices(g, d_west, d_bytes, "result d"), vectors);
    const unsigned lat = latency(insn.op);
    std::int64_t from = 0;
    for (unsigned v = 0; v < vectors; ++v) {
        from = b.search(from, [&](Tx& tx, std::int64_t t) {
            Insn i = insn;
            const auto sa = tx.streams(false, a_bytes, a_bytes, pv, t);
            if (!sa) return false;
            i.a = *sa;
            for (unsigned j = 0; j < a_bytes; ++j)
                if (!tx.read_to(ta.at(j, v), pv, t,
                                {static_cast<std::uint8_t>(sa->index + j), false}))
                    return false;
            if (b_bytes) {
                const auto sb = tx.streams(true, b_bytes, b_bytes, pv, t);
                if (!sb) return false;
                i.b = *sb;
                for (unsigned j = 0; j < b_bytes; ++j)
                    if (!tx.read_to(tb.at(j, v), pv, t,
                                    {static_cast<std::uint8_t>(sb->index + j), true}))
                        return false;
            }
            const auto sd = tx.streams(d_west, d_bytes, d_bytes, pv, t + lat);
            if (!sd) return false;
            i.d = *sd;
            for (unsigned j = 0; j < d_bytes; ++j)
                if (!tx.write_from(td.at(j, v), pv, t + lat,
                                   {static_cast<std::uint8_t>(sd->index + j), d_west}))
                    return false;
            for (unsigned alu = 0; alu < g.vxm_alus; ++alu)
                if (tx.issue("vxm." + std::to_string(alu), t, i)) return true;
            return false;
        });
    }
    return b.finish();
}

}  // namespace

Program matmul_i8(const Geometry& g, const std::vector<std::int8_t>& w, unsigned rows,
                  unsigned cols, unsigned batch) {
    return matmul(g, {as_elements(w), 1, rows, cols, batch, false, 1, 0});
}

Program matmul_i8_requant(const Geometry& g, const std::vector<std::int8_t>& w, unsigned rows,
                          unsigned cols, unsigned batch, std::int32_t scale, unsigned shift) {
    return matmul(g, {as_elements(w), 1, rows, cols, batch, true, scale, shift});
}

Program matmul_f16(const Geometry& g, const std::vector<std::uint16_t>& w, unsigned rows,
                   unsigned cols, unsigned batch) {
    return matmul(g, {{w.begin(), w.end()}, 2, rows, cols, batch, false, 1, 0});
}

Program elementwise(const Geometry& g, Opcode op, ElemType t, unsigned vectors) {
    const InsnInfo* row = info(op);
    require(row && row->unit == Unit::vxm &&
                (row->format == Format::vbin || row->format == Format::vun),
            "elementwise takes a binary or unary VXM opcode");
    const unsigned w = elem_bytes(t);
    Insn insn;
    insn.op = op;
    insn.t1 = static_cast<std::uint8_t>(t);
    return vxm_kernel(g, insn, w, row->format == Format::vbin ? w : 0, w, vectors);
}

Program convert(const Geometry& g, ElemType dst, ElemType src, unsigned vectors) {
    Insn insn;
    insn.op = Opcode::cvt;
    insn.t1 = static_cast<std::uint8_t>(dst);
    insn.t2 = static_cast<std::uint8_t>(src);
    return vxm_kernel(g, insn, elem_bytes(src), 0, elem_bytes(dst), vectors);
}

Program requant(const Geometry& g, ElemType dst, std::int32_t scale, unsigned shift,
                unsigned vectors) {
    require(dst == ElemType::i8 || dst == ElemType::i16, "REQ produces i8 or i16");
    check_requant(scale, shift);
    Insn insn;
    insn.op = Opcode::req;
    insn.t1 = static_cast<std::uint8_t>(dst);
    insn.imm = scale;
    insn.shift = static_cast<std::uint8_t>(shift);
    return vxm_kernel(g, insn, 4, 0, elem_bytes(dst), vectors);
}

Program ffn_i8(const Geometry& g, const FfnSpec& spec) {
    check_dim(g, spec.d_model, "d_model");
    check_dim(g, spec.d_ff, "d_ff");
    check_requant(spec.up_scale, spec.up_shift);
    check_requant(spec.down_scale, spec.down_shift);
    Builder b(g);
    const unsigned vl = b.vl();
    WeightStore up(b, as_elements(spec.w_up), 1, spec.d_ff, spec.d_model);
    WeightStore down(b, as_elements(spec.w_down), 1, spec.d_model, spec.d_ff);
    const Tensor x = make_tensor(b, "x", {spare_slice(g, 0)}, spec.d_model / vl);
    const Tensor h = make_tensor(b, "h", {spare_slice(g, 1)}, spec.d_ff / vl);
    const Tensor y = make_tensor(b, "y", {spare_slice(g, 2)}, spec.d_model / vl);
    auto planes = make_planes(b, kMxmTypeI8);
    auto sink = [](const Tensor& t, std::int32_t scale, unsigned shift) {
        return [&t, scale, shift](unsigned, unsigned rt) {
            AccSink s;
            s.requant = true;
            s.out = t.at(0, rt);
            s.scale = scale;
            s.shift = shift;
            return s;
        };
    };
    product(
        b, planes, up, spec.d_ff, spec.d_model, 1, false,
        [&](unsigned, unsigned kt) { return std::vector<Loc>{x.at(0, kt)}; },
        sink(h, spec.up_scale, spec.up_shift));
    product(
        b, planes, down, spec.d_model, spec.d_ff, 1, spec.relu,
        [&](unsigned, unsigned kt) { return std::vector<Loc>{h.at(0, kt)}; },
        sink(y, spec.down_scale, spec.down_shift));
    return b.finish();
}

}  // namespace nodevp::lpu::sched
