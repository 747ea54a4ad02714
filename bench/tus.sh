#!/usr/bin/env bash
# Resumable uploads: `gallery upload` (tus at /api/uploads, in chunks of its
# default size: the most the server takes in one request)
# against the plain POST /api/photos (curl, one file at a time on one kept-
# alive connection, as the command line sends them), on N photos of 24 MP
# (6000×4000 noise JPEGs, Q90, each its own), to a fresh `gallery serve` on
# loopback each time. ROUNDS rounds (default 3), the two alternating and the
# first to run alternating too; photos/s of each, the ratio per round and
# its spread. Then the same upload through a proxy that cuts the connection
# at CUTS (default 10) random byte positions: the bytes sent beyond the
# files' own (resent bytes plus the request heads), per cut, against the
# chunk size.
# CHUNK=bytes sets `gallery upload --chunk-bytes` (default: none given, so
# the command's own choice, the server's Upload-Max-Chunk-Size).
# Usage: [ROUNDS=3] [PHOTOS=24] [CUTS=10] [CHUNK=n] [GALLERY=path] bench/tus.sh [WORKDIR]   (default /tmp/gallery-bench)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
gallery=${GALLERY:-"$here/../build/gallery"}
work=${1:-/tmp/gallery-bench}
rounds=${ROUNDS:-3}
photos=${PHOTOS:-24}
cuts=${CUTS:-10}
chunk=${CHUNK:-}
source "$here/lib.sh"
require_built "$gallery"
require_tools curl vips node

set_dir="$work/tus-set"; run="$work/tus-run"
mkdir -p "$set_dir"; rm -rf "$run"; mkdir -p "$run"
for i in $(seq 1 "$photos"); do   # kept between runs
  f="$set_dir/p24_$i.jpg"
  [ -f "$f" ] && continue
  vips gaussnoise "$run/noise.v" 6000 4000 --mean 128 --sigma $((20 + i % 9)) --seed "$i"
  vips jpegsave "$run/noise.v" "$f" --Q 90
