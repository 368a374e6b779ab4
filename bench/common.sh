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
