#!/bin/sh
# Resident memory of emgen-sim serving N backup sessions (default 10000 and 100000): each N in a process of its
# own, its VmRSS read from /proc once it says it serves, and its start-up time. Usage:
#   bench/sim_memory.sh [path/to/emgen-sim] [N...]
set -eu
SIM=${1:-build-release/tools/emgen-sim/emgen-sim}
[ $# -gt 0 ] && shift
[ -x "$SIM" ] || { echo "sim_memory.sh: no executable $SIM (build the emgen-sim target)" >&2; exit 2; }
COUNTS=${*:-10000 100000}
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
printf '%10s  %12s  %10s\n' sessions "VmRSS (MiB)" "start (s)"
for n in $COUNTS; do
  start=$(date +%s.%N)
  "$SIM" --sessions "$n" --port 0 >"$OUT" 2>&1 &
  pid=$!
  tries=0
  until grep -q "Ctrl-C stops" "$OUT"; do
    tries=$((tries + 1))
    if [ $tries -gt 6000 ] || ! kill -0 "$pid" 2>/dev/null; then
      echo "sim_memory.sh: emgen-sim --sessions $n did not start:" >&2
      cat "$OUT" >&2
      kill "$pid" 2>/dev/null || true
      exit 1
    fi
    sleep 0.01
  done
  ready=$(date +%s.%N)
  rss_kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
  kill -TERM "$pid"
  wait "$pid" || true
  awk -v n="$n" -v kb="$rss_kb" -v t0="$start" -v t1="$ready" 'BEGIN { printf "%10s  %12.1f  %10.2f\n", n, kb / 1024, t1 - t0 }'
done
