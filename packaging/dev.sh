#!/usr/bin/env bash
# dsrflow's developer entry point. Each command installs what is missing (Debian packages from
# packaging/deps.txt), configures and builds, then does its job:
#
#   packaging/dev.sh run     start dsrflow on the embedded SQLite store with demo configuration
#   packaging/dev.sh test    build with warnings as errors and run the whole test suite (ctest)
#   packaging/dev.sh bench   build and run the benchmarks under tests/bench (prints tables)
#   packaging/dev.sh format  rewrite the C++ sources with clang-format
#
# Environment: DSRFLOW_BUILD_DIR (default build/), DSRFLOW_PORT (default 8080) for `run`,
# DSRFLOW_DEMO_DIR (default .dsrflow-demo/) for `run`.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${DSRFLOW_BUILD_DIR:-$root/build}
cd "$root"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

install_deps() {
  mapfile -t wanted < <(grep -Ev '^\s*(#|$)' packaging/deps.txt)
  local missing=()
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
      echo "missing Debian packages: ${missing[*]}; run this as root or install them" >&2
      exit 1
    fi
    log "installing ${#missing[@]} Debian package(s): ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# configure_and_build [CMAKE_OPTION...]: `run` passes none, so it reuses whatever a `test` run
# configured instead of flipping flags and rebuilding everything.
configure_and_build() {
  log "configuring and building in $build"
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  cmake --build "$build" -j "$(nproc)"
}

cmd=${1:-}
case "$cmd" in
  run)
    install_deps
    configure_and_build
    demo=${DSRFLOW_DEMO_DIR:-$root/.dsrflow-demo}
    "$build/core/app/dsrflow" demo init --dir "$demo"
    log "starting dsrflow (Ctrl-C stops it)"
    exec "$build/core/app/dsrflow" --config "$demo/dsrflow.yaml" serve --port "${DSRFLOW_PORT:-8080}"
    ;;
  test)
    install_deps
    configure_and_build -DDSRFLOW_WERROR=ON
    log "running the test suite"
    ctest --test-dir "$build" --output-on-failure -j "$(nproc)" --timeout 600
    ;;
  bench)
    install_deps
    configure_and_build
    for b in "$build"/tests/bench/*_bench; do
      log "$(basename "$b")"
      "$b" "${@:2}"
    done
    ;;
  format)
    git ls-files '*.cpp' '*.hpp' '*.h' | xargs clang-format -i
    ;;
  *)
    sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
