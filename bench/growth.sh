#!/usr/bin/env bash
# How the archive's cost grows with its size (issue: cost that stays flat).
# For each size in SIZES (default "10000 100000 1000000"): a catalog of that
# many photos made by build/bench/growth_fill (20 meetings, 200 albums, one
# in ten private and one in ten unlisted, one photo in ten under embargo;
# no pixels), served by `gallery serve --response-cache-bytes 0` (every
# answer from the catalog), then, anonymous and as an editor, p50 and p99 of
# each endpoint at 1 and at 32 connections (wrk, DURATION seconds each,
# default 3), the catalog's bytes per photo, the server's peak RSS, and the
# import rate of IMPORT (default 200) real photos into the archive of that
# size. Prints one table and the ratios of the largest size to the smallest.
# Loopback only; every server started here is stopped by its PID.
# Usage: bench/growth.sh [WORKDIR] (default /dev/shm/gallery-growth: the
# catalogs live in memory, so the fill's commits cost no disk flush).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
gallery=${GALLERY:-"$here/../build/gallery"}
fill=${FILL:-"$here/../build/bench/growth_fill"}
work=${1:-/dev/shm/gallery-growth}
sizes=${SIZES:-"10000 100000 1000000"}
duration=${DURATION:-3}
import_count=${IMPORT:-200}
source "$here/lib.sh"
require_tools wrk curl vips
require_built "$gallery" "$fill"
mkdir -p "$work"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  return 0
}
trap cleanup EXIT

