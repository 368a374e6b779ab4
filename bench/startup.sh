#!/usr/bin/env bash
# Start-up benchmark: wall time from launching `bin/gatehouse server` on an existing embedded data
# directory to the first 200 from /-/health/ready/ (5 runs, median), then idle RSS of the JVM.
# Budget (DESIGN.md): ready <= 1.5 s median, idle RSS <= 128 MB.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
RUNS=${RUNS:-5}

WORK="$(mktemp -d /tmp/gatehouse-bench-startup.XXXXXX)"
PID=""
cleanup() { [ -n "$PID" ] && stop "$PID"; rm -rf "$WORK"; }
trap cleanup EXIT

ensure_built
export GATEHOUSE_DATA_DIR="$WORK/data"
export GATEHOUSE_LISTEN__HTTP="127.0.0.1:$(free_port)"
export GATEHOUSE_LISTEN__HTTPS="127.0.0.1:$(free_port)"
PORT="${GATEHOUSE_LISTEN__HTTP##*:}"

# First start creates the data directory (database, key, certificate): not measured.
LOG="$WORK/first.log"; "$GATEHOUSE" server >"$LOG" 2>&1 & PID=$!
wait_ready "$PORT" "$PID" 120
stop "$PID"; PID=""

times=()
for i in $(seq 1 "$RUNS"); do
  t0=$(now_ms)
  LOG="$WORK/run$i.log"; "$GATEHOUSE" server >"$LOG" 2>&1 & PID=$!
  wait_ready "$PORT" "$PID" 120
  t1=$(now_ms)
  times+=($((t1 - t0)))
  sleep 0.3   # let the "ready in N ms" line be written before stopping (not part of the measurement)
  stop "$PID"; PID=""
  reported=$(sed -n "s/.*ready in \([0-9]*\) ms.*/\1/p" "$WORK/run$i.log")
  echo "run $i: ready after $((t1 - t0)) ms (JVM uptime at the ready log line: ${reported:-?} ms)"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
echo "median ready: $median ms (budget 1500 ms)"

LOG="$WORK/rss.log"; "$GATEHOUSE" server >"$LOG" 2>&1 & PID=$!
wait_ready "$PORT" "$PID" 120
sleep 2
rss_kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$PID/status")
hwm_kb=$(awk '/^VmHWM:/ {print $2}' "/proc/$PID/status")
echo "idle RSS after ready+2s: $((rss_kb / 1024)) MB (peak $((hwm_kb / 1024)) MB; budget 128 MB)"
