#!/usr/bin/env bash
# Workbench figures: process start -> main window shown, and resident memory of the idle workbench
# with its embedded sandbox running. Measures and prints, never asserts (see docs/performance.md).
#
#   bench/workbench.sh            runs under Xvfb (apt-get install -y --no-install-recommends xvfb xauth libgtk-3-0)
# Knobs: BENCH_WB_RUNS=5  BENCH_WB_IDLE_S=5  BENCH_SKIP_BUILD=1  BENCH_MVN_ARGS=
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${BENCH_WB_RUNS:-5}"
IDLE="${BENCH_WB_IDLE_S:-5}"
command -v xvfb-run >/dev/null || { echo "needs xvfb-run: apt-get install -y --no-install-recommends xvfb xauth libgtk-3-0" >&2; exit 2; }

if [[ -z "${BENCH_SKIP_BUILD:-}" ]]; then
  echo "Building the workbench (mvnw -q)..." >&2
  # shellcheck disable=SC2086
  "$ROOT/mvnw" -q -B -f "$ROOT/pom.xml" ${BENCH_MVN_ARGS:-} -pl app -am -Dmaven.test.skip=true compile
fi
CP="$ROOT/app/target/classes:$(cat "$ROOT/app/target/runtime-classpath.txt")"

WORK="$(mktemp -d -t workbench-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
declare -a shown=() rss=()
echo "# machine: $(nproc) cores, $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq 1 "$RUNS"); do
  log="$WORK/run-$run.log"
  start_ms=$(date +%s%3N)
  HOME="$WORK/home-$run" xvfb-run -a -s "-screen 0 1440x900x24" \
    java --add-exports=java.base/sun.security.x509=ALL-UNNAMED -cp "$CP" io.platformsandbox.app.WorkbenchMain \
    app --in-memory --port 0 --mock-port 0 >"$log" 2>&1 &
  wrapper=$!
  for _ in $(seq 1 600); do
    grep -q "Main window shown" "$log" && break
    sleep 0.1
  done
  epoch=$(grep -o "epoch_ms=[0-9]*" "$log" | head -1 | cut -d= -f2 || true)
  if [[ -z "$epoch" ]]; then
    echo "run $run: no window within 60 s; log: $log" >&2; tail -20 "$log" >&2; kill "$wrapper" 2>/dev/null || true; exit 1
  fi
  shown+=($((epoch - start_ms)))
  sleep "$IDLE"
  pid=$(pgrep -f "^java .*WorkbenchMain app --in-memory --port 0" | head -1 || true)
  kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
  rss+=($((kb / 1024)))
  echo "run $run: process start -> main window shown ${shown[-1]} ms; RSS after ${IDLE} s idle ${rss[-1]} MiB"
  kill "$pid" 2>/dev/null || true
  wait "$wrapper" 2>/dev/null || true
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
echo "FIGURE workbench start -> main window shown, median of $RUNS: $(median "${shown[@]}") ms (target <= 4000 ms)"
echo "FIGURE workbench idle RSS with the sandbox running, median: $(median "${rss[@]}") MiB"