# Photos to import: the 12 MP group of the shared benchmark set.
photo_set=${PHOTO_SET:-/tmp/gallery-bench/set}
bash "$here/make-photo-set.sh" "$photo_set" 16 0 0 >/dev/null
import_src="$work/import-src"; rm -rf "$import_src"; mkdir -p "$import_src"
sources=("$photo_set"/12mp/*.jpg)
for i in $(seq 1 "$import_count"); do   # distinct bytes: each a new photo
  src=${sources[$(( i % ${#sources[@]} ))]}
  cp "$src" "$import_src/photo_$i.jpg"
  printf 'growth-%d' "$i" >> "$import_src/photo_$i.jpg"
done

start_server() { serve_on_free_port "$1" "$work" --response-cache-bytes 0; }  # DATA: sets server_pid, port

# wrk on URL with CONNECTIONS and optional header: prints "p50_ms p99_ms requests".
measure() {
  local url=$1 connections=$2; shift 2
  local threads=$(( connections < 2 ? 1 : 2 ))
  timeout $(( duration + 30 )) wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 10s --latency "$@" "$url" |
    awk 'function ms(v,  u) { u = v; gsub(/[0-9.]/, "", u); sub(/[a-z]+$/, "", v);
                             return (u == "us") ? v / 1000 : (u == "s") ? v * 1000 : (u == "m") ? v * 60000 : v }
         /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
         /requests in/ { n = $1 }
         END { printf "%.2f %.2f %d\n", p50, p99, n }'
}

# The next_cursor of a JSON page (empty when none).
next_cursor() { sed -n 's/.*"next_cursor":"\([^"]*\)".*/\1/p'; }

results="$work/results.txt"; : > "$results"
for n in $sizes; do
  data="$work/archive-$n"
  if [ ! -f "$data/filled" ]; then
    rm -rf "$data"
    echo "filling a catalog of $n photos in $data" >&2
    start=$(now)
    "$fill" "$data" "$n" 2>"$work/fill-$n.log"
    echo "fill $n $(rate "$n" "$start" "$(now)")" >> "$results"
    touch "$data/filled"
  fi
  bytes=$(du -cb "$data"/catalog.db* | tail -n 1 | cut -f1)
  echo "bytes_per_photo $n $(( bytes / n ))" >> "$results"
  token=$("$gallery" token create --data "$data" --role editor --label growth | tail -n 1)

  start_server "$data"
  base="http://127.0.0.1:$port"
  photo_id=$(curl -sf "$base/api/photos?limit=1" | sed -n 's/.*"items":\[{"id":\([0-9]*\).*/\1/p')
  [ -n "$photo_id" ] || photo_id=$(curl -sf "$base/api/photos?limit=1" | grep -o '"id":[0-9]*' | head -n 1 | cut -d: -f2)
  for who in anonymous editor; do
    header=()
    [ "$who" = editor ] && header=(-H "Authorization: Bearer $token")
    # A cursor deep in the largest public album: 40 pages in (or its last).
    album="$base/api/albums/meeting-00-album-00/photos?limit=60"
    cursor=""; page=$(curl -sf "${header[@]}" "$album")
    for _ in $(seq 1 40); do
      c=$(printf '%s' "$page" | next_cursor)
      [ -n "$c" ] || break
      cursor=$c
      page=$(curl -sf "${header[@]}" "$album&cursor=$cursor")
    done
    endpoints=(
      "album-first|$album"
      "album-deep|$album&cursor=$cursor"
      "photos|$base/api/photos?limit=60"
      "photos-credit|$base/api/photos?limit=60&credit=%C2%A9%20Credit%205"
      "photos-tag|$base/api/photos?limit=60&tag=topic%20300"
      "photos-meeting|$base/api/photos?limit=60&meeting=meeting-07"
      "photos-dates|$base/api/photos?limit=60&from=2008-07-01&to=2008-07-31"
      "q-rare|$base/api/photos?limit=60&q=zeppelin"
      "q-10pct|$base/api/photos?limit=60&q=delegates"
      "q-every|$base/api/photos?limit=60&q=meeting"
      "credits|$base/api/credits"
      "tags|$base/api/tags"
      "meetings|$base/api/meetings"
      "albums|$base/api/albums"
      "photo|$base/api/photos/$photo_id"
    )
    for entry in "${endpoints[@]}"; do
      name=${entry%%|*}; url=${entry#*|}
      status=$(curl -s -o /dev/null -w '%{http_code}' "${header[@]}" "$url")
      [ "$status" = 200 ] || { echo "$name ($who) answered $status: $url" >&2; exit 1; }
      for c in 1 32; do
        echo "ep $n $who $name $c $(measure "$url" "$c" "${header[@]}")" >> "$results"
      done
    done
  done
  rss=$(awk '/VmHWM/ { print int($2 / 1024) }' "/proc/$server_pid/status")
  echo "rss_mb $n $rss" >> "$results"
  stop_server

  # The import rate into an archive of this size (the photos removed after).
  start=$(now)
  "$gallery" import "$import_src" --data "$data" --jobs 2 >"$work/import-$n.out" 2>&1 || {
    echo "import into the $n archive failed: $(tail -n 3 "$work/import-$n.out")" >&2; exit 1; }
  echo "import $n $(rate "$import_count" "$start" "$(now)")" >> "$results"
  rm -rf "$data/originals" "$data/renditions"
  rm -f "$data/filled"   # the imported rows stay: the next run fills afresh
done

# --- the table
smallest=$(echo "$sizes" | awk '{ print $1 }'); largest=$(echo "$sizes" | awk '{ print $NF }')
echo
echo "| endpoint | who | conns | $(for n in $sizes; do printf 'p50 / p99 ms at %s | ' "$n"; done)p99 ratio $largest ÷ $smallest |"
echo "|---|---|---|$(for _ in $sizes; do printf -- '---|'; done)---|"
awk -v sizes="$sizes" -v small="$smallest" -v large="$largest" '
  $1 == "ep" { key = $4 " | " $3 " | " $5; if (!(key in seen)) { seen[key] = 1; order[++k] = key }
               p50[key, $2] = $6; p99[key, $2] = $7 }
  END {
    ns = split(sizes, s, " ")
    for (i = 1; i <= k; i++) {
      key = order[i]; line = "| " key " | "
      for (j = 1; j <= ns; j++) line = line p50[key, s[j]] " / " p99[key, s[j]] " | "
      r = (p99[key, small] > 0) ? sprintf("%.1f×", p99[key, large] / p99[key, small]) : "-"
      print line r " |"
    }
  }' "$results"
echo
echo "| size | fill photos/s | catalog bytes per photo | server peak RSS (MB) | import photos/s |"
echo "|---|---|---|---|---|"
for n in $sizes; do
  printf '| %s | %s | %s | %s | %s |\n' "$n" \
    "$(awk -v n="$n" '$1 == "fill" && $2 == n { print $3 }' "$results")" \
    "$(awk -v n="$n" '$1 == "bytes_per_photo" && $2 == n { print $3 }' "$results")" \
    "$(awk -v n="$n" '$1 == "rss_mb" && $2 == n { print $3 }' "$results")" \
    "$(awk -v n="$n" '$1 == "import" && $2 == n { print $3 }' "$results")"
done
