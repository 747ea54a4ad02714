#!/usr/bin/env bash
# The long crash-safety run: `gallery serve` killed (SIGKILL) at random moments
# while four clients upload, CYCLES times (default 200), with every promise
# checked after each restart (see tests/reliability/crash_test.cc).
#   bash tests/soak/crash.sh [CYCLES] [SEED]
# GALLERY_BUILD names the build folder (default: build).
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${GALLERY_BUILD:-build}
cycles=${1:-200}
seed=${2:-$(date +%s)}
cmake --build "$build" --target reliability_tests gallery >/dev/null
start=$(date +%s)
GALLERY_CRASH_CYCLES=$cycles GALLERY_CRASH_SEED=$seed \
  "$build/tests/reliability_tests" --gtest_filter='CrashTest.*'
echo "crash soak: $cycles cycles, seed $seed, $(( $(date +%s) - start )) s"
