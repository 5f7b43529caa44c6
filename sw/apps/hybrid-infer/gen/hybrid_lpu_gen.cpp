// Build-time generator of the hybrid demo's LPU programs (docs/demo/model.md, "FFN on the LPU").
//
// Draws the int8 FFN weights of both layers from the model's seeded splitmix64 stream (its own
// code: the reference in sw/reference stays independent of the demo), schedules each layer's FFN
// with sw/lpu/sched for the LPU geometry of every node configuration it is given, zero-padded
// to the vector length, and writes
//   <out>/<config>_l<layer>.lpu   the program images (weights resident in SRAM as data segments)
//   <out>/hybrid_lpu.h            per geometry: its fields, padded sizes, the SRAM offsets of the
//                                 input x and output y, and the images' sizes and symbols
//   <out>/hybrid_lpu_blobs.S      the images embedded with .incbin (symbols hybrid_lpu_<i>_<l>)
// Usage: hybrid-lpu-gen OUT_DIR DEFAULT_YAML [NAME=OVERLAY_YAML ...]
// The geometry of a configuration is its lpu.{superlanes, mem_slices, mem_words, mxm_planes,
// vxm_alus}, an overlay's keys replacing the default's (as nodevp's --config does). Everything is
// deterministic: the same inputs give byte-identical outputs.
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/lpu/image/image.hpp"
#include "sw/lpu/sched/sched.hpp"
#include "sw/lpu/sched/tensor.hpp"

