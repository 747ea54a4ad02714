#!/usr/bin/env bash
# Ingest benchmark: `gallery import` (hash, metadata, durable original,
# catalog row, tile + small + medium from one decode) on large JPEGs with 2
# workers, against two references measured in the same run on the same files:
#  - the same three sizes made by the command-line thumbnailer, one process per
#    size over all files, the files split in two halves run in parallel;
#  - the decode floor: djpeg at the scale shrink-on-load picks for `medium`
#    (1/2 for 12 MP, 1/4 for 24 MP), on 2 processes.
# Prints photos/s, the ratios, and the import's peak RSS per group.
# Usage: bench/ingest.sh [WORKDIR]   (default /tmp/gallery-bench)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
gallery="$here/../build/gallery"
work=${1:-/tmp/gallery-bench}
[ -x "$gallery" ] || { echo "build/gallery is missing: build first" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt install time)" >&2; exit 2; }
bash "$here/make-photo-set.sh" "$work/set" 16 8 4 >/dev/null

now() { date +%s.%N; }
rate() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%.2f", n / (b - a) }'; }
ratio() { awk -v x="$1" -v y="$2" 'BEGIN { printf "%.2f", x / y }'; }

thumbnailer() {  # dir: three sizes, each over two halves in parallel
  local dir=$1 files half out="$work/thumbs"
  mapfile -t files < <(ls "$dir"/*.jpg)
  half=$(( (${#files[@]} + 1) / 2 ))
  rm -rf "$out"; mkdir -p "$out"
  for spec in "256 --smartcrop attention" "480" "1280"; do
    set -- $spec
    VIPS_CONCURRENCY=1 vipsthumbnail --size "$1" ${2:+$2 $3} -o "$out/%s_$1.jpg" "${files[@]:0:$half}" &
    VIPS_CONCURRENCY=1 vipsthumbnail --size "$1" ${2:+$2 $3} -o "$out/%s_$1.jpg" "${files[@]:$half}" &
    wait
  done
}

floor_decode() {  # dir scale
  ls "$1"/*.jpg | xargs -P 2 -I{} sh -c "djpeg -scale $2 {} > /dev/null"
}

echo "group        photos  import/s  thumbnailer/s  import÷thumbnailer  floor/s  import÷floor  import peak RSS"
for group in 12mp 24mp progressive; do
  dir="$work/set/$group"
  n=$(ls "$dir"/*.jpg | wc -l)
  scale="1/2"; [ "$group" = 24mp ] && scale="1/4"
  rm -rf "$work/data"
  sync
  t0=$(now)
  /usr/bin/time -f "%M" -o "$work/rss" "$gallery" import "$dir" --data "$work/data" --jobs 2 >/dev/null
  t1=$(now)
  rss_mb=$(awk '{ printf "%.0f", $1 / 1024 }' "$work/rss")
  t2=$(now); thumbnailer "$dir"; t3=$(now)
  t4=$(now); floor_decode "$dir" "$scale"; t5=$(now)
  imp=$(rate "$n" "$t0" "$t1"); thu=$(rate "$n" "$t2" "$t3"); flo=$(rate "$n" "$t4" "$t5")
  printf "%-12s %6d  %8s  %13s  %18s  %7s  %12s  %s MB\n" "$group" "$n" "$imp" "$thu" \
    "$(ratio "$imp" "$thu")x" "$flo" "$(ratio "$imp" "$flo")x" "$rss_mb"
done
