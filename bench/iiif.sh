#!/usr/bin/env bash
# IIIF tile benchmark, loopback only, bounded: `gallery serve`'s Image API
# against the reference image server (iipsrv, Debian's iipimage-server, two
# FastCGI processes behind nginx, started here from temporary configuration
# and stopped at the end), both serving the same 24 MP photo (6000×4000,
# made with vips by make-photo-set.sh): the gallery from the tiled pyramid it
# makes of the photo on its first image-service request (made once before
# the rounds and timed: "pyramid made"), the reference from a pyramidal TIFF
# made with `vips tiffsave --tile --pyramid --compression jpeg`. The same requests to
# both: every 512-pixel tile of the photo at scale factors 1, 2, 4 and 8
# (x,y,w,h/w,/0/default.jpg; 128 tiles).
#   1. uncached: servers started afresh (the gallery with an empty region
#      cache, its pyramid kept), each tile asked for once, 4 at a time (iiif-client.mjs):
#      requests/s and p99;
#   2. cached: then `wrk -t2 -c32 -d10s` cycling through the same tiles:
#      requests/s and p99.
# ROUNDS rounds (default 3), the two servers alternating (and the first to
# run alternating); medians of the rounds and their ratios.
# Usage: bench/iiif.sh [WORKDIR] (default /tmp/gallery-bench);
# GALLERY=path overrides build/gallery.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
gallery=${GALLERY:-"$here/../build/gallery"}
work=${1:-/tmp/gallery-bench}
rounds=${ROUNDS:-3}
source "$here/lib.sh"
require_tools wrk nginx curl vips node
require_built "$gallery"
iipsrv=/usr/lib/iipimage-server/iipsrv.fcgi
if [ ! -x "$iipsrv" ]; then
  echo "bench/iiif.sh: installing the reference image server (Debian package iipimage-server), used only here" >&2
  apt-get install -y iipimage-server >/dev/null || { echo "cannot install iipimage-server" >&2; exit 2; }
fi
bash "$here/make-photo-set.sh" "$work/set" 0 1 0 >/dev/null
photo="$work/set/24mp/p24_1.jpg"
run="$work/iiif"; rm -rf "$run"; mkdir -p "$run/www" "$run/nginx" "$run/iip"
server_pid=""; nginx_pid=""; iip_pids=()
stop_iip() {
  local p
  for p in "${iip_pids[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
  iip_pids=()
  return 0
}
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
  stop_iip
}
trap cleanup EXIT

# --- the photo in the gallery (a public album) and as a pyramidal TIFF
vips tiffsave "$photo" "$run/www/photo.tif" --tile --pyramid --compression jpeg --Q 85 \
  --tile-width 256 --tile-height 256
token=$("$gallery" token create --data "$run/data" --role editor | tail -n 1)
serve_on_free_port "$run/data" "$run"
curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"slug": "bench", "title": {"en": "Bench"}}' "http://127.0.0.1:$port/api/albums" >/dev/null
id=$(curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: image/jpeg' -H 'X-Filename: photo.jpg' \
  --data-binary "@$photo" "http://127.0.0.1:$port/api/photos?album=bench" |
  node -e 'let t = ""; process.stdin.on("data", (d) => t += d).on("end", () => console.log(JSON.parse(t).id))')
[ -n "$id" ] || { echo "the photo was not uploaded" >&2; exit 1; }
# The first region of the photo makes its pyramid (as the first viewer's
# first tile would): timed once here, kept for the rounds.
pyramid_ms=$(curl -sf -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/iiif/3/$id/0,0,512,512/512,/0/default.jpg" |
  awk '{ printf "%.0f", $1 * 1000 }')
ls "$run"/data/renditions/pyramids/*/*/v*.tif >/dev/null || { echo "no pyramid was made" >&2; exit 1; }
pyramid_bytes=$(cat "$run"/data/renditions/pyramids/*/*/v*.tif | wc -c)
stop_server

