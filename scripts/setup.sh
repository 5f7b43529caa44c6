# Shared set-up for scripts/test, scripts/demo and scripts/bench (sourced, not run).
# Installs missing Debian packages (only what is missing), then configures and builds a preset.
set -euo pipefail

NODEVP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Debian packages the build and the tests need, one per line: package, then why.
NODEVP_PACKAGES=(
  cmake ninja-build g++ pkg-config          # host build
  libsystemc-dev                            # SystemC 2.3.4 with TLM-2.0
  libspdlog-dev libfmt-dev                  # logging
  libyaml-cpp-dev                           # configuration files
  libcli11-dev                              # command line
  libfdt-dev device-tree-compiler           # device tree generation, and dtc to check it in tests
  libgtest-dev libgmock-dev libbenchmark-dev  # tests and benchmarks
  python3 python3-yaml                      # node description generator
  gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf binutils-riscv64-unknown-elf  # guest code
  qemu-system-misc                          # reference for scripts/bench and ISA goldens
  verilator                                 # LPU RTL units (rtl/), NODEVP_BUILD_RTL
  gdb-multiarch                             # tests of the GDB stub (tests/gdb)
  opensbi u-boot-qemu                       # --boot uboot / sbi: Debian's fw_jump and U-Boot
                                            # (qemu-riscv64_smode) on the node (docs/boot.md)
)

nodevp_install_packages() {
  local missing=()
  for p in "${NODEVP_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "setup: installing missing Debian packages: ${missing[*]}" >&2
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  fi
}

# nodevp_build PRESET: configure (once) and build with the CMake preset.
nodevp_build() {
  local preset="$1"
  local dir="$NODEVP_ROOT/build/$preset"
  if [ ! -f "$dir/build.ninja" ]; then
    cmake --preset "$preset" -S "$NODEVP_ROOT" >&2
  fi
  cmake --build "$dir" -j "${NODEVP_JOBS:-2}" >&2
}
