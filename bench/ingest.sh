#!/usr/bin/env bash
# Ingest benchmark: the whole `gallery import` (hash, metadata, durable
# original, catalog row, tile + small + medium from one decode) on large JPEGs
# with 2 workers, against two references measured in the same run on the same
# files (bench/lib.sh): the command-line thumbnailer making the same three
# sizes, and the decode floor. Prints photos/s, ratios, and peak RSS.
# Usage: bench/ingest.sh [WORKDIR]   (default /tmp/gallery-bench)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
gallery="$here/../build/gallery"
work=${1:-/tmp/gallery-bench}
source "$here/lib.sh"
[ -x "$gallery" ] || { echo "build/gallery is missing: build first" >&2; exit 2; }
bash "$here/make-photo-set.sh" "$work/set" 16 8 4 >/dev/null

echo "gallery import, 2 workers, against references run on the same files"
echo "group        photos  import/s  thumbnailer/s  import÷thumbnailer  floor/s  import÷floor  import peak RSS"
for group in 12mp 24mp progressive; do
  dir="$work/set/$group"; n=$(count_jpegs "$dir")
  rm -rf "$work/data"; sync
  t0=$(now)
  /usr/bin/time -f "%M" -o "$work/rss" "$gallery" import "$dir" --data "$work/data" --jobs 2 >/dev/null
  t1=$(now)
  rss_mb=$(awk '{ printf "%.0f", $1 / 1024 }' "$work/rss")
  t2=$(now); thumbnailer_three_sizes "$dir"; t3=$(now)
  t4=$(now); decode_floor "$dir" "$(floor_scale "$group")"; t5=$(now)
  imp=$(rate "$n" "$t0" "$t1"); thu=$(rate "$n" "$t2" "$t3"); flo=$(rate "$n" "$t4" "$t5")
  printf "%-12s %6d  %8s  %13s  %18s  %7s  %12s  %s MB\n" "$group" "$n" "$imp" "$thu" \
    "$(ratio "$imp" "$thu")x" "$flo" "$(ratio "$imp" "$flo")x" "$rss_mb"
done
