#!/usr/bin/env bash
# The long load run: 20 uploaders and 50 browsing clients for SECONDS (default
# 300), then the slow-client test (see tests/reliability/load_test.cc and
# slow_client_test.cc).
#   bash tests/soak/load.sh [SECONDS]
# GALLERY_BUILD names the build folder (default: build).
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${GALLERY_BUILD:-build}
seconds=${1:-300}
cmake --build "$build" --target reliability_tests gallery >/dev/null
GALLERY_LOAD_SECONDS=$seconds "$build/tests/reliability_tests" --gtest_filter='LoadTest.*:SlowClientTest.*'
