/* hybrid-infer: the hybrid inference demo (docs/demo/running.md). RV64 host program, M-mode on
 * firmware/lib: boots the GPU and the LPUs with their firmware through the host driver, runs the
 * small transformer of docs/demo/model.md with sw/runtime (attention on the GPU, every FFN on an
 * LPU) and prints the prompt, the generated text, per-token latencies in simulated time and a
 * per-device breakdown. It publishes its tokens in nodevp_demo_result (demo_abi.h), which nodevp
 * compares with its host reference after the run. Exit 0 when every token was generated, 1 on a
 * device or set-up error (after a line saying which), 2 on bad parameters. */
#include <stdio.h>
#include <string.h>

#include "firmware/lib/node_rt.h"
#include "gen/node.h"
#include "sw/include/nodevp/demo_abi.h"
#include "sw/runtime/fdt.h"
#include "sw/runtime/runtime.h"

extern const uint8_t nv_lpu_firmware[], nv_lpu_firmware_end[];
extern const uint8_t nv_gpu_firmware[], nv_gpu_firmware_end[];

__attribute__((used)) struct nodevp_demo_result nodevp_demo_result;

#define LIST_MAX 16u /* decode latencies listed one by one up to this many tokens */

static struct nv_node node;
static struct hy_runtime rt;
static struct hy_stats after_prefill; /* the statistics once the first token is out */

struct params {
    uint8_t prompt[NODEVP_DEMO_MAX_SEQ];
    unsigned prompt_len, tokens;
};

/* The prompt and token count from /chosen (demo_abi.h), else the defaults. */
static int read_params(const void* dtb, struct params* p) {
    uint32_t len = 0;
    const char* s = (const char*)hy_fdt_prop(dtb, "/chosen", "nodevp,demo-prompt", &len);
    if (!s) {
        s = NODEVP_DEMO_DEFAULT_PROMPT;
        len = (uint32_t)sizeof NODEVP_DEMO_DEFAULT_PROMPT;
    }
    const uint32_t n = len > 0 && s[len - 1] == '\0' ? len - 1 : len;
    const void* t = hy_fdt_prop(dtb, "/chosen", "nodevp,demo-tokens", &len);
    p->tokens = t && len == 4 ? hy_fdt_u32(t) : NODEVP_DEMO_DEFAULT_TOKENS;
    if (n == 0 || p->tokens == 0 || (uint64_t)n + p->tokens - 1 > NODEVP_DEMO_MAX_SEQ) {
        printf(
            "hybrid: a prompt of %u bytes and %u tokens do not fit: need 1 <= prompt, 1 <= "
            "tokens, prompt + tokens - 1 <= %u\n",
            (unsigned)n, p->tokens, NODEVP_DEMO_MAX_SEQ);
        return 0;
    }
    memcpy(p->prompt, s, n);
    p->prompt_len = n;
    return 1;
}

static void print_bytes(const uint8_t* b, unsigned n) {
    for (unsigned i = 0; i < n; ++i) {
        if (b[i] >= 0x20 && b[i] < 0x7f && b[i] != '\\')
            putchar(b[i]);
        else
            printf("\\x%02x", b[i]);
    }
}

static void print_us(uint64_t ns) {
    printf("%llu.%03llu us", (unsigned long long)(ns / 1000), (unsigned long long)(ns % 1000));
}

static void print_node(void) {
    struct hy_geometry g;
    hy_lpu_geometry(&node, 0, &g);
    printf(
        "node: GPU (%u channels, %llu MiB HBM), %u LPU%s (vector %u bytes: superlanes %u, "
        "mem_slices %u x %u words, mxm_planes %u, vxm_alus %u)\n",
        node.gpu.channels, (unsigned long long)(node.gpu.hbm_size >> 20), node.lpus,
        node.lpus == 1 ? "" : "s", 16u * (unsigned)g.superlanes, (unsigned)g.superlanes,
        (unsigned)g.mem_slices, (unsigned)g.mem_words, (unsigned)g.mxm_planes,
        (unsigned)g.vxm_alus);
}

static int fail(void) {
    nodevp_demo_result.state = NODEVP_DEMO_FAILED;
    return 1;
}

