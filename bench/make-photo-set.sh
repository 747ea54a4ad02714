#!/usr/bin/env bash
# Makes the benchmark's photo set in DIR: large JPEGs upscaled from the
# real-world corpus (or drawn by libvips when the corpus is absent), in three
# groups: 12mp/ (4032×3024, baseline), 24mp/ (6000×4000, baseline) and
# progressive/ (4032×3024). Q90, EXIF kept. Idempotent: existing files stay.
set -euo pipefail
out=${1:?usage: make-photo-set.sh DIR [COUNT12] [COUNT24] [COUNTPROG]}
n12=${2:-16}; n24=${3:-8}; nprog=${4:-4}
corpus="$(cd "$(dirname "$0")/../.." && pwd)/shared/corpus/photos"
mkdir -p "$out/12mp" "$out/24mp" "$out/progressive" "$out/.src"

sources=()
if [ -d "$corpus" ]; then
  for f in "$corpus"/*.jpg; do
    w=$(vipsheader -f width "$f" 2>/dev/null || echo 0)
    [ "$w" -ge 600 ] && sources+=("$f")
  done
fi
if [ ${#sources[@]} -eq 0 ]; then   # no corpus: a drawn scene
  vips gaussnoise "$out/.src/noise.v" 800 600 --mean 128 --sigma 50
  vips colourspace "$out/.src/noise.v" "$out/.src/drawn.jpg" srgb
  sources=("$out/.src/drawn.jpg")
fi

make_one() {  # src width height dest extra-save-options
  local src=$1 w=$2 h=$3 dest=$4 opts=$5
  [ -f "$dest" ] && return 0
  vips thumbnail "$src" "$out/.src/tmp.v" "$w" --height "$h" --size force
  vips jpegsave "$out/.src/tmp.v" "$dest" --Q 90 $opts
}
for i in $(seq 1 "$n12"); do
  make_one "${sources[$(( (i-1) % ${#sources[@]} ))]}" 4032 3024 "$out/12mp/p12_$i.jpg" ""
done
for i in $(seq 1 "$n24"); do
  make_one "${sources[$(( (i+3) % ${#sources[@]} ))]}" 6000 4000 "$out/24mp/p24_$i.jpg" ""
done
for i in $(seq 1 "$nprog"); do
  make_one "${sources[$(( (i+7) % ${#sources[@]} ))]}" 4032 3024 "$out/progressive/prog_$i.jpg" "--interlace"
done
rm -f "$out/.src/tmp.v"
