#!/usr/bin/env bash
# HTTP benchmark, loopback only, bounded in time (wrk -t2 -c32 -d10s per
# run): `gallery serve` against nginx (sendfile, keep-alive) serving the same
# bytes from a temporary configuration, started here and stopped at the end.
#   1. a cached `tile` rendition GET: requests/s and p99;
#   2. an album listing of 200 photos (GET /api/albums/{slug}/photos?limit=200)
#      against the same JSON as a static file: requests/s and p99;
#   3. uploads of the 24 MP JPEGs over HTTP (3 at a time, as the upload page
#      sends them, and like a browser without "Expect: 100-continue") against
#      `gallery import --jobs 2` of the same files: photos/s.
# Prints the figures and the ratios. Usage: bench/http.sh [WORKDIR]
# (default /tmp/gallery-bench); GALLERY=path overrides build/gallery;
# THREADS=n (default 2) sets both servers' threads: gallery serve --threads
# and nginx's worker_processes; ROUNDS=n (default 5) the runs of each server
# per request, whose medians are compared.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
gallery=${GALLERY:-"$here/../build/gallery"}
work=${1:-/tmp/gallery-bench}
threads=${THREADS:-2}
rounds=${ROUNDS:-5}
source "$here/lib.sh"
require_tools wrk nginx curl exiv2 vips
require_built "$gallery"
bash "$here/make-photo-set.sh" "$work/set" 16 24 4 >/dev/null
run="$work/http"; rm -rf "$run"; mkdir -p "$run/www" "$run/nginx" "$run/small"
server_pid=""; nginx_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
  return 0
}
trap cleanup EXIT

# Starts `gallery serve` on DATA (any free loopback port); sets server_pid, port.
start_server() { serve_on_free_port "$1" "$run" --threads "$threads"; }

# wrk on URL: prints "requests/s p99_ms".
measure() {
  timeout 60 wrk -t2 -c32 -d10s --latency "$1" | awk '
    /Requests\/sec:/ { rps = $2 }
    /^ +99%/ { v = $2; u = v; gsub(/[0-9.]/, "", u); sub(/[a-z]+$/, "", v);
               ms = (u == "us") ? v / 1000 : (u == "s") ? v * 1000 : (u == "m") ? v * 60000 : v }
    END { printf "%.0f %.2f\n", rps, ms }'
}

# --- the archive: one album of 200 small photos with captions
token=$("$gallery" token create --data "$run/data" --role editor | tail -n 1)
auth=(-H "Authorization: Bearer $token")
vips thumbnail "$(ls "$work"/set/12mp/*.jpg | sed -n 1p)" "$run/small/base.jpg" 640
for i in $(seq 1 200); do
  cp "$run/small/base.jpg" "$run/small/photo_$i.jpg"
  exiv2 -M"set Iptc.Application2.Caption String Opening session, photo $i" \
        -M"set Iptc.Application2.Credit String © IOM 2016" "$run/small/photo_$i.jpg"
done
start_server "$run/data"
base="http://127.0.0.1:$port"
curl -sf "${auth[@]}" -H 'Content-Type: application/json' -d '{"slug": "bench", "title": {"en": "Bench"}}' \
  "$base/api/albums" >/dev/null
ls "$run"/small/photo_*.jpg | xargs -P 2 -I{} sh -c \
  "curl -sf -H 'Expect:' -H 'Authorization: Bearer $token' -H 'Content-Type: image/jpeg' \
     -H \"X-Filename: \$(basename {})\" --data-binary @{} '$base/api/photos?album=bench' >/dev/null"
listing="/api/albums/bench/photos?limit=200"
curl -sf "$base$listing" -o "$run/www/album.json"
count=$(grep -o '"sha256"' "$run/www/album.json" | wc -l)
[ "$count" = 200 ] || { echo "the album holds $count photos, not 200" >&2; exit 1; }
tile="/media/$(grep -o '"/media/[0-9]*/tile.webp?v=[0-9]*"' "$run/www/album.json" | sed -n 1p | tr -d '"' | cut -d/ -f3-)"
curl -sf "$base$tile" -o "$run/www/tile.webp"   # renders and caches it

