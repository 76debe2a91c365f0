#!/usr/bin/env bash
# Runs one libFuzzer target on its seed corpus:
#   tests/fuzz/run.sh TARGET [SECONDS] [libFuzzer options...]
# Needs the fuzz build (cmake --preset fuzz && cmake --build --preset fuzz --target fuzz); FUZZ_BUILD_DIR
# overrides build-fuzz. New corpus entries and crash artifacts go to FUZZ_OUT (default build-fuzz/fuzz-out),
# never into tests/fuzz/corpus. FUZZ_INPUT_SECONDS (default 10) is the time one input may take. Exit status is libFuzzer's: non-zero when it found a crash.
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${1:?usage: tests/fuzz/run.sh TARGET [SECONDS] [libFuzzer options...]}
seconds=${2:-600}
shift $(( $# < 2 ? $# : 2 ))
build=${FUZZ_BUILD_DIR:-build-fuzz}
out=${FUZZ_OUT:-$build/fuzz-out}/$target
mkdir -p "$out/corpus" "$out/artifacts"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# -timeout: an input that takes longer than this many seconds is a finding (superlinear reading is a bug).
exec "$build/tests/fuzz/$target" -max_total_time="$seconds" -timeout="${FUZZ_INPUT_SECONDS:-10}" -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$out/artifacts/" "$@" "$out/corpus" "tests/fuzz/corpus/$target"
