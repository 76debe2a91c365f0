#!/usr/bin/env bash
# The two Quick start commands (docs/guide/install.md):
#   ./build.sh demo   installs the packages the demo needs, builds only what it runs (the generator, the runtimes,
#                     the EM bindings and client, the simulator, em-demo) in Release and runs the demo
#   ./build.sh test   installs the test packages too, builds everything (tests, tools, benchmarks) and runs every
#                     test through ctest
#   ./build.sh peers  installs what the build and the benchmarks need, then runs bench/peers.sh (emgen against
#                     gSOAP, pugixml, simdjson and protoc; it installs gsoap, protobuf-compiler and clang itself,
#                     builds in build-peers/ and writes its table into bench/RESULTS.md)
# Both use one build directory, build/ (a Release build; the tests compile at -O0, tests/CMakeLists.txt), so
# that demo after test, or test after demo, reuses every object the other built. Both are idempotent: a second
# run installs nothing, configures nothing and rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")"

BUILD_DIR=${EMGEN_BUILD_DIR:-build}
DEMO_PACKAGES=(cmake ninja-build g++ pkg-config
               libyaml-cpp-dev libpugixml-dev libkainjow-mustache-dev libcli11-dev libdtl-dev
               libcurl4-openssl-dev libcpp-httplib-dev libsimdjson-dev libssl-dev libmimalloc-dev)
TEST_PACKAGES=(git clang-format libgtest-dev libgmock-dev libbenchmark-dev)
DEMO_TARGETS=(em-demo emgen-sim)

milliseconds() { echo $(( $(date +%s%N) / 1000000 )); }
seconds_text() { printf '%d.%d s' $(($1 / 1000)) $(($1 % 1000 / 100)); }
started=$(milliseconds)
phase_started=$started
phases=()
end_phase() {
  local now
  now=$(milliseconds)
  phases+=("$1 $(seconds_text $((now - phase_started)))")
  phase_started=$now
}

install_missing() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "build.sh: installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

cached_value() {
  sed -n "s/^$1:[A-Z]*=//p" "$BUILD_DIR/CMakeCache.txt" 2>/dev/null
}

# Configures only when the build directory is new or lacks a setting this command needs: demo accepts a
# directory that test configured (tests on), so switching between the two never reconfigures twice.
configure() {
  local wanted_tests=$1 settings=()
  [ "$(cached_value CMAKE_BUILD_TYPE)" = Release ] || settings+=(-DCMAKE_BUILD_TYPE=Release)
  if [ "$wanted_tests" = ON ]; then
    [ "$(cached_value EMGEN_BUILD_TESTS)" = ON ] || settings+=(-DEMGEN_BUILD_TESTS=ON)
    [ "$(cached_value EMGEN_BUILD_BENCHMARKS)" = ON ] || settings+=(-DEMGEN_BUILD_BENCHMARKS=ON)
  elif [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
    settings+=(-DEMGEN_BUILD_TESTS=OFF -DEMGEN_BUILD_BENCHMARKS=OFF)
  fi
  if [ ! -f "$BUILD_DIR/build.ninja" ] || [ ${#settings[@]} -gt 0 ]; then
    cmake -S . -B "$BUILD_DIR" -G Ninja "${settings[@]}"
  fi
}

report_times() {
  end_phase "$1"
  local total=$(( ($(milliseconds) - started) / 1000 )) parts
  parts=$(printf '%s, ' "${phases[@]}")
  printf 'build.sh %s: %d min %02d s wall time (%s)\n' "$command" $((total / 60)) $((total % 60)) "${parts%, }"
}

command=${1:-}
case "$command" in
  demo)
    install_missing "${DEMO_PACKAGES[@]}"
    end_phase packages
    configure OFF
    end_phase configure
    cmake --build "$BUILD_DIR" --target "${DEMO_TARGETS[@]}" --parallel "$(nproc)"
    end_phase build
    "$BUILD_DIR/tools/em-demo" schemas/examples
    report_times demo
    ;;
  test)
    install_missing "${DEMO_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    end_phase packages
    configure ON
    end_phase configure
    cmake --build "$BUILD_DIR" --parallel "$(nproc)"
    end_phase build
    ctest --test-dir "$BUILD_DIR" --output-on-failure --parallel "$(nproc)" --timeout 600
    report_times ctest
    ;;
  peers)
    install_missing "${DEMO_PACKAGES[@]}" libbenchmark-dev
    end_phase packages
    bench/peers.sh
    report_times peers
    ;;
  *)
    echo "usage: $0 demo|test|peers" >&2
    exit 2
    ;;
esac
