#!/usr/bin/env bash
# Platform Sandbox benchmark harness: measures and prints, never asserts (see docs/performance.md).
#
#   bench/run.sh [startup|get|post|filter|events|proxy|all]   (default: all; ~8-10 minutes on 2 cores)
#   events: record write -> webhook received at a fixed rate, publish/consume throughput (EventsBench;
#           -Devents.rate=500 -Devents.seconds=10 via BENCH_JAVA_OPTS)
#   proxy:  egress proxy overhead vs calling the stub directly (ProxyOverheadBench)
#
# Builds what it needs with the Maven wrapper, then runs io.platformsandbox.bench.Bench with
# `java -cp`. The engine under test is always a separate `sandbox serve` process, started exactly
# as the ./sandbox launcher starts it. Knobs (environment variables):
#   BENCH_WARMUP_S=8  BENCH_DURATION_S=10  BENCH_CLIENTS=16     GET / POST load runs
#   BENCH_ROUNDS=2                 GET: engine and WireMock measured in this many alternating slices
#   BENCH_WIREMOCK_JOURNAL=0       1 keeps plain WireMock's request journal on (its default; slower)
#   BENCH_ENGINE_MOCKS=1           0 skips the extra (informational) run against the engine's own mock server
#   BENCH_STARTUP_RUNS=5  BENCH_IDLE_S=5                         startup runs per mode; idle time before RSS
#   BENCH_FILTER_RECORDS=1000000  BENCH_FILTER_QUERIES=200  BENCH_FILTER_WARMUP_QUERIES=100
#   BENCH_LOAD_MODE=auto|http|store  BENCH_LOAD_CLIENTS=32  BENCH_LOAD_PROBE_S=15  BENCH_LOAD_BUDGET_S=180
#                                  auto: load over HTTP, and if the probe shows it would not finish
#                                  within the budget, load the rest through the engine's RecordStore
#   BENCH_STORE_THREADS=4          threads for the RecordStore load
#   BENCH_STORE_WRITE_DELAY_MS=500 H2 WRITE_DELAY during the RecordStore bulk load only (set back to 0 after)
#   SANDBOX_JAVA_OPTS=             JVM options of the engine process (as for ./sandbox)
#   BENCH_JAVA_OPTS=               JVM options of the load generator
#   BENCH_LAUNCH=java|script       start the engine with the launcher's java line (default) or ./sandbox itself
#   BENCH_SKIP_BUILD=1             do not run Maven (use what is in target/)
#   BENCH_MVN_ARGS=                extra Maven arguments, e.g. -o
#   BENCH_WORK_DIR=$TMPDIR/sandbox-bench  BENCH_KEEP=1 keeps it (workspaces and engine logs);
#                                  the compiled classes under test are snapshotted to $BENCH_WORK_DIR-classes
# Quick smoke run:
#   BENCH_WARMUP_S=1 BENCH_DURATION_S=2 BENCH_STARTUP_RUNS=1 BENCH_IDLE_S=1 BENCH_FILTER_RECORDS=20000 bench/run.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WHAT="${1:-all}"
case "$WHAT" in
  startup|get|post|filter|events|proxy|all) ;;
  -h|--help) sed -n '2,/^set -e/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "usage: bench/run.sh [startup|get|post|filter|events|proxy|all]" >&2; exit 2 ;;
esac

ENGINE="$ROOT/sandbox-engine"
BENCH="$ROOT/bench"

if [[ -z "${BENCH_SKIP_BUILD:-}" ]]; then
  echo "Building sandbox-engine and bench (mvnw -q)..." >&2
  # Tests are not compiled: the bench needs only the main classes.
  # shellcheck disable=SC2086
  "$ROOT/mvnw" -q -B -f "$ROOT/pom.xml" ${BENCH_MVN_ARGS:-} -pl bench -am -Dmaven.test.skip=true compile
fi

for f in "$ENGINE/target/runtime-classpath.txt" "$BENCH/target/runtime-classpath.txt"; do
  [[ -f "$f" ]] || { echo "missing $f: run without BENCH_SKIP_BUILD" >&2; exit 1; }
done

ENGINE_CP="$ENGINE/target/classes:$(cat "$ENGINE/target/runtime-classpath.txt")"
# The bench's own classpath lists the reactor modules' target/classes (compile phase) or jars.
BENCH_CP="$BENCH/target/classes:$(cat "$BENCH/target/runtime-classpath.txt")"

# Snapshot the project's compiled classes, so that a build (or `mvn clean`) running at the same time
# in this checkout cannot change or remove the classes under test half-way through a run.
SNAP="${BENCH_WORK_DIR:-${TMPDIR:-/tmp}/sandbox-bench}-classes"
rm -rf "$SNAP" && mkdir -p "$SNAP"
for m in mock-apis sandbox-engine bench; do
  if [[ -d "$ROOT/$m/target/classes" ]]; then
    cp -r "$ROOT/$m/target/classes" "$SNAP/$m"
    ENGINE_CP="${ENGINE_CP//$ROOT\/$m\/target\/classes/$SNAP/$m}"
    BENCH_CP="${BENCH_CP//$ROOT\/$m\/target\/classes/$SNAP/$m}"
  fi
done

run_main() {
  # shellcheck disable=SC2086
  java --add-exports=java.base/sun.security.x509=ALL-UNNAMED ${BENCH_JAVA_OPTS:-} \
    -Dbench.repo="$ROOT" \
    -Dbench.engine.classpath="$ENGINE_CP" \
    -cp "$BENCH_CP" "$@"
}

case "$WHAT" in
  events) run_main io.platformsandbox.bench.EventsBench ;;
  proxy) run_main io.platformsandbox.bench.ProxyOverheadBench ;;
  all)
    run_main io.platformsandbox.bench.Bench all
    run_main io.platformsandbox.bench.EventsBench
    run_main io.platformsandbox.bench.ProxyOverheadBench
    ;;
  *) run_main io.platformsandbox.bench.Bench "$WHAT" ;;
esac
