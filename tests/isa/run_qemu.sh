#!/bin/sh
# Runs ISA test ELFs on QEMU's spike machine (HTIF tohost), the independent reference for the
# expected values. Usage: tests/isa/run_qemu.sh ELF...; prints one line per ELF, exits non-zero
# if any fails. The deliberately failing test is expected to end with code 3. isa-*-time.elf is
# skipped: spike has no time CSR and virt has no HTIF (firmware/README.md shows the manual check).
# isa-*-fp_absent.elf runs on a CPU without F and D (as nodevp's default imac harts). vm, vm32 and
# pmp run as their isa-*-xcheck.elf builds (tests.cmake); mcsr checks implementation choices.
status=0
for elf in "$@"; do
    case "$(basename "$elf")" in
    *-time.elf)
        echo "$(basename "$elf"): skipped (needs -M virt)"
        continue
        ;;
    *-vm.elf | *-vm32.elf | *-pmp.elf)
        echo "$(basename "$elf"): skipped (QEMU runs its -xcheck.elf build)"
        continue
        ;;
    *-mcsr.elf)
        echo "$(basename "$elf"): skipped (WARL values are implementation choices)"
        continue
        ;;
    esac
    case "$(basename "$elf")" in
    isa-rv32-*) qemu=qemu-system-riscv32 cpu=rv32 ;;
    *) qemu=qemu-system-riscv64 cpu=rv64 ;;
    esac
    case "$(basename "$elf")" in
    *-fp_absent.elf) cpu="$cpu,f=false,d=false" ;;
    esac
    timeout 20 "$qemu" -M spike -cpu "$cpu" -smp 2 -bios none -nographic -kernel "$elf" >/dev/null 2>&1
    rc=$?
    echo "$(basename "$elf"): exit $rc"
    case "$(basename "$elf")" in
    *-fail.elf) [ $rc -eq 3 ] || status=1 ;;
    *-fp_fail.elf) [ $rc -eq 2 ] || status=1 ;;
    *) [ $rc -eq 0 ] || status=1 ;;
    esac
done
exit $status
