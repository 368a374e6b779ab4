#!/usr/bin/env bash
# API throughput: GET /api/v3/core/users/me/ with a bearer token under `wrk -t1 -c32 -d20s`.
# Prints requests/s and the 99th-percentile latency. Needs wrk (installed with apt-get when missing).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
DURATION=${DURATION:-20s}
need_wrk
start_server api
URL="$BASE/api/v3/core/users/me/"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$URL")
[ "$code" = 200 ] || { echo "GET $URL answered $code, expected 200" >&2; exit 1; }

wrk -t1 -c32 -d5s -H "Authorization: Bearer $TOKEN" "$URL" >/dev/null   # warm-up (JIT, pool)
wrk -t1 -c32 -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" "$URL" | tee "$WORK/wrk.txt"
wrk_report "$WORK/wrk.txt" "requests/s"
