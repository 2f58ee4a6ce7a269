#!/usr/bin/env bash
# The README's second command: installs what is missing, builds, and runs every test under ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
build=${PATCHC_BUILD_DIR:-build}
ctest --test-dir "$build" --output-on-failure -j "$(nproc)"
