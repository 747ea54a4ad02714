#!/usr/bin/env bash
# The gallery's speed in the browser: an album of PHOTOS (default 500) photos
# opened in headless Chromium (the system's), cold each time, at 1280×800 and
# 390×844 — time to the first tile painted, to every tile of the first
# viewport loaded, the JavaScript and CSS bytes a visitor transfers — and the
# page audit's performance and accessibility scores (mobile and desktop
# presets), ROUNDS times (default 3), printed as min / median / max against
# the goals. Everything on loopback; the photos, catalog and renditions stay
# in $BENCH_DIR/browser between runs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
gallery=${GALLERY:-$root/build/gallery}
work=${BENCH_DIR:-/tmp/gallery-bench}/browser
photos=${PHOTOS:-500}
rounds=${ROUNDS:-3}
[ -x "$gallery" ] || { echo "browser.sh: $gallery is not built (cmake --build build)" >&2; exit 2; }
command -v vips >/dev/null || { echo "browser.sh: needs the image library's command-line tool (apt install libvips-tools)" >&2; exit 2; }
[ -x /usr/bin/chromium ] || { echo "browser.sh: needs /usr/bin/chromium (apt install chromium)" >&2; exit 2; }
if [ ! -d "$here/browser/node_modules" ]; then
  (cd "$here/browser" && npm ci --no-audit --no-fund >/dev/null)
fi

# The photos: crops of the real-world corpus at six shapes (3:2, 2:3, 4:3,
# 1:1, 16:9, 3:4), 1600 px on the long side, dated over three days; drawn
# noise when the corpus is absent. Made once.
set_dir=$work/photos
mkdir -p "$set_dir"
corpus="$root/../shared/corpus/photos"
sources=()
if [ -d "$corpus" ]; then
  for f in "$corpus"/*.jpg; do
    w=$(vipsheader -f width "$f" 2>/dev/null || echo 0); h=$(vipsheader -f height "$f" 2>/dev/null || echo 0)
    [ "$w" -ge 1200 ] && [ "$h" -ge 800 ] && sources+=("$f")
  done
fi
shapes=("3 2" "2 3" "4 3" "1 1" "16 9" "3 4")
made=$(find "$set_dir" -name '*.jpg' | wc -l)
if [ "$made" -lt "$photos" ]; then
  echo "making $photos photos in $set_dir"
  for i in $(seq 1 "$photos"); do
    out=$set_dir/p$(printf %04d "$i").jpg
    [ -f "$out" ] && continue
    read -r aw ah <<<"${shapes[$(( i % ${#shapes[@]} ))]}"
    if [ ${#sources[@]} -gt 0 ]; then
      src=${sources[$(( i % ${#sources[@]} ))]}
      sw=$(vipsheader -f width "$src"); sh=$(vipsheader -f height "$src")
      # The largest crop of that shape covering 70% of the shorter fit, moved along by i.
      cw=$(( sw * 7 / 10 )); ch=$(( cw * ah / aw ))
      if [ "$ch" -gt $(( sh * 7 / 10 )) ]; then ch=$(( sh * 7 / 10 )); cw=$(( ch * aw / ah )); fi
      left=$(( (i * 37) % (sw - cw + 1) )); top=$(( (i * 53) % (sh - ch + 1) ))
      vips extract_area "$src" "$work/crop.v" "$left" "$top" "$cw" "$ch"
      vips thumbnail "$work/crop.v" "$out[Q=85]" 1600 --height 1600
    else
      vips gaussnoise "$work/crop.v" $(( 400 * aw )) $(( 400 * ah )) --sigma 60
      vips thumbnail "$work/crop.v" "$out[Q=85]" 1600 --height 1600
    fi
    day=$(( 11 + i % 3 )); hour=$(( 8 + i % 10 )); minute=$(( i % 60 ))
    exiv2 -M "set Exif.Photo.DateTimeOriginal Ascii 2016:07:$day $(printf %02d:%02d:00 $hour $minute)" mo "$out" 2>/dev/null
  done
  rm -f "$work/crop.v"
fi

# The archive: one public album of them, imported once.
data=$work/data
if [ ! -f "$work/imported" ]; then
  rm -rf "$data"
  "$gallery" meeting add casablanca-2016 --data "$data" --title-en "Technical meeting, Casablanca" \
    --title-fr "Réunion technique, Casablanca" --credit "© IOM 2016" --start 2016-07-12 --end 2016-07-14 >/dev/null
  "$gallery" album add all-photos --data "$data" --meeting casablanca-2016 --title-en "All photos" \
    --title-fr "Toutes les photos" >/dev/null
  "$gallery" import --data "$data" --meeting casablanca-2016 --album all-photos "$set_dir" | tail -2
  touch "$work/imported"
fi

"$gallery" serve --data "$data" --bind 127.0.0.1 --port 0 > "$work/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
port=
for _ in $(seq 1 100); do
  port=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.log" | head -1 | sed 's/.*://' || true)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "browser.sh: the server did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }
node "$here/browser/speed.mjs" "http://127.0.0.1:$port/albums/all-photos" "$rounds" "$photos"