# --- nginx on another loopback port, serving the same bytes (the first of
# the ports after the gallery's that it can bind)
write_nginx_conf() {
cat >"$run/nginx/nginx.conf" <<CONF
worker_processes $threads;
daemon off;
pid $run/nginx/nginx.pid;
error_log $run/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
$(nginx_http_basics "$run/nginx")
  types { image/webp webp; application/json json; }
  server {
    listen 127.0.0.1:$nginx_port;
    root $run/www;
  }
}
CONF
}
chmod -R a+rX "$run/www"
nginx_pid=""
for try in $(seq 1 20); do
  nginx_port=$(( port + try ))
  write_nginx_conf
  nginx -c "$run/nginx/nginx.conf" -p "$run/nginx" 2>>"$run/nginx/start.log" &
  nginx_pid=$!
  sleep 0.5
  curl -sf "http://127.0.0.1:$nginx_port/tile.webp" -o /dev/null && break
  kill "$nginx_pid" 2>/dev/null; wait "$nginx_pid" 2>/dev/null || true; nginx_pid=""
done
[ -n "$nginx_pid" ] || { echo "nginx did not start:" >&2; cat "$run/nginx/start.log" >&2; exit 1; }

echo "wrk -t2 -c32 -d10s on loopback; gallery serve --threads $threads against nginx (sendfile, keep-alive, $threads workers)"
echo "$rounds rounds, the two servers alternating (the first to run alternates too); medians of the rounds"
printf "%-28s %10s %9s %10s %9s %10s %10s\n" "request" "gallery/s" "p99 ms" "nginx/s" "p99 ms" "÷ req/s" "p99 ×"
# One row: ROUNDS runs of each server on the same request, interleaved, so a
# drift of the machine or a bad split of connections over threads in one run
# weighs on both servers alike; each round's figures, then their medians.
row() {
  local label=$1 g_url=$2 n_url=$3 r g n
  : >"$run/rounds"
  for r in $(seq 1 "$rounds"); do
    if (( r % 2 )); then g=$(measure "$g_url"); n=$(measure "$n_url")
    else n=$(measure "$n_url"); g=$(measure "$g_url"); fi
    echo "gallery $g" >>"$run/rounds"; echo "nginx $n" >>"$run/rounds"
    read -r g_rps g_p99 <<<"$g"; read -r n_rps n_p99 <<<"$n"
    printf "  round %-20s %10s %9s %10s %9s %10s %10s\n" "$r" "$g_rps" "$g_p99" "$n_rps" "$n_p99" \
      "$(ratio "$g_rps" "$n_rps")x" "$(ratio "$g_p99" "$n_p99")x"
  done
  g_rps=$(median gallery 2 "$run/rounds"); g_p99=$(median gallery 3 "$run/rounds")
  n_rps=$(median nginx 2 "$run/rounds"); n_p99=$(median nginx 3 "$run/rounds")
  printf "%-28s %10s %9s %10s %9s %10s %10s\n" "$label" "$g_rps" "$g_p99" "$n_rps" "$n_p99" \
    "$(ratio "$g_rps" "$n_rps")x" "$(ratio "$g_p99" "$n_p99")x"
}
row "tile (cached, $(stat -c %s "$run/www/tile.webp") B)" "$base$tile" "http://127.0.0.1:$nginx_port/tile.webp"
row "album listing, 200 photos" "$base$listing" "http://127.0.0.1:$nginx_port/album.json"
stop_server
kill "$nginx_pid"; wait "$nginx_pid" 2>/dev/null || true; nginx_pid=""

# --- uploads of 24 MP JPEGs: over HTTP (3 at a time, the upload page's
# CONCURRENCY in web/js/upload_queue.js) against gallery import
dir="$work/set/24mp"; n=$(count_jpegs "$dir")
"$gallery" token create --data "$run/up" --role editor | tail -n 1 >"$run/up.token"
start_server "$run/up"
# One client process, 3 uploads at a time over kept-alive connections, each
# file read as it is sent (-T), as a browser sends them. (With --data-binary
# the client reads all the files into memory before it sends the first.)
upload_args=()
for f in "$dir"/*.jpg; do
  [ ${#upload_args[@]} -eq 0 ] || upload_args+=(--next)
  upload_args+=(-f -o /dev/null -H 'Expect:' -H "Authorization: Bearer $(cat "$run/up.token")"
                -H 'Content-Type: image/jpeg' -H "X-Filename: $(basename "$f")" -X POST -T "$f"
                "http://127.0.0.1:$port/api/photos")
done
t0=$(now)
curl -sS -Z --parallel-max 3 --no-progress-meter "${upload_args[@]}"
t1=$(now)
stop_server
sync
t2=$(now)
"$gallery" import "$dir" --data "$run/imp" --jobs 2 >/dev/null
t3=$(now)
up=$(rate "$n" "$t0" "$t1"); imp=$(rate "$n" "$t2" "$t3")
echo
echo "upload of $n JPEGs of 24 MP: HTTP (3 at a time, 2 workers) $up photos/s," \
     "gallery import --jobs 2 $imp photos/s, HTTP÷import $(ratio "$up" "$imp")x"
