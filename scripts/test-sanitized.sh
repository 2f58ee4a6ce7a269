#!/usr/bin/env bash
# CI's second job (after scripts/test.sh, which installs what both need): builds patchc with clang-16,
# AddressSanitizer (leak checker on) and UndefinedBehaviorSanitizer (the first report aborts) in build-sanitize/
# ($PATCHC_SANITIZE_BUILD_DIR), runs every test under ctest there, then runs the libFuzzer target of the whole
# pipeline for a fixed budget ($PATCHC_FUZZ_SECONDS, default 120) with a fixed seed on the seed corpus.
# Extra arguments go to CMake's configure step. A crash leaves its input in $build/fuzz-artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${PATCHC_SANITIZE_BUILD_DIR:-build-sanitize}
fuzz_seconds=${PATCHC_FUZZ_SECONDS:-120}

if [ ! -f "$build/build.ninja" ] || [ $# -gt 0 ]; then
  CC=clang-16 CXX=clang++-16 cmake -S . -B "$build" -G Ninja -DPATCHC_SANITIZE=ON -DPATCHC_FUZZ=ON "$@" >/dev/null
fi
ninja -C "$build"

# abort_on_error: a report ends the process with SIGABRT, which ctest and libFuzzer both count as a failure.
# allocator_may_return_null: an allocation too big for memory returns null, as malloc does without ASan, so the
# runtime's clean "not enough memory for the state" path is tested here too instead of ASan aborting first.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:abort_on_error=1:print_stacktrace=1}
ctest --test-dir "$build" --output-on-failure -j "$(nproc)"

fuzz="$build/tests/fuzz/libfuzzer"
corpus="$build/fuzz-corpus"     # what the run adds to the seeds; kept between runs on one machine
artifacts="$build/fuzz-artifacts"
mkdir -p "$corpus" "$artifacts"
echo "Fuzzing the pipeline for ${fuzz_seconds}s (seed 1)"
"$fuzz/patchc-pipeline-fuzzer" -seed=1 -max_total_time="$fuzz_seconds" -max_len=4096 -timeout=60 \
  -rss_limit_mb=3072 -dict="$fuzz/pipeline.dict" -artifact_prefix="$artifacts/" -print_final_stats=1 \
  "$corpus" "$fuzz/seed-corpus" tests/fuzz/libfuzzer/regressions
