#!/usr/bin/env bash
# Build cost of the bindings: a from-scratch build of the veeam_em target, then the incremental rebuilds after
# touching one schema and after editing a doc string in it.
#
#   bench/build_cost.sh [SCHEMA_STEM]       (default: session_result)
#
# Works on a copy of the whole source tree in a temporary directory (build directories and .git left out), so
# the project's schemas/ are never edited. Environment:
#   BUILD_TYPE   CMake build type, default Release
#   CMAKE_ARGS   extra configure arguments; default -DCMAKE_CXX_FLAGS=-Wno-error=restrict (GCC 12 reports a
#                false -Wrestrict positive at -O3 in runtime/src/json_reader.cpp, which -Werror turns into an error)
#   JOBS         parallel jobs, default $(nproc)
#   KEEP=1       keep the temporary directory (its path is printed)
# If configuring fails in a tests/*/CMakeLists.txt (someone's edit in progress), that file is blanked in the
# copy and configuring is retried; the script says which files it blanked.
#
# Prints markdown: wall/CPU time of each step, the slowest compilations of the clean build, and for each
# incremental step the objects that were rebuilt against the objects whose recorded header dependencies
# include the schema's header (what should rebuild). Exit 1 if anything else was recompiled.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
stem="${1:-session_result}"
build_type="${BUILD_TYPE:-Release}"
jobs="${JOBS:-$(nproc)}"
if [[ -n "${CMAKE_ARGS+set}" ]]; then read -r -a cmake_args <<<"$CMAKE_ARGS"; else cmake_args=(-DCMAKE_CXX_FLAGS=-Wno-error=restrict); fi

work="$(mktemp -d "${TMPDIR:-/tmp}/emgen-buildcost.XXXXXX")"
if [[ "${KEEP:-0}" == 1 ]]; then echo "keeping $work"; else trap 'rm -rf "$work"' EXIT; fi
src="$work/src"
bld="$work/build"
mkdir -p "$src"

tar -C "$root" --exclude=./.git --exclude=./build --exclude='./build-*' --exclude='./cmake-build-*' -cf - . |
  tar -C "$src" -xf -
schema="$src/schemas/$stem.yaml"
[[ -f "$schema" ]] || { echo "build_cost.sh: no schema $stem.yaml" >&2; exit 2; }

blanked=()
for attempt in 1 2 3 4 5 6; do
  if cmake -S "$src" -B "$bld" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" "${cmake_args[@]}" >"$work/configure.log" 2>&1; then
    break
  fi
  failing="$(sed -n 's/^CMake Error at \(tests\/[^:]*CMakeLists.txt\):.*/\1/p' "$work/configure.log" | head -n 1)"
  if [[ -z "$failing" || $attempt == 6 ]]; then
    echo "build_cost.sh: configure failed:" >&2
    cat "$work/configure.log" >&2
    exit 1
  fi
  : >"$src/$failing"
  blanked+=("$failing")
  rm -rf "$bld"
done

# timed LABEL COMMAND...: runs COMMAND under /usr/bin/time; prints "wall_s cpu_s" (cpu = user + sys, children included).
timed() {
  local label="$1"
  shift
  /usr/bin/time -o "$work/time" -f "%e %U %S" "$@" >"$work/$label.log" 2>&1 ||
    { echo "build_cost.sh: $label failed:" >&2; cat "$work/$label.log" >&2; exit 1; }
  awk '{ printf "%.1f %.1f", $1, $2 + $3 }' "$work/time"
}

# Object files with their modification times, to see which were rebuilt.
objects() { find "$bld" -name '*.o' -printf '%T@ %P\n' | sort -k2; }

# The consumers of the bindings in this project, when they exist.
consumers=()
ninja -C "$bld" -t targets all >"$work/targets"
for target in veeam_em_example_tests em-inspect em-demo parse_bench; do
  if grep -q "^$target:" "$work/targets"; then consumers+=("$target"); fi
done

echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "configure: cmake -G Ninja -DCMAKE_BUILD_TYPE=$build_type ${cmake_args[*]}; ninja -j$jobs"
[[ ${#blanked[@]} -eq 0 ]] || echo "blanked in the copy (configure errors): ${blanked[*]}"
echo

ninja -C "$bld" -t clean >/dev/null
result="$(timed clean-veeam_em ninja -C "$bld" -j"$jobs" veeam_em)"
read -r clean_wall clean_cpu <<<"$result"
# Per-edge times of the clean build from .ninja_log (start and end in ms): the slowest outputs.
awk -F'\t' 'NR > 1 { t[$4] = $2 - $1 } END { for (o in t) printf "%.1f %s\n", t[o] / 1000, o }' "$bld/.ninja_log" |
  sort -rn >"$work/clean-edges"
bindings_s=$(awk '$2 ~ /veeam_em.dir\/.*\.o$/ { s += $1 } END { printf "%.1f", s }' "$work/clean-edges")
generator_s=$(awk '$2 ~ /(generator|runtime)\/CMakeFiles\/.*\.o$/ { s += $1 } END { printf "%.1f", s }' "$work/clean-edges")
result="$(timed consumers ninja -C "$bld" -j"$jobs" "${consumers[@]}")"
read -r consumers_wall consumers_cpu <<<"$result"

echo "| step | wall s | cpu s | objects compiled |"
echo "|---|---:|---:|---:|"
echo "| clean build of veeam_em (ninja -t clean; ninja veeam_em: generator, runtime, emgen run, bindings) | $clean_wall | $clean_cpu | $(grep -c '\.o$' "$work/clean-edges") |"
echo "| then the consumers (${consumers[*]}) | $consumers_wall | $consumers_cpu | - |"

step() {  # step LABEL: rebuild veeam_em and the consumers, list what was recompiled
  local label="$1"
  objects >"$work/before"
  local result wall cpu
  result="$(timed "$label" ninja -C "$bld" -j"$jobs" veeam_em "${consumers[@]}")"
  read -r wall cpu <<<"$result"
  objects >"$work/after"
  join -1 2 -2 2 -o 1.1,2.1,0 "$work/before" "$work/after" | awk '$1 != $2 { print $3 }' >"$work/$label.rebuilt"
  comm -13 <(awk '{ print $2 }' "$work/before") <(awk '{ print $2 }' "$work/after") >>"$work/$label.rebuilt"
  sort -o "$work/$label.rebuilt" "$work/$label.rebuilt"
  local ran=no
  if grep -q "emgen: generating" "$work/$label.log"; then ran=yes; fi
  echo "| $label (emgen re-ran: $ran) | $wall | $cpu | $(wc -l <"$work/$label.rebuilt") |"
}

# Which objects depend on the schema's header (from the dependencies the compiler recorded).
header="include/veeam/em/$stem.hpp"
ninja -C "$bld" -t deps | awk -v h="$header" '
  /^[^ ].*: #deps/ { sub(/: #deps.*/, ""); object = $0; next }
  index($0, h) && object != "" { print object; object = "" }' | sort -u >"$work/expected"

touch "$schema"
step "touch $stem.yaml (no change)" >"$work/table-touch"
sed -i '0,/^\( *\)doc: >-$/s//\1doc: >-\n\1  Edited by bench\/build_cost.sh./' "$schema"
cmp -s "$schema" "$root/schemas/$stem.yaml" && { echo "build_cost.sh: could not edit a doc string in $stem.yaml" >&2; exit 1; }
step "edit a doc string in $stem.yaml" >"$work/table-edit"
cat "$work/table-touch" "$work/table-edit"

echo
echo "Slowest compilations of the clean build (s): bindings objects $bindings_s in total, generator+runtime $generator_s"
echo '```'
head -n 12 "$work/clean-edges"
echo '```'

status=0
for label in "touch $stem.yaml (no change)" "edit a doc string in $stem.yaml"; do
  echo
  echo "Recompiled after '$label':"
  echo '```'
  if [[ -s "$work/$label.rebuilt" ]]; then cat "$work/$label.rebuilt"; else echo "(nothing)"; fi
  echo '```'
done
if [[ -s "$work/touch $stem.yaml (no change).rebuilt" ]]; then
  echo "FAIL: touching $stem.yaml recompiled objects"
  status=1
fi
unexpected="$(comm -23 "$work/edit a doc string in $stem.yaml.rebuilt" "$work/expected")"
missing="$(comm -13 "$work/edit a doc string in $stem.yaml.rebuilt" "$work/expected")"
echo
echo "Objects whose recorded dependencies include $header (should rebuild after the edit): $(wc -l <"$work/expected")"
if [[ -n "$unexpected" ]]; then
  echo "FAIL: recompiled although they do not include $header:"
  echo "$unexpected"
  status=1
fi
[[ -z "$missing" ]] || { echo "note: include $header but were not recompiled (their inputs did not change):"; echo "$missing"; }
[[ $status -ne 0 ]] || echo "OK: only objects that include $header were recompiled; touching the schema recompiled nothing"
exit $status
