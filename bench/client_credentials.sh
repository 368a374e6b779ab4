#!/usr/bin/env bash
# OAuth2 client_credentials tokens per second: POST /application/o/token/ with HTTP Basic client
# authentication under `wrk -t1 -c32` (keep-alive). Each request authenticates the client, checks the
# application's bindings, evaluates the scope mappings (CEL), signs an RS256 access token and id_token and
# records the token. Goal (issue 4): >= 2,500 tokens/s on the 2-core machine. Needs wrk.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
DURATION=${DURATION:-20s}

if ! command -v wrk >/dev/null; then
  echo "wrk not found; installing it with apt-get" >&2
  apt-get update -qq >&2 && apt-get install -y -qq wrk >&2
fi

WORK="$(mktemp -d /tmp/gatehouse-bench-cc.XXXXXX)"
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
BASE="http://127.0.0.1:$PORT"

LOG="$WORK/server.log"; "$GATEHOUSE" server >"$LOG" 2>&1 & PID=$!
wait_ready "$PORT" "$PID" 120
api() { curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"; }
FLOW=$(api "$BASE/api/v3/flows/instances/default-provider-authorization-implicit-consent/" | python3 -c 'import json,sys; print(json.load(sys.stdin)["pk"])')
PROVIDER=$(api -X POST -d "{\"name\":\"bench\",\"authorization_flow\":\"$FLOW\"}" "$BASE/api/v3/providers/oauth2/")
PK=$(echo "$PROVIDER" | python3 -c 'import json,sys; print(json.load(sys.stdin)["pk"])')
CLIENT_ID=$(echo "$PROVIDER" | python3 -c 'import json,sys; print(json.load(sys.stdin)["client_id"])')
SECRET=$(echo "$PROVIDER" | python3 -c 'import json,sys; print(json.load(sys.stdin)["client_secret"])')
api -X POST -d "{\"name\":\"bench\",\"slug\":\"bench\",\"provider\":$PK}" "$BASE/api/v3/core/applications/" >/dev/null
BASIC=$(printf '%s:%s' "$CLIENT_ID" "$SECRET" | base64 -w0)
BODY='grant_type=client_credentials&scope=openid%20profile'
code=$(curl -s -o "$WORK/first.json" -w '%{http_code}' -H "Authorization: Basic $BASIC" -d "$BODY" "$BASE/application/o/token/")
[ "$code" = 200 ] || { echo "token request answered $code: $(cat "$WORK/first.json")" >&2; exit 1; }

cat > "$WORK/post.lua" <<LUA
wrk.method = "POST"
wrk.body = "$BODY"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic $BASIC"
LUA
wrk -t1 -c32 -d5s -s "$WORK/post.lua" "$BASE/application/o/token/" >/dev/null   # warm-up (JIT, CEL, pool)
[ -n "${BENCH_HOOK:-}" ] && (sleep 3; eval "$BENCH_HOOK") &
wrk -t1 -c32 -d"$DURATION" --latency -s "$WORK/post.lua" "$BASE/application/o/token/" | tee "$WORK/wrk.txt"
echo "----"
echo "tokens/s: $(awk '/^Requests\/sec:/ {print $2}' "$WORK/wrk.txt") (goal >= 2500)"
echo "p99 latency: $(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt")"
grep -E 'Non-2xx|Socket errors' "$WORK/wrk.txt" || echo "errors: none"
echo "server RSS after run: $(( $(awk '/^VmRSS:/ {print $2}' "/proc/$PID/status") / 1024 )) MB"