done
rm -f "$run/noise.v"
bytes=$(cat "$set_dir"/*.jpg | wc -c)

server_pid=""; proxy_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [ -n "$proxy_pid" ] && kill "$proxy_pid" 2>/dev/null && wait "$proxy_pid" 2>/dev/null
  true
}
trap cleanup EXIT

# A fresh archive in $run/data served on a free loopback port; sets server_pid, port, token.
start_server() {
  rm -rf "$run/data"; sync
  "$gallery" token create --data "$run/data" --role editor | tail -n 1 >"$run/token"
  serve_on_free_port "$run/data" "$run"
}
photo_count() { curl -sf -H "Authorization: Bearer $(cat "$run/token")" "http://127.0.0.1:$port/api/photos?limit=500" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).items.length))'; }

# Seconds for `gallery upload` of the set to PORT ($1, default the server's).
upload_tus() {
  local to=${1:-$port} t0 t1
  rm -f "$run/state.json"
  t0=$(now)
  timeout 900 "$gallery" upload "$set_dir" --server "http://127.0.0.1:$to" --token-file "$run/token" \
    --state-file "$run/state.json" ${chunk_arg:+--chunk-bytes "$chunk_arg"} >"$run/upload.out" 2>&1
  t1=$(now)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}
# Seconds for the plain POSTs, one at a time, one connection.
upload_post() {
  local args=() t0 t1
  for f in "$set_dir"/*.jpg; do
    [ ${#args[@]} -eq 0 ] || args+=(--next)
    args+=(-f -o /dev/null -H 'Expect:' -H "Authorization: Bearer $(cat "$run/token")"
           -H 'Content-Type: image/jpeg' -H "X-Filename: $(basename "$f")" -X POST -T "$f"
           "http://127.0.0.1:$port/api/photos")
  done
  t0=$(now)
  timeout 900 curl -sS --no-progress-meter "${args[@]}"
  t1=$(now)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}

# Without CHUNK, the chunk `gallery upload` takes: the server's bound.
if [ -z "$chunk" ]; then
  start_server
  chunk=$(curl -sS -X OPTIONS -H 'Tus-Resumable: 1.0.0' -D - -o /dev/null "http://127.0.0.1:$port/api/uploads" |
          tr -d '\r' | sed -n 's/^[Uu]pload-[Mm]ax-[Cc]hunk-[Ss]ize: *//p')
  stop_server
  [ -n "$chunk" ] || { echo "the server did not say its chunk bound" >&2; exit 1; }
  chunk_arg=""
else
  chunk_arg=$chunk
fi
echo "$photos photos of 24 MP ($bytes bytes), fresh gallery serve on loopback each time (2 workers); tus chunks of $chunk bytes"
echo "round  first  tus s  POST s  tus photos/s  POST photos/s  tus÷POST"
: >"$run/ratios"
for r in $(seq 1 "$rounds"); do
  order=(tus post); [ $((r % 2)) -eq 0 ] && order=(post tus)
  for way in "${order[@]}"; do
    start_server
    if [ "$way" = tus ]; then s_tus=$(upload_tus); else s_post=$(upload_post); fi
    n=$(photo_count)
    [ "$n" = "$photos" ] || { echo "$way stored $n of $photos photos: $(tail -3 "$run/upload.out")" >&2; exit 1; }
    stop_server
  done
  tus_rate=$(awk -v n="$photos" -v s="$s_tus" 'BEGIN { printf "%.2f", n / s }')
  post_rate=$(awk -v n="$photos" -v s="$s_post" 'BEGIN { printf "%.2f", n / s }')
  printf "%5d  %-5s  %5s  %6s  %12s  %13s  %7sx\n" "$r" "${order[0]}" "$s_tus" "$s_post" "$tus_rate" "$post_rate" \
    "$(ratio "$tus_rate" "$post_rate")"
  echo "tus $(ratio "$tus_rate" "$post_rate")" >>"$run/ratios"
done
echo "tus÷POST over $rounds rounds (min / median / max): $(spread tus 2 "$run/ratios")   goal >= 0.9x"

# --- cuts: the same upload through a proxy cutting at CUTS random positions
# of the bytes sent (drawn over the files' bytes); `gallery upload` run
# again (resuming from its state file) whenever a run ends with files failed.
echo
start_server
positions=$(node -e "const n=$cuts, b=$bytes; const p=[]; while (p.length<n) p.push(Math.floor(b*0.02+Math.random()*b*0.96)); console.log(p.sort((x,y)=>x-y).join(','))")
node "$here/cut-proxy.mjs" "$port" "$positions" >"$run/proxy.out" &
proxy_pid=$!
for _ in $(seq 1 100); do
  proxy_port=$(sed -n 's|^listening \([0-9]*\)$|\1|p' "$run/proxy.out")
  [ -n "$proxy_port" ] && break
  sleep 0.1
done
rm -f "$run/state.json"
runs=0
for runs in $(seq 1 20); do
  timeout 900 "$gallery" upload "$set_dir" --server "http://127.0.0.1:$proxy_port" --token-file "$run/token" \
    --state-file "$run/state.json" ${chunk_arg:+--chunk-bytes "$chunk_arg"} >"$run/cut.out" 2>&1 && break
done
n=$(photo_count)
kill "$proxy_pid"; wait "$proxy_pid" 2>/dev/null || true; proxy_pid=""
stop_server
read -r _ up _ made < <(tail -n 1 "$run/proxy.out")
extra=$((up - bytes))
echo "cuts: $made made, $runs run(s) of gallery upload, $n of $photos photos stored"
echo "bytes sent $up for $bytes of files: $extra beyond (resent + request heads), $(awk -v e="$extra" -v c="$made" 'BEGIN { printf "%.0f", c ? e / c : e }') per cut;" \
     "chunk $chunk bytes: $(awk -v e="$extra" -v c="$made" -v k="$chunk" 'BEGIN { printf "%.2f", c ? e / c / k : 0 }') chunks per cut   goal <= 1"
