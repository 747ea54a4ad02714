#!/usr/bin/env bash
# Installs what is needed, builds, and starts the service on its embedded
# defaults: the catalog and the photos in ./data, http://127.0.0.1:8080/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DGALLERY_TESTS=OFF >/dev/null
# The build also bundles the pages' vendor libraries into web/vendor/ (web/build.mjs).
cmake --build build -j"$(nproc)" --target gallery
# On an archive without an admin the server prints a one-time setup address
# (first run: ... /setup?token=...): open it to create the first admin.
exec ./build/gallery serve --data ./data --bind 127.0.0.1 --port "${PORT:-8080}"
