# Shared by the benchmark scripts: timing, the references, printing.
# Source it; it expects $work (a scratch folder) to be set.

now() { date +%s.%N; }
rate() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%.2f", n / (b - a) }'; }
ratio() { awk -v x="$1" -v y="$2" 'BEGIN { printf "%.2f", x / y }'; }
# Starts `$gallery serve --data DATA` with any further arguments on a free
# loopback port, its output in LOGDIR/serve.out and serve.log; sets
# server_pid and port (exits when it does not start within 10 s).
serve_on_free_port() {
  local data=$1 logdir=$2; shift 2
  "$gallery" serve --data "$data" --bind 127.0.0.1 --port 0 "$@" >"$logdir/serve.out" 2>"$logdir/serve.log" &
  server_pid=$!
  for _ in $(seq 1 100); do
    port=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$logdir/serve.out")
    [ -n "$port" ] && return 0
    sleep 0.1
  done
  echo "gallery serve did not start: $(cat "$logdir/serve.log")" >&2; exit 1
}
# Exits 2 naming the first of TOOLS that is not installed.
require_tools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$tool is missing (scripts/install-deps.sh)" >&2; exit 2; }
  done
}
# Exits 2 naming the first of FILES (built programs) that is not there.
require_built() {
  local exe
  for exe in "$@"; do
    [ -x "$exe" ] || { echo "$exe is missing: build first (cmake --build build)" >&2; exit 2; }
  done
}
# The lines every benchmark's nginx `http {}` block has: long keep-alive, and
# its temporary folders under DIR (so it runs as any user).
nginx_http_basics() {
  printf '  keepalive_timeout 65;\n  keepalive_requests 1000000;\n'
  for t in client_body proxy fastcgi uwsgi scgi; do
    printf '  %s_temp_path %s/%s;\n' "$t" "$1" "${t#client_}"
  done
}
stop_server() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""; }
count_jpegs() { ls "$1"/*.jpg | wc -l; }
# Column COL of the lines of FILE whose first word is KEY, in increasing order.
sorted_column() { awk -v k="$1" -v c="$2" '$1 == k { print $c }' "$3" | sort -g; }
# The median of those values.
median() { sorted_column "$@" | awk '{ v[NR] = $1 } END { printf "%s", v[int((NR + 1) / 2)] }'; }
# "min / median / max" of those values.
spread() {
  sorted_column "$@" | awk '{ v[NR] = $1 } END { printf "%s / %s / %s", v[1], v[int((NR + 1) / 2)], v[NR] }'
}

# The format `gallery import` makes the grid sizes in (the rendition table's
# ingest format), as a file extension.
ingest_format() { echo webp; }

# The save options of rendition SIZE in FORMAT, as the rendition table
# (thumbnails/src/rendition_spec.cc) sets them, so the reference encodes the
# same way the import does.
save_options() {
  local q
  case "$2:$1" in
    webp:256) q=75 ;; webp:480) q=78 ;; webp:1280) q=80 ;;
    jpg:256) q=82 ;; jpg:480) q=84 ;; jpg:1280) q=86 ;;
  esac
  if [ "$2" = webp ]; then echo "[Q=$q,effort=2,strip]"; else echo "[Q=$q,optimize_coding,strip]"; fi
}

# Reference 1: the command-line thumbnailer making tile (256, attention
# crop), small (480) and medium (1280) as FORMAT (webp or jpg) with the
# table's quality and effort: one process per size over all files, the files
# split in two halves run in parallel, one image-library thread each.
thumbnailer_three_sizes() {
  local dir=$1 format=${2:-webp} files half out="$work/thumbs"
  mapfile -t files < <(ls "$dir"/*.jpg)
  half=$(( (${#files[@]} + 1) / 2 ))
  rm -rf "$out"; mkdir -p "$out"
  for size in 256 480 1280; do
    local crop=()
    [ "$size" = 256 ] && crop=(--smartcrop attention)
    VIPS_CONCURRENCY=1 vipsthumbnail --size "$size" "${crop[@]}" -o "$out/%s_$size.$format$(save_options "$size" "$format")" "${files[@]:0:$half}" &
    VIPS_CONCURRENCY=1 vipsthumbnail --size "$size" "${crop[@]}" -o "$out/%s_$size.$format$(save_options "$size" "$format")" "${files[@]:$half}" &
    wait
  done
}

# Reference 2: the decode floor, djpeg at the scale shrink-on-load picks for
# `medium` (1280 px), on 2 processes.
decode_floor() {
  local dir=$1 scale=$2
  ls "$dir"/*.jpg | xargs -P 2 -I{} sh -c "djpeg -scale $scale '{}' > /dev/null"
}

# The shrink-on-load scale for `medium` given a group name.
floor_scale() { [ "$1" = 24mp ] && echo 1/4 || echo 1/2; }
