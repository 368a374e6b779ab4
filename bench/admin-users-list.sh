#!/usr/bin/env bash
# Server time to render the admin users list with 10,000 users (issue 15: p99 < 100 ms): GET /if/admin/users/
# (first page, default page size) as a signed-in superuser, and GET /api/v3/core/users/ (the same first page over
# the API) for comparison. The users are created over the API by 4 keep-alive clients; the session is made the
# way a browser makes it (the login flow through the executor API). Each URL gets WARMUP requests, then REQUESTS
# (500) timed one after another on one keep-alive connection by curl; prints p50/p95/p99 of the total time and
# of the time to the first byte, in ms. USERS (10000) tunes the directory size.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
USERS=${USERS:-10000}
REQUESTS=${REQUESTS:-500}
WARMUP=${WARMUP:-300}
start_server admin-users-list

# $USERS users over POST /api/v3/core/users/, 4 clients with a keep-alive connection each.
started=$(now_ms)
python3 - "$PORT" "$TOKEN" "$USERS" <<'PY'
import http.client, json, sys
from concurrent.futures import ThreadPoolExecutor
port, token, total = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
def create(worker):
    c = http.client.HTTPConnection("127.0.0.1", port)
    for i in range(worker, total, 4):
        body = json.dumps({"username": f"bench-user-{i:05d}", "name": f"Bench User {i}",
                           "email": f"bench-user-{i:05d}@example.org"})
        c.request("POST", "/api/v3/core/users/", body,
                  {"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        r = c.getresponse(); r.read()
        if r.status != 201:
            raise SystemExit(f"creating user {i}: HTTP {r.status}")
with ThreadPoolExecutor(4) as pool:
    list(pool.map(create, range(4)))
PY
count=$(api "$BASE/api/v3/core/users/?page_size=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["pagination"]["count"])')
echo "users in the directory: $count (created $USERS in $(( ($(now_ms) - started) / 1000 )) s)"

# Sign in as akadmin (superuser) through the executor API: the session cookie a browser would hold.
JAR="$WORK/browser.jar"
EXEC="$BASE/api/v3/flows/executor/default-authentication-flow/"
curl -sf -c "$JAR" -b "$JAR" "$EXEC" >/dev/null
curl -sf -L -c "$JAR" -b "$JAR" -H 'Content-Type: application/json' \
  -d "{\"component\":\"ak-stage-identification\",\"uid_field\":\"akadmin\"}" "$EXEC" >/dev/null
curl -sf -L -c "$JAR" -b "$JAR" -H 'Content-Type: application/json' \
  -d "{\"component\":\"ak-stage-password\",\"password\":\"$ADMIN_PASSWORD\"}" "$EXEC" | grep -q xak-flow-redirect

# time_url <path> <label>: WARMUP then REQUESTS sequential GETs on one connection; prints the percentiles.
time_url() {
  local url="$BASE$1" code
  code=$(curl -s -o "$WORK/page" -w '%{http_code}' -b "$JAR" "$url")
  if [ "$code" != 200 ]; then
    echo "$2: GET $1 answered $code (not measured)"
    return 1
  fi
  grep -q 'bench-user-' "$WORK/page" || { echo "$2: GET $1 does not list the bench users" >&2; exit 1; }
  printf 'url = "%s"\noutput = "/dev/null"\n' $(for _ in $(seq "$WARMUP"); do echo "$url"; done) >"$WORK/warm.cfg"
  curl -s -b "$JAR" -K "$WORK/warm.cfg" >/dev/null
  printf 'url = "%s"\noutput = "/dev/null"\n' $(for _ in $(seq "$REQUESTS"); do echo "$url"; done) >"$WORK/run.cfg"
  curl -s -b "$JAR" -K "$WORK/run.cfg" -w '%{http_code} %{time_starttransfer} %{time_total} %{size_download}\n' \
    >"$WORK/times.txt"
  python3 - "$2" "$WORK/times.txt" <<'PY'
import sys
label, rows = sys.argv[1], [l.split() for l in open(sys.argv[2]) if l.strip()]
bad = [r for r in rows if r[0] != "200"]
def pct(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, max(0, -(-len(v) * p // 100) - 1))] * 1000
total = [float(r[2]) for r in rows]
ttfb = [float(r[1]) for r in rows]
print(f"{label}: {len(rows)} requests, {int(rows[0][3])} bytes each, non-200: {len(bad)}")
print(f"  total ms  p50 {pct(total, 50):.1f}  p95 {pct(total, 95):.1f}  p99 {pct(total, 99):.1f}  max {max(total) * 1000:.1f}")
print(f"  first byte ms  p50 {pct(ttfb, 50):.1f}  p95 {pct(ttfb, 95):.1f}  p99 {pct(ttfb, 99):.1f}")
if bad:
    sys.exit(1)
PY
}

echo "----"
time_url "/api/v3/core/users/" "API GET /api/v3/core/users/ (first page)"
if time_url "/if/admin/users/" "admin page GET /if/admin/users/ (first page)"; then
  echo "goal: admin page p99 < 100 ms"
fi
echo "server RSS after run: $(( $(awk '/^VmRSS:/ {print $2}' "/proc/$PID/status") / 1024 )) MB"
