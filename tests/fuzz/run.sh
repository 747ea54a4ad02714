#!/usr/bin/env bash
# Builds the fuzz targets with clang in build-fuzz, writes their seeds, and
# runs each for a bounded time. Exits 1 when any target finds a crash, a
# sanitizer report, a leak, a timeout or an out-of-memory input; the inputs are
# then in build-fuzz/fuzz-artifacts/<target>/ and the logs in build-fuzz/fuzz-logs/.
#
#   tests/fuzz/run.sh --short          about 20 s per target (CI)
#   tests/fuzz/run.sh --long           10 minutes per target
#   tests/fuzz/run.sh --long render    only the named targets
#   FUZZ_SECONDS=120 tests/fuzz/run.sh any per-target time
#
# Inputs that found new coverage are kept in build-fuzz/fuzz-corpus/<target>/
# and reused by the next run. The shared photo set (../shared/corpus) adds
# seeds when it is there.
set -euo pipefail
cd "$(dirname "$0")/../.."

mode=${1:---short}
case "$mode" in
  --short) seconds=${FUZZ_SECONDS:-20} ;;
  --long) seconds=${FUZZ_SECONDS:-600} ;;
  *) echo "usage: tests/fuzz/run.sh [--short|--long] [target...]" >&2; exit 2 ;;
esac
shift || true

# Each target and its input size limit (make_seeds.cc cuts seeds to the same).
declare -A max_len=([metadata]=65536 [embed]=65536 [render]=32768 [catalog_query]=512
                   [multipart]=4096 [json_body]=4096)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(metadata embed render catalog_query multipart json_body)
for t in "${targets[@]}"; do
  [ -n "${max_len[$t]:-}" ] || { echo "unknown fuzz target: $t" >&2; exit 2; }
done

build=build-fuzz
jobs=$(nproc)
cmake -S . -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" \
  -DGALLERY_FUZZ=ON -DGALLERY_TESTS=OFF -DGALLERY_BENCH=OFF >/dev/null
cmake --build "$build" -j"$jobs" --target fuzzers

corpus_dir=../shared/corpus
"$build"/tests/fuzz/make_seeds "$build"/fuzz-seeds "$corpus_dir"

mkdir -p "$build"/fuzz-logs
failed=()
for t in "${targets[@]}"; do
  mkdir -p "$build/fuzz-corpus/$t" "$build/fuzz-artifacts/$t"
  log="$build/fuzz-logs/$t.log"
  echo "fuzzing $t for ${seconds}s"
  if "$build/tests/fuzz/${t}_fuzzer" -max_total_time="$seconds" -rss_limit_mb=1024 -timeout=10 \
       -max_len="${max_len[$t]}" -print_final_stats=1 \
       -artifact_prefix="$build/fuzz-artifacts/$t/" \
       "$build/fuzz-corpus/$t" "$build/fuzz-seeds/$t" >"$log" 2>&1; then
    grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 || true
  else
    echo "FAILED: $t (log: $log)"
    grep -v -E 'Uses: [0-9]+$|^#[0-9]+ +(NEW|REDUCE|pulse)' "$log" | tail -n 40 || true
    failed+=("$t")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing found problems in: ${failed[*]}"
  exit 1
fi
echo "fuzzing: ${#targets[@]} targets, no crash in ${seconds}s each"