# --- the tiles: x,y,w,h/w,/0/default.jpg, 512 px at scale factors 1, 2, 4, 8
width=$(vipsheader -f width "$photo"); height=$(vipsheader -f height "$photo")
: >"$run/tiles"
for sf in 1 2 4 8; do
  step=$(( 512 * sf ))
  for (( y = 0; y < height; y += step )); do
    for (( x = 0; x < width; x += step )); do
      w=$(( x + step > width ? width - x : step )); h=$(( y + step > height ? height - y : step ))
      echo "$x,$y,$w,$h/$(( (w + sf - 1) / sf )),/0/default.jpg" >>"$run/tiles"
    done
  done
done
tiles=$(wc -l <"$run/tiles")
sed "s|^|/iiif/3/$id/|" "$run/tiles" >"$run/gallery.paths"
sed "s|^|/fcgi-bin/iipsrv.fcgi?IIIF=photo.tif/|" "$run/tiles" >"$run/iip.paths"
# A wrk script cycling through PATHS, and the full URLs for the client.
wrk_script() {
  { echo "local paths = {"; sed 's/.*/  "&",/' "$1"; echo "}"
    echo 'local i = 0'
    echo 'request = function() i = i % #paths + 1; return wrk.format("GET", paths[i]) end'; } >"$2"
}
wrk_script "$run/gallery.paths" "$run/gallery.lua"
wrk_script "$run/iip.paths" "$run/iip.lua"

# --- nginx in front of two iipsrv FastCGI processes, all on loopback ports
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
iip_ports=("$(free_port)" "$(free_port)")
nginx_port=$(free_port)
cat >"$run/nginx/nginx.conf" <<CONF
worker_processes 2;
daemon off;
pid $run/nginx/nginx.pid;
error_log $run/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
$(nginx_http_basics "$run/nginx")
  upstream iip { server 127.0.0.1:${iip_ports[0]}; server 127.0.0.1:${iip_ports[1]}; }
  server {
    listen 127.0.0.1:$nginx_port;
    location /fcgi-bin/iipsrv.fcgi {
      include /etc/nginx/fastcgi_params;
      fastcgi_pass iip;
    }
  }
}
CONF
nginx -c "$run/nginx/nginx.conf" -p "$run/nginx" 2>>"$run/nginx/start.log" &
nginx_pid=$!
# The reference, started afresh (its tile cache in memory, 64 MB).
start_iip() {
  local p
  for p in "${iip_ports[@]}"; do
    FILESYSTEM_PREFIX="$run/www/" MAX_IMAGE_CACHE_SIZE=64 JPEG_QUALITY=85 MAX_CVT=8000 \
      "$iipsrv" --bind "127.0.0.1:$p" >>"$run/iip/out.log" 2>&1 &
    iip_pids+=($!)
  done
  for _ in $(seq 1 50); do
    curl -sf "http://127.0.0.1:$nginx_port/fcgi-bin/iipsrv.fcgi?IIIF=photo.tif/info.json" -o /dev/null && return 0
    sleep 0.1
  done
  echo "iipsrv behind nginx does not answer: $(cat "$run/nginx/error.log" "$run/iip/out.log")" >&2; exit 1
}
# The gallery, started afresh with an empty region cache.
start_gallery() {
  rm -rf "$run/data/renditions/iiif"
  serve_on_free_port "$run/data" "$run" --threads 2
}

