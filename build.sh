#!/usr/bin/env bash
# The two Quick start commands:
#   ./build.sh demo   installs what is missing, builds, generates the bindings and runs the demo
#   ./build.sh test   the same set-up, then every test through ctest
# Both are idempotent: a second run installs nothing and rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")"

BUILD_DIR=${EMGEN_BUILD_DIR:-build}
PACKAGES=(cmake ninja-build g++ pkg-config clang-format git
          libyaml-cpp-dev libpugixml-dev libkainjow-mustache-dev libcli11-dev
          libgtest-dev libgmock-dev libbenchmark-dev
          libcurl4-openssl-dev libcpp-httplib-dev libsimdjson-dev libssl-dev libdtl-dev)

install_missing() {
  local missing=()
  for package in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "build.sh: installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

configure_and_build() {
  [ -f "$BUILD_DIR/build.ninja" ] || cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
  cmake --build "$BUILD_DIR" --parallel "$(nproc)"
}

case "${1:-}" in
  demo)
    install_missing
    configure_and_build
    "$BUILD_DIR/tools/em-demo" schemas/examples
    ;;
  test)
    install_missing
    configure_and_build
    ctest --test-dir "$BUILD_DIR" --output-on-failure --parallel "$(nproc)" --timeout 600
    ;;
  *)
    echo "usage: $0 demo|test" >&2
    exit 2
    ;;
esac
