#!/usr/bin/env bash
# Renditions benchmark: the rendering path alone — `gallery thumbnails
# rebuild` reads each original, decodes it once with shrink-on-load, makes
# tile + small + medium, writes the credit in and caches them — on 2 workers,
# against the same references as bench/ingest.sh, in the same run.
# Usage: bench/thumbnails.sh [WORKDIR]   (default /tmp/gallery-bench)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
gallery=${GALLERY:-"$here/../build/gallery"}
work=${1:-/tmp/gallery-bench}
source "$here/lib.sh"
require_built "$gallery"
bash "$here/make-photo-set.sh" "$work/set" 16 24 4 >/dev/null

echo "gallery thumbnails rebuild, 2 workers, against references run on the same files"
echo "group        photos  render/s  thumbnailer/s  render÷thumbnailer  floor/s  render÷floor  render peak RSS"
for group in 12mp 24mp progressive; do
  dir="$work/set/$group"; n=$(count_jpegs "$dir")
  rm -rf "$work/data"
  "$gallery" import "$dir" --data "$work/data" --jobs 2 >/dev/null   # not timed
  sync
  t0=$(now)
  /usr/bin/time -f "%M" -o "$work/rss" "$gallery" thumbnails rebuild --data "$work/data" --jobs 2 >/dev/null
  t1=$(now)
  rss_mb=$(awk '{ printf "%.0f", $1 / 1024 }' "$work/rss")
  t2=$(now); thumbnailer_three_sizes "$dir" "$(ingest_format)"; t3=$(now)
  t4=$(now); decode_floor "$dir" "$(floor_scale "$group")"; t5=$(now)
  ren=$(rate "$n" "$t0" "$t1"); thu=$(rate "$n" "$t2" "$t3"); flo=$(rate "$n" "$t4" "$t5")
  printf "%-12s %6d  %8s  %13s  %18s  %7s  %12s  %s MB\n" "$group" "$n" "$ren" "$thu" \
    "$(ratio "$ren" "$thu")x" "$flo" "$(ratio "$ren" "$flo")x" "$rss_mb"
done
