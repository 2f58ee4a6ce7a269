#!/usr/bin/env bash
# The README's first command: installs what is missing, builds, and renders the chorus example to a WAV,
# printing how many times faster than real time it ran.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
build=${PATCHC_BUILD_DIR:-build}
"$build/tools/patchc" render examples/chorus.patch -o chorus.wav -d 10