# Each tile once: "requests/s p99_ms"; fails on any answer but 200.
uncached() {
  sed "s|^|$1|" "$2" >"$run/urls"
  read -r rps p99 failed < <(timeout 300 node "$here/iiif-client.mjs" "$run/urls" 4)
  [ "$failed" = 0 ] || { echo "$failed tile requests to $1 failed" >&2; exit 1; }
  echo "$rps $p99"
}
# wrk cycling through the tiles: "requests/s p99_ms"; fails on any answer but 2xx/3xx.
cached() {
  local out
  out=$(timeout 60 wrk -t2 -c32 -d10s --latency -s "$2" "$1")
  if grep -q "Non-2xx" <<<"$out"; then echo "wrk on $1: $(grep Non-2xx <<<"$out")" >&2; exit 1; fi
  awk '
    /Requests\/sec:/ { rps = $2 }
    /^ +99%/ { v = $2; u = v; gsub(/[0-9.]/, "", u); sub(/[a-z]+$/, "", v);
               ms = (u == "us") ? v / 1000 : (u == "s") ? v * 1000 : (u == "m") ? v * 60000 : v }
    END { printf "%.0f %.2f\n", rps, ms }' <<<"$out"
}
# One round of one server: "uncached_rps uncached_p99 cached_rps cached_p99".
round_gallery() {
  start_gallery
  local u c
  u=$(uncached "http://127.0.0.1:$port" "$run/gallery.paths")
  c=$(cached "http://127.0.0.1:$port" "$run/gallery.lua")
  stop_server
  echo "$u $c"
}
round_iip() {
  start_iip
  local u c
  u=$(uncached "http://127.0.0.1:$nginx_port" "$run/iip.paths")
  c=$(cached "http://127.0.0.1:$nginx_port" "$run/iip.lua")
  stop_iip
  echo "$u $c"
}

echo "$tiles tiles of 512 px (scale factors 1, 2, 4, 8) of one 6000×4000 photo, on loopback"
echo "the gallery's pyramid made by the first request: $pyramid_ms ms, $pyramid_bytes bytes (original $(wc -c <"$photo") bytes)"
echo "gallery serve --threads 2 (its pyramid: JPEG TIFF, 512 px tiles) against iipsrv ×2 behind nginx FastCGI (pyramidal JPEG TIFF, 256 px tiles)"
echo "uncached: fresh servers, each tile once, 4 at a time; cached: then wrk -t2 -c32 -d10s over the same tiles"
echo "$rounds rounds, the servers alternating; medians of the rounds"
printf "%-10s %12s %9s %12s %9s %12s %9s %12s %9s\n" "" "unc. gal/s" "p99 ms" "unc. iip/s" "p99 ms" \
  "cach. gal/s" "p99 ms" "cach. iip/s" "p99 ms"
: >"$run/rounds"
for r in $(seq 1 "$rounds"); do
  if (( r % 2 )); then g=$(round_gallery); i=$(round_iip); else i=$(round_iip); g=$(round_gallery); fi
  read -r gu gup gc gcp <<<"$g"; read -r iu iup ic icp <<<"$i"
  echo "gallery $gu $gup $gc $gcp" >>"$run/rounds"; echo "iip $iu $iup $ic $icp" >>"$run/rounds"
  printf "round %-4s %12s %9s %12s %9s %12s %9s %12s %9s\n" "$r" "$gu" "$gup" "$iu" "$iup" "$gc" "$gcp" "$ic" "$icp"
done
gu=$(median gallery 2 "$run/rounds"); gup=$(median gallery 3 "$run/rounds")
gc=$(median gallery 4 "$run/rounds"); gcp=$(median gallery 5 "$run/rounds")
iu=$(median iip 2 "$run/rounds"); iup=$(median iip 3 "$run/rounds")
ic=$(median iip 4 "$run/rounds"); icp=$(median iip 5 "$run/rounds")
printf "%-10s %12s %9s %12s %9s %12s %9s %12s %9s\n" "median" "$gu" "$gup" "$iu" "$iup" "$gc" "$gcp" "$ic" "$icp"
echo "uncached: gallery ÷ iipsrv requests/s $(ratio "$gu" "$iu")x (goal ≥ 0.5x), p99 $(ratio "$gup" "$iup")x"
echo "cached:   gallery ÷ iipsrv requests/s $(ratio "$gc" "$ic")x (goal ≥ 1x), p99 $(ratio "$gcp" "$icp")x"
