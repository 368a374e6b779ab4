#!/usr/bin/env bash
# OAuth2 client_credentials tokens per second: POST /application/o/token/ with HTTP Basic client
# authentication under `wrk -t1 -c32` (keep-alive). Each request authenticates the client, checks the
# application's bindings, evaluates the scope mappings (CEL), signs the access token (and an id_token when
# SCOPE has openid) and records the token. Goal (issue 4): >= 2,500 tokens/s on the 2-core machine.
# SCOPE (default "openid profile") chooses the scopes, KEY (rsa | ecdsa; default rsa: RS256 with the default
# key pair) the provider's signing key; needs wrk (installed with apt-get when missing).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
DURATION=${DURATION:-20s}
SCOPE=${SCOPE:-openid profile}
KEY=${KEY:-rsa}
need_wrk
start_server cc
create_oauth2_app bench "http://127.0.0.1:1/callback" "$KEY"
BASIC=$(printf '%s:%s' "$CLIENT_ID" "$CLIENT_SECRET" | base64 -w0)
BODY="grant_type=client_credentials&scope=${SCOPE// /%20}"
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
wrk_report "$WORK/wrk.txt" "tokens/s (scope: $SCOPE, key: $KEY)" "goal >= 2500"
