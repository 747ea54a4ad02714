#!/usr/bin/env bash
# Ingest benchmark: the whole `gallery import` (hash, metadata, durable
# original, catalog row, tile + small + medium from one decode) on large JPEGs
# with 2 workers, against two references measured in the same run on the same
# files (bench/lib.sh): the command-line thumbnailer making the same three
# sizes in the format the import makes, and the decode floor. Prints photos/s,
# ratios and peak RSS per run, the spread of the ratios over RUNS runs, and the
# import's time per stage (from `gallery import --timings`, last run).
# Usage: [RUNS=3] [GALLERY=path] bench/ingest.sh [WORKDIR]   (default /tmp/gallery-bench)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
gallery=${GALLERY:-"$here/../build/gallery"}
work=${1:-/tmp/gallery-bench}
runs=${RUNS:-3}
source "$here/lib.sh"
require_built "$gallery"
bash "$here/make-photo-set.sh" "$work/set" 16 24 4 >/dev/null
format=$(ingest_format)

echo "gallery import, 2 workers, against references run on the same files"
echo "compared format: the import makes tile, small and medium as $format; the thumbnailer makes the same three as $format"
echo "decode floor: djpeg at the shrink-on-load scale for medium (1/2 for 12 MP, 1/4 for 24 MP; progressive files too)"
echo "run group        photos  import/s  thumbnailer/s  import÷thumbnailer  floor/s  import÷floor  import peak RSS"
: > "$work/ratios"
for run in $(seq 1 "$runs"); do
  for group in 12mp 24mp progressive; do
    dir="$work/set/$group"; n=$(count_jpegs "$dir")
    rm -rf "$work/data"; sync
    t0=$(now)
    /usr/bin/time -f "%M" -o "$work/rss" "$gallery" import "$dir" --data "$work/data" --jobs 2 --timings \
      > "$work/import-$group.out"
    t1=$(now)
    rss_mb=$(awk '{ printf "%.0f", $1 / 1024 }' "$work/rss")
    t2=$(now); thumbnailer_three_sizes "$dir" "$format"; t3=$(now)
    t4=$(now); decode_floor "$dir" "$(floor_scale "$group")"; t5=$(now)
    imp=$(rate "$n" "$t0" "$t1"); thu=$(rate "$n" "$t2" "$t3"); flo=$(rate "$n" "$t4" "$t5")
    printf "%3d %-12s %6d  %8s  %13s  %18s  %7s  %12s  %s MB\n" "$run" "$group" "$n" "$imp" "$thu" \
      "$(ratio "$imp" "$thu")x" "$flo" "$(ratio "$imp" "$flo")x" "$rss_mb"
    echo "$group $(ratio "$imp" "$thu") $(ratio "$imp" "$flo") $rss_mb" >> "$work/ratios"
  done
done

echo
echo "spread over $runs runs (min / median / max)   targets: ÷thumbnailer >= 1.5x, ÷floor >= 0.7x, RSS <= 200 MB on 24 MP"
for group in 12mp 24mp progressive; do
  printf "%-12s import÷thumbnailer %s   import÷floor %s   peak RSS MB %s\n" "$group" \
    "$(spread "$group" 2 "$work/ratios")" "$(spread "$group" 3 "$work/ratios")" "$(spread "$group" 4 "$work/ratios")"
done

for group in 12mp 24mp; do
  echo
  echo "time per stage, $group, last run (2 workers: wall time summed over both, so stages include waiting for the other's CPU):"
  sed -n '/^stage /,$p' "$work/import-$group.out"
done
