#!/usr/bin/env bash
# Installs what is needed, builds, and runs every test: once in a normal
# build, once under AddressSanitizer and UndefinedBehaviorSanitizer.
# The real-world photo set in ../shared/corpus is used when it is there.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
jobs=$(nproc)

(cd tests/browser && npm ci --no-audit --no-fund)
# The pages' vendor bundles (web/vendor/); the build runs it too, when it changed.
node web/build.mjs
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs"
(cd build && ctest --output-on-failure -j"$jobs" --timeout 600)

# The sanitizer build; leak checking is off because the image library keeps
# process-lifetime caches that it never frees.
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DGALLERY_SANITIZE=ON -DGALLERY_BENCH=OFF >/dev/null
cmake --build build-asan -j"$jobs"
(cd build-asan && ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
   ctest --output-on-failure -j"$jobs" --timeout 1200)
bash tests/fuzz/run.sh --short
echo "all tests passed"
