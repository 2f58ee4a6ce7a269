#!/usr/bin/env bash
# Configures (once) and builds patchc in build/ (or $PATCHC_BUILD_DIR). Extra arguments go to CMake's configure
# step, e.g. -DPATCHC_SANITIZE=ON. Quick when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${PATCHC_BUILD_DIR:-build}
if [ ! -f "$build/build.ninja" ] || [ $# -gt 0 ]; then
  cmake -S . -B "$build" -G Ninja "$@" >/dev/null
fi
ninja -C "$build"
