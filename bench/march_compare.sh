#!/usr/bin/env bash
# What target flags change for the parsers: builds parse_bench in scratch builds with different -march flags
# and runs it in each. Report only: the project's own flags are not changed.
#
#   bench/march_compare.sh ["FLAGS"...]
#
# Default flag sets: "" (the default x86-64 baseline), "-march=x86-64-v2", "-march=x86-64-v3",
# "-march=x86-64-v3 -mpclmul" and "-march=native" (those the CPU cannot run are skipped). simdjson compiles its
# On-Demand code into our translation units for the implementation the flags allow at compile time
# (SIMDJSON_BUILTIN_IMPLEMENTATION): westmere needs SSE4.2 and PCLMUL, haswell AVX2, BMI, LZCNT and PCLMUL,
# icelake also AVX-512 VBMI2; x86-64-v2/v3 do not include PCLMUL. Every flag set builds the whole project
# (runtime and bindings included), since the On-Demand types appear in the runtime's and the bindings' code.
#
# Environment: BUILD_TYPE (default Release), REPETITIONS (default 5), FILTER (default: the XML b/c and JSON
# d/e benchmarks), JOBS (default nproc), KEEP=1 to keep the scratch directory.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
build_type="${BUILD_TYPE:-Release}"
repetitions="${REPETITIONS:-5}"
filter="${FILTER:-xml_b|xml_c|json_d|json_e}"
jobs="${JOBS:-$(nproc)}"
if [[ $# -gt 0 ]]; then
  flag_sets=("$@")
else
  flag_sets=("" "-march=x86-64-v2" "-march=x86-64-v3" "-march=x86-64-v3 -mpclmul" "-march=native")
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/emgen-march.XXXXXX")"
if [[ "${KEEP:-0}" == 1 ]]; then echo "keeping $work"; else trap 'rm -rf "$work"' EXIT; fi
mkdir -p "$work/src"
tar -C "$root" --exclude=./.git --exclude=./build --exclude='./build-*' -cf - . | tar -C "$work/src" -xf -

# Whether this CPU can run code built with these flags: compile and run an empty program.
runs_here() {
  echo 'int main() { return 0; }' >"$work/probe.cpp"
  # shellcheck disable=SC2086
  c++ $1 -O2 -o "$work/probe" "$work/probe.cpp" 2>/dev/null && "$work/probe"
}

echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
index=0
for flags in "${flag_sets[@]}"; do
  index=$((index + 1))
  label="${flags:-(default)}"
  if [[ -n "$flags" ]] && ! runs_here "$flags"; then
    echo "skipping '$label': this CPU cannot run it" >&2
    continue
  fi
  bld="$work/build-$index"
  cmake -S "$work/src" -B "$bld" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" -DEMGEN_BUILD_TESTS=OFF \
    "-DCMAKE_CXX_FLAGS=-Wno-error=restrict $flags" >"$work/configure-$index.log" 2>&1 ||
    { cat "$work/configure-$index.log" >&2; exit 1; }
  ninja -C "$bld" -j"$jobs" parse_bench >"$work/build-$index.log" 2>&1 || { cat "$work/build-$index.log" >&2; exit 1; }
  "$bld/bench/parse_bench" --benchmark_filter="$filter" --benchmark_repetitions="$repetitions" \
    --benchmark_report_aggregates_only=true --benchmark_out="$work/result-$index.json" --benchmark_out_format=json \
    >"$work/run-$index.log" 2>&1 || { cat "$work/run-$index.log" >&2; exit 1; }
  echo "== $label"
  grep -E '^(simdjson|  [ce]/[abd])' "$work/run-$index.log"
  python3 - "$label" "$work/result-$index.json" "$work/run-$index.log" >>"$work/table" <<'EOF'
import json, re, sys
label, result, log = sys.argv[1:4]
runs = {b["run_name"]: b for b in json.load(open(result))["benchmarks"] if b.get("aggregate_name") == "median"}
builtin = re.search(r"compiled into this program for: (\w+)", open(log).read()).group(1)
def mbs(name):
    return runs[name]["bytes_per_second"] / 1e6 if name in runs else float("nan")
def cpu(name):
    return runs[name]["cpu_time"] if name in runs else float("nan")
print(f"| `{label}` | {builtin} | {cpu('json_d_ondemand_walk'):.1f} | {mbs('json_d_ondemand_walk'):.0f} | "
      f"{cpu('json_e_typed'):.1f} | {mbs('json_e_typed'):.0f} | {cpu('json_e_typed') / cpu('json_d_ondemand_walk'):.2f} | "
      f"{cpu('xml_c_load_typed'):.1f} | {cpu('xml_c_load_typed') / cpu('xml_b_pugixml_load_walk'):.2f} |")
EOF
done
echo
echo "Median of $repetitions repetitions (CPU ms per iteration; MB/s = 10^6 bytes per CPU second):"
echo
echo "| flags | On-Demand compiled for | d walk ms | d MB/s | e typed ms | e MB/s | e/d | c typed XML ms | c/b |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
cat "$work/table"
