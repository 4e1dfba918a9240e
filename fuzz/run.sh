#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 600), JOBS at a time (default 2), and
# prints one line per target: executions, coverage, corpus size, findings.
# Run from the repository root after fuzz/seed.sh: fuzz/run.sh [SECONDS] [JOBS] [TARGET...]
set -uo pipefail
seconds=${1:-600}
jobs=${2:-2}
shift 2 2>/dev/null || shift $#
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(zip cabinet manifest view xsd xpath pipeline)
# Nightly when present (sanitizer coverage); stable needs --sanitizer none.
toolchain=+nightly
sanitizer=(--sanitizer none)
cargo +nightly --version >/dev/null 2>&1 || toolchain=
mkdir -p fuzz/logs
cargo $toolchain fuzz build -O "${sanitizer[@]}" || exit 1
run_one() {
  local t=$1
  cargo $toolchain fuzz run -O "${sanitizer[@]}" "$t" "fuzz/corpus/$t" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=1048576 \
    -print_final_stats=1 > "fuzz/logs/$t.log" 2>&1
  local rc=$?
  local runs cov corpus
  runs=$(grep -a 'stat::number_of_executed_units' "fuzz/logs/$t.log" | awk '{print $2}')
  cov=$(grep -a -o 'cov: [0-9]*' "fuzz/logs/$t.log" | tail -1 | awk '{print $2}')
  corpus=$(ls "fuzz/corpus/$t" | wc -l)
  echo "$t: ${seconds}s, ${runs:-?} executions, coverage ${cov:-?}, corpus $corpus, exit $rc, artifacts $(ls fuzz/artifacts/$t 2>/dev/null | wc -l)"
}
export -f run_one
export seconds toolchain
export sanitizer_flag="${sanitizer[*]}"
printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'sanitizer=($sanitizer_flag); run_one {}'
