#!/usr/bin/env bash
# End-to-end `sandbox validate` time of the good sample (target: 60 s; see docs/performance.md).
# Measures and prints, never asserts.  Knobs: BENCH_VALIDATE_RUNS=3
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${BENCH_VALIDATE_RUNS:-3}"
SAMPLE="$ROOT/sample-projects/crm-sync-python"
REPORT="$(mktemp -d -t validate-bench.XXXXXX)"
trap 'rm -rf "$REPORT"' EXIT

"$ROOT/sandbox" --version >/dev/null   # builds on first use, outside the timing
echo "# machine: $(nproc) cores, $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
declare -a took=()
for run in $(seq 1 "$RUNS"); do
  start_ms=$(date +%s%3N)
  "$ROOT/sandbox" validate "$SAMPLE" --report "$REPORT" >"$REPORT/out.txt" 2>&1 || { cat "$REPORT/out.txt"; exit 1; }
  ms=$(( $(date +%s%3N) - start_ms ))
  took+=("$ms")
  echo "run $run: ${ms} ms (validator's own figure: $(grep -o '([0-9.]* s)' "$REPORT/out.txt" | tail -1))"
done
median=$(printf '%s\n' "${took[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "validate good sample: median ${median} ms over ${RUNS} runs (target 60000 ms)"
