#!/usr/bin/env bash
# What generating only some areas of the EM schemas saves (`emgen generate --areas`, emgen_generate's AREAS):
# for each area of schemas/api.yaml, then all areas together, then the whole set without --areas, the size of
# the closure (types, enums, generated lines) and, unless COMPILE=0, the CPU time of compiling it.
#
#   bench/area_cost.sh [AREA...]      (default: every area; "all" and "whole" are always measured)
#
# The generated bindings sources (src/*.cpp but client.cpp) are compiled as veeam::em compiles them, in unity
# batches of 12 in name order, then client.cpp alone; one compiler at a time, so the CPU seconds add up without
# contention between our own jobs. The closures are generated in a namespace of their own, as a program that
# uses the client must (emgen::http includes veeam::em's headers, here generated/'s). Environment:
#   EMGEN     the emgen executable, default build/generator/emgen
#   CXX       default c++; OPT, default -O2
#   COMPILE=0 sizes only
# Prints a markdown table.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
emgen="${EMGEN:-$root/build/generator/emgen}"
cxx="${CXX:-c++}"
opt="${OPT:--O2}"
compile="${COMPILE:-1}"
[[ -x "$emgen" ]] || { echo "area_cost.sh: no emgen at $emgen (set EMGEN)" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/emgen-areacost.XXXXXX")"
trap 'rm -rf "$work"' EXIT

listing="$("$emgen" inspect --schemas "$root/schemas" --list-areas)"
mapfile -t known < <(sed -n 's/^\([a-z][a-z0-9_]*\): .*/\1/p' <<<"$listing")
if [[ $# -gt 0 ]]; then areas=("$@"); else areas=("${known[@]}"); fi
all_areas="$(IFS=,; echo "${known[*]}")"

# size_of LABEL: "TYPES ENUMS" as the listing gives them.
size_of() {
  case "$1" in
    whole) sed -n 's/.*the whole set: \([0-9]*\) types\?, \([0-9]*\) enums\?$/\1 \2/p' <<<"$listing" ;;
    all) sed -n 's/^all [0-9]* areas: \([0-9]*\) types\?, \([0-9]*\) enums\?;.*/\1 \2/p' <<<"$listing" ;;
    *) awk -v area="$1" '$0 ~ "^" area ": " { found = 1; next }
         found && /^  generated: / { print $2, $4; exit }' <<<"$listing" ;;
  esac
}

# timed COMMAND...: runs COMMAND, which must succeed, and adds its user + sys CPU seconds to $work/cpu.
timed() {
  /usr/bin/time -o "$work/time" -f "%U %S" "$@" >"$work/compile.log" 2>&1 ||
    { cat "$work/compile.log" >&2; exit 1; }
  awk '{ print $1 + $2 }' "$work/time" >>"$work/cpu"
}

# compile DIR: "BINDINGS_CPU CLIENT_CPU" of the generated sources in DIR.
compile() {
  local dir="$1" sources=() index=0 bindings
  local flags=(-std=c++20 "$opt" -DSIMDJSON_THREADS_ENABLED=1 -I"$dir/include" -I"$root/runtime/include"
    -I"$root/http/include" -I"$root/generated/include")
  mapfile -t sources < <(find "$dir/src" -name '*.cpp' ! -name client.cpp | sort)
  : >"$work/cpu"
  for ((start = 0; start < ${#sources[@]}; start += 12)); do
    printf '#include "%s"\n' "${sources[@]:start:12}" >"$work/unity_$index.cpp"
    timed "$cxx" "${flags[@]}" -c "$work/unity_$index.cpp" -o "$work/unity.o"
    index=$((index + 1))
  done
  bindings="$(awk '{ sum += $1 } END { printf "%.1f", sum }' "$work/cpu")"
  : >"$work/cpu"
  timed "$cxx" "${flags[@]}" -c "$dir/src/client.cpp" -o "$work/client.o"
  echo "$bindings $(awk '{ printf "%.1f", $1 }' "$work/cpu")"
}

echo "| generated | types | enums | lines | client methods | bindings CPU s | client CPU s |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for label in "${areas[@]}" all whole; do
  out="$work/$label"
  case "$label" in
    whole) selection=() ;;
    all) selection=(--areas "$all_areas") ;;
    *) selection=(--areas "$label") ;;
  esac
  "$emgen" generate --quiet --schemas "$root/schemas" --templates "$root/templates" --out "$out" \
    --namespace emgen_bench::em "${selection[@]}" >/dev/null
  read -r types enums <<<"$(size_of "$label")"
  lines="$(cat "$out"/include/emgen_bench/em/*.hpp "$out"/src/*.cpp | wc -l)"
  methods="$(grep -c 'const emgen::CallOptions& options = {});' "$out"/include/emgen_bench/em/client.hpp || true)"
  cpu="- -"
  if [[ "$compile" == 1 ]]; then cpu="$(compile "$out")"; fi
  read -r bindings client <<<"$cpu"
  case "$label" in
    whole) name="the whole set (no --areas)" ;;
    all) name="all ${#known[@]} areas" ;;
    *) name="\`$label\`" ;;
  esac
  echo "| $name | $types | $enums | $lines | $methods | $bindings | $client |"
  rm -rf "$out"
done
