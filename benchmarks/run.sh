#!/usr/bin/env bash
# Runs the desknotify benchmarks from the uber jar (build it first: mvn -B -q -pl benchmarks package).
#   benchmarks/run.sh smoke         every benchmark once, a few seconds, numbers meaningless
#   benchmarks/run.sh full [DIR]    the measured runs (about 70 minutes): JSON results, console logs, machine.txt
#                                   and summary.md (every goal with its figure, then the detail tables) in DIR
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=benchmarks/target/benchmarks.jar
[ -f "$JAR" ] || { echo "build first: mvn -B -q -pl benchmarks package" >&2; exit 1; }

case "${1:-}" in
  smoke)
    exec java -jar "$JAR" -f 0 -wi 1 -i 1 -w 100ms -r 100ms \
      -p targets=1000 -p batchSize=100 -p latencyMs=0 -p concurrency=4 -p bucket=100000 -p refillPerSecond=100000 \
      -foe true
    ;;
  full)
    OUT="${2:-benchmarks/target/results}"
    mkdir -p "$OUT"
    {
      echo "started: $(date -u +%FT%TZ)"
      echo "nproc: $(nproc)"
      grep -m1 MemTotal /proc/meminfo || true
      echo "kernel: $(uname -srm)"
      java -version 2>&1
      echo "uptime at start: $(uptime)"
    } > "$OUT/machine.txt"
    java -jar "$JAR" CoreOverhead -p targets=1000,100000,1000000 -prof gc -rf json -rff "$OUT/core.json" | tee "$OUT/core.txt"
    java -jar "$JAR" CoreOverhead -p targets=1000000 -jvmArgs -Xmx256m -prof gc -rf json -rff "$OUT/core-1m.json" \
      | tee "$OUT/core-1m.txt"
    java -jar "$JAR" 'EndToEnd|HandWritten' -rf json -rff "$OUT/e2e.json" | tee "$OUT/e2e.txt"
    java -jar "$JAR" Throttled -rf json -rff "$OUT/throttled.json" | tee "$OUT/throttled.txt"
    java -jar "$JAR" FollowUp -rf json -rff "$OUT/followup.json" | tee "$OUT/followup.txt"
    java -jar "$JAR" SessionBucket -rf json -rff "$OUT/bucket.json" | tee "$OUT/bucket.txt"
    java -jar "$JAR" PeerBenchmark -rf json -rff "$OUT/peers.json" | tee "$OUT/peers.txt"
    java -jar "$JAR" StoreBenchmark -rf json -rff "$OUT/store.json" | tee "$OUT/store.txt"
    java -cp "$JAR" io.desknotify.benchmarks.PacerHarness --out "$OUT" --scenarios grid,unlimited,told | tee "$OUT/pacer.md"
    # a raised limit is found within about 20 s (the pacer probes a stable limit every 16 s at most): longer cells
    java -cp "$JAR" io.desknotify.benchmarks.PacerHarness --out "$OUT/raise" --scenarios raise --seconds 45 \
      | tee "$OUT/pacer-raise.md"
    { echo "ended: $(date -u +%FT%TZ)"; echo "uptime at end: $(uptime)"; } >> "$OUT/machine.txt"
    # one summary.md: how it was measured, every goal with its figure, then the detail tables
    java -cp "$JAR" io.desknotify.benchmarks.Summary --command "benchmarks/run.sh full $OUT" \
      --machine "$OUT"/machine.txt "$OUT"/core.json "$OUT"/core-1m.json "$OUT"/e2e.json \
      "$OUT"/throttled.json "$OUT"/followup.json "$OUT"/bucket.json "$OUT"/peers.json "$OUT"/pacer.json "$OUT"/raise/pacer.json "$OUT"/store.json \
      > "$OUT/summary.md"
    cat "$OUT/summary.md"
    echo
    echo "To make these the README's figures (run with DIR = benchmarks/results/<date> and commit DIR):"
    echo "  java -cp $JAR io.desknotify.benchmarks.Summary --readme README.md $OUT/summary.md"
    ;;
  *)
    echo "usage: $0 smoke | full [DIR]" >&2
    exit 2
    ;;
esac
