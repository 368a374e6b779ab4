# Sourced by the bench scripts: free ports, readiness polling and clean-up of the servers they start.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GATEHOUSE="$ROOT/bin/gatehouse"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# wait_ready <port> <pid> <timeout-s>: polls /-/health/ready/ every ~10 ms; fails if the process dies.
wait_ready() {
  local port=$1 pid=$2 deadline=$(( $(date +%s) + $3 ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/-/health/ready/")" = 200 ]; then
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
