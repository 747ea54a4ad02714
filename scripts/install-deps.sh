#!/usr/bin/env bash
# Installs the Debian bookworm packages the build, the service and the tests
# need. Does nothing when they are all present already. Run as root.
set -euo pipefail
packages=(
  build-essential cmake pkg-config git ca-certificates
  libvips-dev libexiv2-dev libpistache-dev libsqlite3-dev libpq-dev libssl-dev libargon2-dev libcurl4-openssl-dev
  nlohmann-json3-dev libcli11-dev libspdlog-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libvips-tools exiv2 libjpeg-turbo-progs sqlite3 curl time tzdata
  clang libclang-rt-14-dev
  wrk nginx
  ceph-mon ceph-osd radosgw
  postgresql-15
  chromium
)
# The browser tests need Node.js and npm; a machine that has them from elsewhere keeps its own.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # The tests start their own PostgreSQL in a temporary folder: the package
  # need not make and start a cluster of its own.
  if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
    mkdir -p /etc/postgresql-common
    echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.conf
  fi
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
