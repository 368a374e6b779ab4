#!/usr/bin/env bash
# Forward-auth checks per second with a valid proxy session: wrk -t1 -c32 against
# /outpost.goauthentik.io/auth/traefik with the session cookie and Traefik's X-Forwarded-* headers, next to
# nginx answering `return 200` in the same run (issue 5: >= 40,000 req/s, p99 < 5 ms, >= 0.25x nginx).
# The session is made the way a browser makes it: the login flow through the executor API, /start,
# the authorize endpoint, /callback. The forward-auth query counter (gatehouse_forward_auth_db_queries_total)
# is read before and after the run: the hot path must not query the database. DURATION (20s) tunes it.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
need_wrk
start_server forward-auth
DURATION="${DURATION:-20s}"
HOST="app.bench.test"
NGINX_PID=""
trap '[ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null; [ -n "$PID" ] && stop "$PID"; rm -rf "$WORK"' EXIT

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

# A forward_single proxy provider for http://app.bench.test with its application; browsers sign in at $BASE.
flow=$(api "$BASE/api/v3/flows/instances/default-provider-authorization-implicit-consent/" | json 'd["pk"]')
provider=$(api -X POST -d "{\"name\":\"bench\",\"authorization_flow\":\"$flow\",\"mode\":\"forward_single\",\"external_host\":\"http://$HOST\"}" \
  "$BASE/api/v3/providers/proxy/" | json 'd["pk"]')
api -X POST -d "{\"name\":\"bench\",\"slug\":\"bench\",\"provider\":$provider}" "$BASE/api/v3/core/applications/" >/dev/null
outpost=$(api "$BASE/api/v3/outposts/instances/?managed=goauthentik.io/outposts/embedded" | json 'd["results"][0]["pk"]')
api -X PATCH -d "{\"config\":{\"authentik_host\":\"$BASE\"}}" "$BASE/api/v3/outposts/instances/$outpost/" >/dev/null

# Sign in: login flow (identification, password) → /start → authorize → /callback.
JAR="$WORK/browser.jar"
EXEC="$BASE/api/v3/flows/executor/default-authentication-flow/"
curl -sf -c "$JAR" -b "$JAR" "$EXEC" >/dev/null
curl -sf -L -c "$JAR" -b "$JAR" -H 'Content-Type: application/json' \
  -d "{\"component\":\"ak-stage-identification\",\"uid_field\":\"akadmin\"}" "$EXEC" >/dev/null
curl -sf -L -c "$JAR" -b "$JAR" -H 'Content-Type: application/json' \
  -d "{\"component\":\"ak-stage-password\",\"password\":\"$ADMIN_PASSWORD\"}" "$EXEC" | grep -q xak-flow-redirect
header() { awk -v n="$1" 'BEGIN{IGNORECASE=1} tolower($1)==tolower(n)":" {sub(/\r$/,""); sub(/^[^:]*: /,""); print; exit}'; }
start=$(curl -s -o /dev/null -D - -H "X-Forwarded-Proto: http" -H "X-Forwarded-Host: $HOST" -H "X-Forwarded-Uri: /" \
  "$BASE/outpost.goauthentik.io/auth/traefik" | header Location)
started=$(curl -s -o /dev/null -D - -H "X-Forwarded-Proto: http" -H "X-Forwarded-Host: $HOST" \
  "$BASE${start#http://$HOST}")
state=$(echo "$started" | header Set-Cookie | cut -d';' -f1)
authorize=$(echo "$started" | header Location)
callback=$(curl -s -o /dev/null -D - -b "$JAR" "$authorize" | header Location)
COOKIE=$(curl -s -o /dev/null -D - -H "X-Forwarded-Proto: http" -H "X-Forwarded-Host: $HOST" -H "Cookie: $state" \
  "$BASE${callback#http://$HOST}" | header Set-Cookie | cut -d';' -f1)
check() {
  curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" -H "X-Forwarded-Method: GET" -H "X-Forwarded-Proto: http" \
    -H "X-Forwarded-Host: $HOST" -H "X-Forwarded-Uri: /dashboard" "$BASE/outpost.goauthentik.io/auth/traefik"
}
[ "$(check)" = "200" ] || { echo "the signed-in check did not answer 200" >&2; exit 1; }
queries() { curl -sf "$BASE/-/metrics/" | awk '/^gatehouse_forward_auth_db_queries_total/ {print $2}'; }

# nginx `return 200` on a free port, same machine, same wrk settings.
NGINX_PORT=$(free_port)
mkdir -p "$WORK/nginx/logs"
cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes auto;
error_log $WORK/nginx/logs/error.log warn;
pid $WORK/nginx/nginx.pid;
daemon off;
events { worker_connections 1024; }
http {
  access_log off;
  server { listen 127.0.0.1:$NGINX_PORT; location / { return 200; } }
}
EOF
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" & NGINX_PID=$!
sleep 0.5

WRK_HEADERS=(-H "Cookie: $COOKIE" -H "X-Forwarded-Method: GET" -H "X-Forwarded-Proto: http"
  -H "X-Forwarded-Host: $HOST" -H "X-Forwarded-Uri: /dashboard")
wrk -t1 -c32 -d5s "${WRK_HEADERS[@]}" "$BASE/outpost.goauthentik.io/auth/traefik" >/dev/null  # JIT warm-up
before=$(queries)
wrk -t1 -c32 -d"$DURATION" --latency "${WRK_HEADERS[@]}" "$BASE/outpost.goauthentik.io/auth/traefik" >"$WORK/gatehouse.txt"
after=$(queries)
wrk -t1 -c32 -d"$DURATION" --latency "http://127.0.0.1:$NGINX_PORT/" >"$WORK/nginx.txt"
wrk -t1 -c32 -d"$DURATION" --latency "$BASE/-/health/live/" >"$WORK/live.txt"

wrk_report "$WORK/gatehouse.txt" "forward auth (traefik, cached session) req/s" "goal >= 40,000 and p99 < 5 ms"
requests=$(awk '/requests in/ {print $1}' "$WORK/gatehouse.txt")
echo "database queries during the run: $(python3 -c "print(int($after - $before))") for $requests requests"
echo "----"
echo "nginx return 200 req/s: $(awk '/^Requests\/sec:/ {print $2}' "$WORK/nginx.txt")"
echo "nginx p99 latency: $(awk '$1 == "99%" {print $2}' "$WORK/nginx.txt")"
echo "gatehouse /-/health/live/ (the server's floor: routing, filters, metrics) req/s: $(awk '/^Requests\/sec:/ {print $2}' "$WORK/live.txt")"
python3 -c "import sys; g=float(sys.argv[1]); n=float(sys.argv[2]); print(f'forward auth / nginx: {g/n:.2f}x (goal >= 0.25x)')" \
  "$(awk '/^Requests\/sec:/ {print $2}' "$WORK/gatehouse.txt")" "$(awk '/^Requests\/sec:/ {print $2}' "$WORK/nginx.txt")"
