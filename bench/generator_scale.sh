#!/usr/bin/env bash
# Generator scale benchmark: `emgen generate` on synthetic schema directories of N resources.
#
#   bench/generator_scale.sh [EMGEN] [N...]
#
# EMGEN defaults to $EMGEN, else build-release/generator/emgen, else build/generator/emgen (use a Release
# build for figures). N defaults to 10 100 1000. For each N: bench/make_schemas.py writes the schemas into a
# fresh directory; `emgen generate` runs REPEAT times (default 3) into a fresh output directory each time
# (wall time and peak RSS from /usr/bin/time -f "%e %M"; the median run is reported), then once more over the
# unchanged input and output, which must report `0 written` (the script fails otherwise).
# Prints a markdown table and the per-resource cost of each N relative to the largest N.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
templates="$root/templates"
repeat="${REPEAT:-3}"

emgen="${EMGEN:-}"
if [[ $# -gt 0 && ! "$1" =~ ^[0-9]+$ ]]; then
  emgen="$1"
  shift
fi
if [[ -z "$emgen" ]]; then
  for candidate in "$root/build-release/generator/emgen" "$root/build/generator/emgen"; do
    if [[ -x "$candidate" ]]; then emgen="$candidate"; break; fi
  done
fi
[[ -n "$emgen" && -x "$emgen" ]] || { echo "generator_scale.sh: no emgen executable (pass its path or set EMGEN)" >&2; exit 2; }
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(10 100 1000)

# GNU time (Debian package `time`), for peak RSS.
if [[ ! -x /usr/bin/time ]]; then
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  echo "generator_scale.sh: installing the Debian package 'time' (for /usr/bin/time)" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends time >&2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/emgen-scale.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# run OUT_DIR SCHEMAS LOG: one `emgen generate`; prints "wall_s peak_kib user_s sys_s".
run() {
  /usr/bin/time -o "$work/time" -f "%e %M %U %S" \
    "$emgen" generate --schemas "$2" --templates "$templates" --out "$1" >"$3" 2>&1 ||
    { echo "generator_scale.sh: emgen failed:" >&2; cat "$3" >&2; exit 1; }
  tail -n 1 "$work/time"
}

# written LOG: the number in the summary line `emgen: X written, Y unchanged, Z removed`.
written() {
  sed -n 's/^emgen: \([0-9]*\) written, .*/\1/p' "$1" | tail -n 1
}

echo "emgen: $emgen"
echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| N | schema files | files generated | wall s | cpu s (user+sys) | peak MiB | per-resource ms (wall) | per-resource ms (cpu) | second-run wall s | files written on second run |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"

declare -A per_resource per_resource_cpu
for n in "${sizes[@]}"; do
  schemas="$work/schemas-$n"
  python3 "$here/make_schemas.py" "$n" "$schemas"
  schema_files=$(find "$schemas" -maxdepth 1 -name '*.yaml' | wc -l)
  results=()
  for ((r = 0; r < repeat; r++)); do
    out="$work/out-$n-$r"
    rm -rf "$out"
    results+=("$(run "$out" "$schemas" "$work/log-$n")")
    files=$(written "$work/log-$n")
    [[ "$files" -gt 0 ]] || { echo "generator_scale.sh: first run wrote nothing" >&2; exit 1; }
  done
  # The median run by wall time.
  median="$(printf '%s\n' "${results[@]}" | sort -n -k1,1 | sed -n "$(((repeat + 1) / 2))p")"
  read -r wall kib user sys <<<"$median"
  # Second run over the unchanged input, into the last output directory: nothing may be written.
  second="$(run "$out" "$schemas" "$work/log-$n-second")"
  second_wall="${second%% *}"
  second_written=$(written "$work/log-$n-second")
  if [[ "$second_written" != "0" ]]; then
    echo "generator_scale.sh: FAIL: the second run over unchanged input wrote $second_written file(s), expected 0" >&2
    cat "$work/log-$n-second" >&2
    exit 1
  fi
  rm -rf "$work"/out-"$n"-*
  per_resource[$n]=$(awk -v w="$wall" -v n="$n" 'BEGIN { printf "%.2f", w * 1000 / n }')
  per_resource_cpu[$n]=$(awk -v u="$user" -v s="$sys" -v n="$n" 'BEGIN { printf "%.2f", (u + s) * 1000 / n }')
  awk -v n="$n" -v sf="$schema_files" -v f="$files" -v w="$wall" -v u="$user" -v s="$sys" -v k="$kib" \
      -v pr="${per_resource[$n]}" -v pc="${per_resource_cpu[$n]}" -v w2="$second_wall" -v f2="$second_written" \
      'BEGIN { printf "| %d | %d | %d | %.2f | %.2f | %.1f | %s | %s | %.2f | %d |\n", n, sf, f, w, u + s, k / 1024, pr, pc, w2, f2 }'
done

# Linearity: per-resource cost of each N against the largest N (1.00 = perfectly linear). CPU time is the
# steadier measure when other work shares the machine.
largest="${sizes[-1]}"
echo
for kind in wall cpu; do
  echo "per-resource $kind cost relative to N=$largest:$(for n in "${sizes[@]}"; do
    if [[ $kind == wall ]]; then a="${per_resource[$n]}" b="${per_resource[$largest]}"; else a="${per_resource_cpu[$n]}" b="${per_resource_cpu[$largest]}"; fi
    awk -v a="$a" -v b="$b" -v n="$n" 'BEGIN { printf " N=%d: %.2f;", n, (b > 0 ? a / b : 0) }'
  done)"
done
echo "second runs: every one reported 0 written"
