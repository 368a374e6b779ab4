# Sourced by the bench scripts: free ports, readiness polling and clean-up of the servers they start.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GATEHOUSE="$ROOT/bin/gatehouse"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

now_ms() { local t=${EPOCHREALTIME/./}; echo $(( t / 1000 )); }

# ready_once <port>: one GET of /-/health/ready/ over bash's /dev/tcp; true on 200. No process is started
# per probe (a curl every 10 ms costs the starting server CPU on this 2-core machine).
ready_once() {
  local status=""
  { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf 'GET /-/health/ready/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
  read -r -t 5 status <&3 || true
  exec 3<&- 3>&-
  [[ "$status" == *" 200"* ]]
}

# wait_ready <port> <pid> <timeout-s>: probes /-/health/ready/ every ~10 ms; fails if the process dies.
wait_ready() {
  local port=$1 pid=$2 deadline=$(( EPOCHSECONDS + $3 ))
  while [ "$EPOCHSECONDS" -lt "$deadline" ]; do
    if ready_once "$port"; then
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "server $pid died before it was ready; its output:" >&2
      tail -20 "${LOG:-/dev/null}" >&2
      return 1
    fi
    sleep 0.01
  done
  echo "server not ready within $3 s" >&2
  return 1
}

# stop <pid>: SIGTERM, then SIGKILL after 15 s.
stop() {
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null || true
}

# Builds the jar once, outside any measurement.
ensure_built() {
  "$GATEHOUSE" hash_password <<<"warm-up" >/dev/null
}

# need_wrk: installs wrk with apt-get when it is missing.
need_wrk() {
  if ! command -v wrk >/dev/null; then
    echo "wrk not found; installing it with apt-get" >&2
    apt-get update -qq >&2 && apt-get install -y -qq wrk >&2
  fi
}

# start_server <name>: a fresh server on free loopback ports with a bootstrap token ($TOKEN) and akadmin
# password ($ADMIN_PASSWORD) in a temporary work directory ($WORK, removed on exit with the server);
# sets PID, PORT and BASE.
start_server() {
  WORK="$(mktemp -d "/tmp/gatehouse-bench-$1.XXXXXX")"
  PID=""
  trap '[ -n "$PID" ] && stop "$PID"; rm -rf "$WORK"' EXIT
  ensure_built
  TOKEN="bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  ADMIN_PASSWORD="bench-password-$$"
  export GATEHOUSE_DATA_DIR="$WORK/data"
  export GATEHOUSE_LISTEN__HTTP="127.0.0.1:$(free_port)"
  export GATEHOUSE_LISTEN__HTTPS="127.0.0.1:$(free_port)"
  export GATEHOUSE_BOOTSTRAP_TOKEN="$TOKEN" GATEHOUSE_BOOTSTRAP_PASSWORD="$ADMIN_PASSWORD"
  PORT="${GATEHOUSE_LISTEN__HTTP##*:}"
  BASE="http://127.0.0.1:$PORT"
  LOG="$WORK/server.log"; "$GATEHOUSE" server >"$LOG" 2>&1 & PID=$!
  wait_ready "$PORT" "$PID" 120
}

# api <curl args>: the REST API as akadmin (bootstrap token).
api() { curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"; }

# create_oauth2_app <slug> <redirect_uri> [rsa|ecdsa]: a confidential OAuth2 provider (implicit consent) and
# its application; sets CLIENT_ID and CLIENT_SECRET. With ecdsa, the provider signs with a new EC P-256 key
# (ES256); otherwise with the default RSA key (RS256).
create_oauth2_app() {
  local flow provider pk key=""
  flow=$(api "$BASE/api/v3/flows/instances/default-provider-authorization-implicit-consent/" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["pk"])')
  if [ "${3:-rsa}" = ecdsa ]; then
    key=$(api -X POST -d '{"common_name":"bench-es256","alg":"ecdsa","validity_days":30}' \
      "$BASE/api/v3/crypto/certificatekeypairs/generate/" | python3 -c 'import json,sys; print(json.load(sys.stdin)["pk"])')
    key=",\"signing_key\":\"$key\""
  fi
  provider=$(api -X POST -d "{\"name\":\"$1\",\"authorization_flow\":\"$flow\"$key,\"redirect_uris\":[{\"matching_mode\":\"strict\",\"url\":\"$2\"}]}" \
    "$BASE/api/v3/providers/oauth2/")
  pk=$(echo "$provider" | python3 -c 'import json,sys; print(json.load(sys.stdin)["pk"])')
  CLIENT_ID=$(echo "$provider" | python3 -c 'import json,sys; print(json.load(sys.stdin)["client_id"])')
  CLIENT_SECRET=$(echo "$provider" | python3 -c 'import json,sys; print(json.load(sys.stdin)["client_secret"])')
  api -X POST -d "{\"name\":\"$1\",\"slug\":\"$1\",\"provider\":$pk}" "$BASE/api/v3/core/applications/" >/dev/null
}

# wrk_report <wrk output file> <what> <goal text>: the figures every wrk benchmark prints.
wrk_report() {
  echo "----"
  echo "$2: $(awk '/^Requests\/sec:/ {print $2}' "$1")${3:+ ($3)}"
  echo "p99 latency: $(awk '$1 == "99%" {print $2}' "$1")"
  grep -E 'Non-2xx|Socket errors' "$1" || echo "errors: none"
  echo "server RSS after run: $(( $(awk '/^VmRSS:/ {print $2}' "/proc/$PID/status") / 1024 )) MB"
}

# login_bench [<client_id> <client_secret> <redirect_uri>]: bench/java/LoginBench.java against $BASE.
login_bench() {
  . "$ROOT/bin/lib/jdk.sh"
  "$JAVA_HOME/bin/java" -XX:+UseSerialGC -Dserver.pid="$PID" -Dwarmup="${WARMUP_SECONDS:-10}" -Dsplit="${SPLIT:-false}" -cp "$ROOT/target/gatehouse.jar:$ROOT/target/lib/*" \
    "$ROOT/bench/java/LoginBench.java" "$BASE" akadmin "$ADMIN_PASSWORD" "${SECONDS_PER_RUN:-20}" "${THREADS:-2}" "$@"
}
