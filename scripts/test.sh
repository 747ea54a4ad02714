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
# Line tables only (-g1): enough for every stack trace a failing test prints,
# and about a third less compile time than full debug information.
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" >/dev/null
cmake --build build -j"$jobs"
(cd build && ctest --output-on-failure -j"$jobs" --timeout 600)

# The sanitizer build; leak checking is off because the image library keeps
# process-lifetime caches that it never frees.
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DGALLERY_SANITIZE=ON -DGALLERY_BENCH=OFF \
      -DCMAKE_CXX_FLAGS_DEBUG="-g1" -DCMAKE_C_FLAGS_DEBUG="-g1" >/dev/null
cmake --build build-asan -j"$jobs"
(cd build-asan && ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
   ctest --output-on-failure -j"$jobs" --timeout 1200)
bash tests/fuzz/run.sh --short
echo "all tests passed"