static int boot(void) {
    int e = node.has_gpu ? nv_gpu_boot(&node, nv_gpu_firmware,
                                       (size_t)(nv_gpu_firmware_end - nv_gpu_firmware))
                         : NV_E_NO_DEVICE;
    if (e != NV_OK) {
        printf("hybrid: gpu: boot failed: %s (BOOT_STATUS %u: %s)\n", nv_strerror(e),
               (unsigned)node.gpu.boot_status, nv_boot_status_str(node.gpu.boot_status));
        return e;
    }
    for (unsigned i = 0; i < node.lpus; ++i) {
        e = nv_lpu_boot(&node, i, nv_lpu_firmware, (size_t)(nv_lpu_firmware_end - nv_lpu_firmware));
        if (e != NV_OK) {
            printf("hybrid: lpu%u: boot failed: %s (BOOT_STATUS %u: %s)\n", i, nv_strerror(e),
                   (unsigned)node.lpu[i].boot_status, nv_boot_status_str(node.lpu[i].boot_status));
            return e;
        }
    }
    int unchecked = node.gpu.boot_status == GPU_BOOT_UNCHECKED;
    for (unsigned i = 0; i < node.lpus; ++i)
        unchecked |= node.lpu[i].boot_status == LPU_BOOT_UNCHECKED;
    printf("firmware: GSP %#x and %u DMC%s %#x booted (%s)\n", (unsigned)node.gpu.fw_version,
           node.lpus, node.lpus == 1 ? "" : "s", (unsigned)node.lpu[0].fw_version,
           unchecked ? "secure boot off: images not checked" : "secure boot passed");
    return NV_OK;
}

/* The LPU chip clock from the DTB (clock-frequency of the nodevp,lpu node), 0 if absent. */
static uint64_t lpu_clock_hz(void) {
    uint32_t len = 0;
    const void* v = hy_fdt_compatible_prop(node.dtb, "nodevp,lpu", 0, "clock-frequency", &len);
    return v && len == 4 ? hy_fdt_u32(v) : 0;
}

static void print_latency(unsigned generated) {
    const uint64_t* ns = nodevp_demo_result.token_ns;
    printf("latency (simulated): prefill of %u positions + first token ",
           nodevp_demo_result.prompt_len);
    print_us(ns[0]);
    printf("\n");
    if (generated < 2) return;
    uint64_t lo = ns[1], hi = ns[1], sum = 0;
    for (unsigned i = 1; i < generated; ++i) {
        lo = ns[i] < lo ? ns[i] : lo;
        hi = ns[i] > hi ? ns[i] : hi;
        sum += ns[i];
    }
    printf("latency (simulated): %u decode tokens: min ", generated - 1);
    print_us(lo);
    printf(", avg ");
    print_us(sum / (generated - 1));
    printf(", max ");
    print_us(hi);
    printf("\n");
    if (generated - 1 <= LIST_MAX) {
        printf("latency (simulated): per decode token (us):");
        for (unsigned i = 1; i < generated; ++i)
            printf(" %llu.%03llu", (unsigned long long)(ns[i] / 1000),
                   (unsigned long long)(ns[i] % 1000));
        printf("\n");
    }
}

static void print_breakdown(void) {
    const struct hy_stats* s = &rt.stats;
    const uint64_t hz = lpu_clock_hz();
    printf("breakdown (simulated, %llu steps, %llu positions): total ",
           (unsigned long long)s->steps, (unsigned long long)s->rows);
    print_us(s->total_ns);
    printf("\n  gpu: busy ");
    print_us(s->gpu_busy_ns);
    printf(" (from its timestamps; launch latency included)\n  lpu: %llu FFN runs, %llu cycles",
           (unsigned long long)s->lpu_runs, (unsigned long long)s->lpu_cycles);
    if (hz) {
        printf(" = ");
        print_us(s->lpu_cycles * 1000000000ull / hz);
        printf(" at %llu MHz", (unsigned long long)(hz / 1000000));
    }
    printf("; run_io requests ");
    print_us(s->lpu_io_ns);
    printf(" (DMA in, run, DMA out, mailbox)\n  lpu: %llu program loads while generating ",
           (unsigned long long)s->lpu_loads);
    print_us(s->lpu_load_ns);
    printf(" (%llu at set-up), %llu retries after a reset\n", (unsigned long long)s->setup_loads,
           (unsigned long long)s->lpu_retries);
    const uint64_t busy = s->gpu_busy_ns + s->lpu_io_ns + s->lpu_load_ns;
    printf("  hand-over and host: ");
    print_us(s->total_ns > busy ? s->total_ns - busy : 0);
    printf(" (semaphores, interrupts, GPU polling, command building)\n");
    const uint64_t n = s->steps - after_prefill.steps;
    if (n == 0) return;
    const uint64_t total = s->total_ns - after_prefill.total_ns;
    const uint64_t gpu = s->gpu_busy_ns - after_prefill.gpu_busy_ns;
    const uint64_t lpu =
        s->lpu_io_ns - after_prefill.lpu_io_ns + s->lpu_load_ns - after_prefill.lpu_load_ns;
    printf("  per decode token (avg): total ");
    print_us(total / n);
    printf(" = gpu ");
    print_us(gpu / n);
    printf(" + lpu ");
    print_us(lpu / n);
    printf(" + hand-over and host ");
    print_us(total > gpu + lpu ? (total - gpu - lpu) / n : 0);
    printf("\n");
}

