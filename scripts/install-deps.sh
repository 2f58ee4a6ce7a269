#!/usr/bin/env bash
# Installs the Debian 12 packages patchc needs to build and test, and only those that are missing.
# Idempotent: when everything is there it returns at once without touching apt.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config ccache python3
  llvm-16-dev clang-16 llvm-16-tools      # the JIT, kernel bitcode, lit and FileCheck
  libclang-rt-16-dev                      # clang-16's sanitizer and libFuzzer runtimes (scripts/test-sanitized.sh)
  flex libfl-dev bison                    # the front end (libfl-dev has FlexLexer.h)
  libsndfile1-dev portaudio19-dev         # the runtime: files and live audio
  libportmidi-dev                         # the runtime: live MIDI input
  libcli11-dev libfmt-dev                 # the driver: command line and formatting
  libedit-dev                             # the REPL: line editing, history and completion (BSD licence)
  libgtest-dev libkissfft-dev             # tests: GoogleTest and FFTs for audio measurements
  nlohmann-json3-dev                      # tests: pyo's signatures (tests/pyo/signatures.json)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "error: these packages are missing and installing them needs root: ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