namespace {

using namespace nodevp::lpu;

constexpr unsigned kDModel = 64, kDff = 256, kLayers = 2, kVocab = 256, kKvDim = 32;
constexpr std::uint64_t kSeed = 0x6e6f646576702d37ull;  // "nodevp-7"

// splitmix64 (docs/demo/model.md, "Weights").
class Stream {
  public:
    explicit Stream(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        state_ += 0x9e3779b97f4a7c15ull;
        std::uint64_t z = state_;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    void skip(std::uint64_t n) {
        for (std::uint64_t i = 0; i < n; ++i) next();
    }
    std::vector<std::int8_t> i8(std::size_t n) {
        std::vector<std::int8_t> v(n);
        for (auto& e : v) e = static_cast<std::int8_t>(static_cast<int>(next() >> 56) - 128);
        return v;
    }

  private:
    std::uint64_t state_;
};

struct LayerFfn {
    std::vector<std::int8_t> w_up;    // [kDff][kDModel], out x in
    std::vector<std::int8_t> w_down;  // [kDModel][kDff]
};

// The stream in the contract's order; the fp32 tensors are skipped (one draw per element).
std::vector<LayerFfn> draw_ffn_weights() {
    Stream s(kSeed);
    s.skip(std::uint64_t{kVocab} * kDModel);  // embed
    std::vector<LayerFfn> layers(kLayers);
    for (LayerFfn& l : layers) {
        s.skip(kDModel);                           // attn_norm
        s.skip(std::uint64_t{kDModel} * kDModel);  // wq
        s.skip(std::uint64_t{kDModel} * kKvDim);   // wk
        s.skip(std::uint64_t{kDModel} * kKvDim);   // wv
        s.skip(std::uint64_t{kDModel} * kDModel);  // wo
        s.skip(kDModel);                           // ffn_norm
        l.w_up = s.i8(std::size_t{kDff} * kDModel);
        l.w_down = s.i8(std::size_t{kDModel} * kDff);
    }
    return layers;
}

struct NodeConfig {
    std::string name;
    Geometry geometry;
};

void overlay_geometry(const std::string& path, Geometry& g) {
    const YAML::Node root = YAML::LoadFile(path);
    const YAML::Node lpu = root["lpu"];
    if (!lpu) return;
    const auto take = [&](const char* key, std::uint32_t& field) {
        if (lpu[key]) field = lpu[key].as<std::uint32_t>();
    };
    take("superlanes", g.superlanes);
    take("mem_slices", g.mem_slices);
    take("mem_words", g.mem_words);
    take("mxm_planes", g.mxm_planes);
    take("vxm_alus", g.vxm_alus);
}

unsigned round_up(unsigned n, unsigned m) {
    return (n + m - 1) / m * m;
}

// One layer's FFN for geometry g, zero-padded to the vector length (as tests/demo/model_test).
Program schedule(const Geometry& g, const LayerFfn& l, unsigned& dm, unsigned& dff) {
    const unsigned vl = g.vector_bytes();
    dm = round_up(kDModel, vl);
    dff = round_up(kDff, vl);
    sched::FfnSpec s;
    s.d_model = dm;
    s.d_ff = dff;
    s.w_up.assign(std::size_t{dff} * dm, 0);
    s.w_down.assign(std::size_t{dm} * dff, 0);
    for (unsigned r = 0; r < kDff; ++r)
        for (unsigned c = 0; c < kDModel; ++c) s.w_up[r * dm + c] = l.w_up[r * kDModel + c];
    for (unsigned r = 0; r < kDModel; ++r)
        for (unsigned c = 0; c < kDff; ++c) s.w_down[r * dff + c] = l.w_down[r * kDff + c];
    s.up_scale = 139;
    s.up_shift = 16;
    s.down_scale = 63;
    s.down_shift = 16;
    s.relu = true;
    return sched::ffn_i8(g, s);
}

const Symbol& need_symbol(const Program& p, const char* name) {
    const Symbol* s = p.symbol(name);
    if (!s) throw std::runtime_error(std::string("the FFN program lacks ") + name);
    return *s;
}

// The runtime re-runs a loaded program with a new x each time; the device reloads the data
// segments at every START (models/lpu/device/lpu_run.cpp), so x must not lie in one.
void check_not_in_data(const Program& p, const Symbol& s) {
    for (const DataSegment& d : p.data) {
        const std::uint64_t vl = p.geometry.vector_bytes();
        const std::uint64_t first = d.first, end = d.first + d.bytes.size() / vl;
        if (d.slice == s.slice && s.address < end && first < s.address + s.vectors)
            throw std::runtime_error("symbol " + s.name +
                                     " overlaps a data segment: a re-run would overwrite it");
    }
}

void write_file(const std::string& path, const void* data, std::size_t n) {
    std::ofstream out(path, std::ios::binary);
    out.write(static_cast<const char*>(data), static_cast<std::streamsize>(n));
    if (!out) throw std::runtime_error("cannot write " + path);
}

void write_text(const std::string& path, const std::string& text) {
    write_file(path, text.data(), text.size());
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr,
                     "usage: hybrid-lpu-gen OUT_DIR DEFAULT_YAML [NAME=OVERLAY_YAML ...]\n");
        return 2;
    }
    try {
        const std::string dir = argv[1];
        std::vector<NodeConfig> configs;
        Geometry base;
        overlay_geometry(argv[2], base);
        configs.push_back({"default", base});
        for (int i = 3; i < argc; ++i) {
            const std::string arg = argv[i];
            const auto eq = arg.find('=');
            if (eq == std::string::npos || eq == 0)
                throw std::runtime_error("expected NAME=YAML, got " + arg);
            NodeConfig c{arg.substr(0, eq), base};
            overlay_geometry(arg.substr(eq + 1), c.geometry);
            bool same = false;
            for (const NodeConfig& o : configs) same = same || o.geometry == c.geometry;
            if (!same) configs.push_back(c);  // one image set per distinct geometry
        }

        const std::vector<LayerFfn> layers = draw_ffn_weights();
        std::ostringstream h, s;
        h << "/* Generated by hybrid-lpu-gen (sw/apps/hybrid-infer/gen). Do not edit.\n"
          << " * The hybrid demo's LPU FFN programs, one set per node geometry. */\n"
          << "#ifndef HYBRID_LPU_H\n#define HYBRID_LPU_H\n\n#include <stdint.h>\n\n"
          << "#define HYBRID_LPU_LAYERS " << kLayers << "u\n"
          << "#define HYBRID_LPU_SETS " << configs.size() << "u\n\n"
          << "struct hybrid_lpu_set {\n"
          << "    const char* node;  /* the configuration it was generated for */\n"
          << "    uint32_t superlanes, mem_slices, mem_words, mxm_planes, vxm_alus;\n"
          << "    uint32_t d_model, d_ff;    /* padded to the vector length */\n"
          << "    uint32_t x_offset, y_offset; /* SRAM byte offsets of the input and output */\n"
          << "    const uint8_t* image[HYBRID_LPU_LAYERS];\n"
          << "    uint32_t image_bytes[HYBRID_LPU_LAYERS];\n"
          << "};\n\n";
        s << "/* Generated by hybrid-lpu-gen (sw/apps/hybrid-infer/gen). Do not edit. */\n"
          << "    .section .rodata.hybrid_lpu, \"a\", @progbits\n"
          << "    .balign 64\n    .globl hybrid_lpu_blobs, hybrid_lpu_blobs_end\n"
          << "hybrid_lpu_blobs:\n";
        std::ostringstream table;
        table << "static const struct hybrid_lpu_set hybrid_lpu_sets[HYBRID_LPU_SETS] = {\n";
        for (std::size_t ci = 0; ci < configs.size(); ++ci) {
            const NodeConfig& c = configs[ci];
            const Geometry& g = c.geometry;
            g.validate();
            std::uint64_t x_off = 0, y_off = 0;
            unsigned dm = 0, dff = 0;
            std::vector<std::size_t> sizes;
            for (unsigned li = 0; li < kLayers; ++li) {
                const Program p = schedule(g, layers[li], dm, dff);
                const Symbol& xs = need_symbol(p, "x");
                const Symbol& ys = need_symbol(p, "y");
                check_not_in_data(p, xs);
                const std::uint64_t xo = sched::sram_offset(g, xs), yo = sched::sram_offset(g, ys);
                if (li > 0 && (xo != x_off || yo != y_off))
                    throw std::runtime_error("layers place x or y differently");
                x_off = xo, y_off = yo;
                const std::vector<std::uint8_t> image = serialize(p);
                const std::string file = c.name + "_l" + std::to_string(li) + ".lpu";
                write_file(dir + "/" + file, image.data(), image.size());
                sizes.push_back(image.size());
                h << "extern const uint8_t hybrid_lpu_" << ci << "_" << li << "[];\n";
                s << "    .balign 64\n    .globl hybrid_lpu_" << ci << "_" << li << "\n"
                  << "hybrid_lpu_" << ci << "_" << li << ":\n    .incbin \"" << dir << "/" << file
                  << "\"\n";
            }
            table << "    {\"" << c.name << "\", " << g.superlanes << "u, " << g.mem_slices << "u, "
                  << g.mem_words << "u, " << g.mxm_planes << "u, " << g.vxm_alus << "u, " << dm
                  << "u, " << dff << "u, " << x_off << "u, " << y_off << "u,\n     {";
            for (unsigned li = 0; li < kLayers; ++li)
                table << (li ? ", " : "") << "hybrid_lpu_" << ci << "_" << li;
            table << "},\n     {";
            for (unsigned li = 0; li < kLayers; ++li) table << (li ? ", " : "") << sizes[li] << "u";
            table << "}},\n";
        }
        table << "};\n";
        s << "hybrid_lpu_blobs_end:\n";
        h << "extern const uint8_t hybrid_lpu_blobs[], hybrid_lpu_blobs_end[];\n\n"
          << table.str() << "\n#endif /* HYBRID_LPU_H */\n";
        write_text(dir + "/hybrid_lpu.h", h.str());
        write_text(dir + "/hybrid_lpu_blobs.S", s.str());
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "hybrid-lpu-gen: %s\n", e.what());
        return 1;
    }
}
