#!/usr/bin/env bash
# The import soak: `gallery import` of the real-world photo set, good and bad
# files in one run, into a fresh data folder, ROUNDS times (default 20) with
# JOBS workers (default 2). Every round must exit with status 1 (the bad files
# fail, nothing else does), print the same summary and the same failed files
# as the first round, print no sanitizer report, and leave an archive that
# `gallery check` passes. Any other exit status (139 for a segmentation fault,
# 124 for a round that hangs) fails the soak; the round's output is kept.
#   bash tests/soak/import_crash.sh [ROUNDS] [JOBS] [BUILD]
# BUILD is the build folder (default: $GALLERY_BUILD, else build); build-asan
# and build-tsan are the sanitizer builds (see RELIABILITY.md), run with the
# suppressions in tests/soak/tsan.supp.
# GALLERY_SOAK_SECONDS bounds the whole run (default 1800: no round starts
# after it, a round is stopped after 600 s). GALLERY_SOAK_LOAD=N runs N busy
# loops beside the rounds for the whole run (default 0), to load the machine.
# Without ../shared/corpus, images made with the vips command line (and a few
# broken files) stand in for it.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-20}
jobs=${2:-2}
build=${3:-${GALLERY_BUILD:-build}}
seconds=${GALLERY_SOAK_SECONDS:-1800}
load=${GALLERY_SOAK_LOAD:-0}
corpus=${GALLERY_CORPUS_DIR:-../shared/corpus}
gallery="$build/gallery"
[ -x "$gallery" ] || cmake --build "$build" --target gallery >/dev/null

work=$(mktemp -d "${TMPDIR:-/tmp}/import-soak.XXXXXX")
hogs=()
cleanup() {
  for pid in "${hogs[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -n "${keep:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

# Sanitizer reports make the binary exit with a status of its own (never 1,
# which is what the import answers for the bad files) and are also looked for
# in its error output.
export ASAN_OPTIONS=${ASAN_OPTIONS:-exitcode=86:detect_leaks=0:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:exitcode=87:print_stacktrace=1}
export TSAN_OPTIONS=${TSAN_OPTIONS:-exitcode=66:halt_on_error=0:second_deadlock_stack=1:suppressions=$PWD/tests/soak/tsan.supp}
ulimit -c unlimited 2>/dev/null || true  # a crash leaves a core where kernel.core_pattern says

inputs=()
if [ -d "$corpus/photos" ] && [ -d "$corpus/bad" ]; then
  inputs=("$corpus/photos" "$corpus/bad")
else
  echo "import soak: no $corpus, using generated images"
  command -v vips >/dev/null || { echo "import soak: needs the vips command line (libvips-tools)"; exit 2; }
  mkdir -p "$work/in/photos" "$work/in/bad"
  for i in 1 2 3 4 5 6 7 8; do
    vips gaussnoise "$work/in/photos/noise$i.jpg" $((800 + 100 * i)) 900 --mean 128 --sigma 50
  done
  vips gaussnoise "$work/in/photos/noise.png" 700 500
  vips gaussnoise "$work/in/photos/noise.webp" 900 600
  vips gaussnoise "$work/in/photos/noise.tif" 640 480
  head -c 4000 "$work/in/photos/noise1.jpg" >"$work/in/bad/truncated.jpg"
  : >"$work/in/bad/empty.jpg"
  echo "not an image" >"$work/in/bad/text.jpg"
  printf '\xff\xd8\xff\xe1\x00\x10Exif\x00\x00II*\x00' >"$work/in/bad/header-only.jpg"
  inputs=("$work/in/photos" "$work/in/bad")
fi

for ((i = 0; i < load; i++)); do
  timeout "$seconds" bash -c 'while :; do :; done' &
  hogs+=($!)
done

start=$(date +%s)
reference=""
done_rounds=0
for ((round = 1; round <= rounds; round++)); do
  if (( $(date +%s) - start >= seconds )); then
    echo "import soak: time is up after $done_rounds rounds"
    break
  fi
  dir="$work/round$round"
  mkdir -p "$dir"
  status=0
  timeout 600 "$gallery" import "${inputs[@]}" --credit "© IOM 2016" --jobs "$jobs" \
    --data "$dir/data" >"$dir/out" 2>"$dir/err" || status=$?
  problem=""
  if [ "$status" -ne 1 ]; then
    problem="exit status $status (expected 1: some files failed)"
  elif grep -qE "Sanitizer|runtime error:" "$dir/err"; then
    problem="sanitizer report"
  else
    # The summary line and the failed files (without their reasons), sorted.
    summary=$(grep -E '^imported [0-9]+, duplicates [0-9]+, failed [0-9]+' "$dir/out" || true)
    failed=$(sed -n 's/^  failed: \([^:]*\): .*/\1/p' "$dir/out" | sort)
    [ -n "$reference" ] || reference="$summary"$'\n'"$failed"
    if [ -z "$summary" ]; then
      problem="no summary line"
    elif [ "$summary"$'\n'"$failed" != "$reference" ]; then
      problem="summary or failed files differ from round 1: $summary"
    elif ! "$gallery" check --data "$dir/data" >"$dir/check" 2>&1; then
      problem="gallery check failed"
    fi
  fi
  if [ -n "$problem" ]; then
    keep=1
    echo "import soak: round $round ($gallery, --jobs $jobs): $problem"
    echo "  output kept in $dir (out, err, check)"
    tail -n 40 "$dir/err" || true
    exit 1
  fi
  rm -rf "$dir"
  done_rounds=$round
done
echo "import soak: $done_rounds rounds, $gallery, --jobs $jobs, load $load," \
  "$(( $(date +%s) - start )) s: all clean (${reference%%$'\n'*})"
