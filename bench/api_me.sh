#!/usr/bin/env bash
# API throughput: GET /api/v3/core/users/me/ with a bearer token under `wrk -t1 -c32 -d20s`.
# Prints requests/s and the 99th-percentile latency. Needs wrk (apt-get install -y wrk).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
DURATION=${DURATION:-20s}

if ! command -v wrk >/dev/null; then
  echo "wrk not found; installing it with apt-get" >&2
  apt-get update -qq >&2 && apt-get install -y -qq wrk >&2
fi

WORK="$(mktemp -d /tmp/gatehouse-bench-api.XXXXXX)"
PID=""
cleanup() { [ -n "$PID" ] && stop "$PID"; rm -rf "$WORK"; }
trap cleanup EXIT

ensure_built
TOKEN="bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export GATEHOUSE_DATA_DIR="$WORK/data"
export GATEHOUSE_LISTEN__HTTP="127.0.0.1:$(free_port)"
export GATEHOUSE_LISTEN__HTTPS="127.0.0.1:$(free_port)"
export GATEHOUSE_BOOTSTRAP_TOKEN="$TOKEN"
PORT="${GATEHOUSE_LISTEN__HTTP##*:}"
URL="http://127.0.0.1:$PORT/api/v3/core/users/me/"

LOG="$WORK/server.log"; "$GATEHOUSE" server >"$LOG" 2>&1 & PID=$!
wait_ready "$PORT" "$PID" 120
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$URL")
[ "$code" = 200 ] || { echo "GET $URL answered $code, expected 200" >&2; exit 1; }

wrk -t1 -c32 -d5s -H "Authorization: Bearer $TOKEN" "$URL" >/dev/null   # warm-up (JIT, pool)
wrk -t1 -c32 -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" "$URL" | tee "$WORK/wrk.txt"
echo "----"
echo "requests/s: $(awk '/^Requests\/sec:/ {print $2}' "$WORK/wrk.txt")"
echo "p99 latency: $(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt")"
grep -E 'Non-2xx|Socket errors' "$WORK/wrk.txt" || echo "errors: none"
echo "server RSS after run: $(( $(awk '/^VmRSS:/ {print $2}' "/proc/$PID/status") / 1024 )) MB"