static int generate(const struct params* p) {
    struct nodevp_demo_result* r = &nodevp_demo_result;
    r->state = NODEVP_DEMO_RUNNING;
    uint64_t prev = nv_now_ns(&node);
    int e = hy_submit(&rt, p->prompt, p->prompt_len);
    for (unsigned i = 0; e == NV_OK && i < p->tokens; ++i) {
        int32_t next = 0;
        /* The next decode step goes in before this one completes: the GPU runs on. */
        if (i + 1 < p->tokens) e = hy_submit(&rt, NULL, 1);
        if (e == NV_OK) e = hy_complete(&rt, &next);
        if (e != NV_OK) {
            printf("hybrid: token %u failed: %s\n", i, nv_strerror(e));
            r->lpu_retries = (uint32_t)rt.stats.lpu_retries;
            return e;
        }
        const uint64_t now = nv_now_ns(&node);
        r->tokens[i] = (uint16_t)next;
        r->token_ns[i] = now - prev;
        r->lpu_retries = (uint32_t)rt.stats.lpu_retries;
        r->generated = i + 1;
        prev = now;
        if (i == 0) after_prefill = rt.stats;
    }
    if (e != NV_OK) return e;
    r->state = NODEVP_DEMO_DONE;
    return NV_OK;
}

int main(void) {
    static struct params p;
    struct nodevp_demo_result* r = &nodevp_demo_result;
    r->magic = NODEVP_DEMO_MAGIC;
    r->state = NODEVP_DEMO_NOT_RUN;
    if (!read_params(node_dtb(), &p)) return 2;
    r->prompt_len = p.prompt_len;
    r->requested = p.tokens;
    memcpy(r->prompt, p.prompt, p.prompt_len);

    int e = nv_init(&node, node_dtb());
    if (e != NV_OK) {
        printf("hybrid: no node to run on: %s\n", nv_strerror(e));
        return fail();
    }
    if (!node.has_gpu || node.lpus == 0) {
        printf("hybrid: the demo needs a GPU and at least one LPU (found %s, %u LPUs)\n",
               node.has_gpu ? "a GPU" : "no GPU", node.lpus);
        return fail();
    }
    if (boot() != NV_OK) return fail();
    print_node();
    if (hy_init(&rt, &node, 0) != NV_OK) return fail();
    printf(
        "model: d_model %u, %u layers, %u heads (%u KV), d_ff %u; FFN programs for the '%s' "
        "LPU; layer l on lpu(l %% %u)\n",
        HY_D_MODEL, HY_LAYERS, HY_HEADS, HY_KV_HEADS, HY_D_FF, hy_lpu_set_name(rt.set), rt.lpus);
    printf("prompt (%u bytes): \"", p.prompt_len);
    print_bytes(p.prompt, p.prompt_len);
    printf("\"\n");

    e = generate(&p);
    const unsigned n = r->generated;
    uint8_t text[NODEVP_DEMO_MAX_SEQ];
    printf("tokens:");
    for (unsigned i = 0; i < n; ++i) {
        text[i] = (uint8_t)r->tokens[i];
        printf(" %u", (unsigned)r->tokens[i]);
    }
    printf("\ngenerated (%u tokens): \"", n);
    print_bytes(text, n);
    printf("\"\n");
    if (e != NV_OK) return fail();
    print_latency(n);
    print_breakdown();
    return 0;
}
