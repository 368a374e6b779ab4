#!/usr/bin/env bash
# Password logins per second through the flow executor API, end to end, next to the bare argon2id
# verify rate measured in the same run (same JVM flags, same thread count).
# Goal (issue 3): the flow adds under 10% over the hash.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
SECONDS_PER_RUN=${SECONDS_PER_RUN:-20}
THREADS=${THREADS:-2}

WORK="$(mktemp -d /tmp/gatehouse-bench-login.XXXXXX)"
PID=""
cleanup() { [ -n "$PID" ] && stop "$PID"; rm -rf "$WORK"; }
trap cleanup EXIT

ensure_built
export GATEHOUSE_DATA_DIR="$WORK/data"
export GATEHOUSE_LISTEN__HTTP="127.0.0.1:$(free_port)"
export GATEHOUSE_LISTEN__HTTPS="127.0.0.1:$(free_port)"
export GATEHOUSE_BOOTSTRAP_PASSWORD="bench-password-$$"
PORT="${GATEHOUSE_LISTEN__HTTP##*:}"

LOG="$WORK/server.log"; "$GATEHOUSE" server >"$LOG" 2>&1 & PID=$!
wait_ready "$PORT" "$PID" 120

. "$ROOT/bin/lib/jdk.sh"
"$JAVA_HOME/bin/java" -XX:+UseSerialGC -cp "$ROOT/target/gatehouse.jar:$ROOT/target/lib/*" \
  "$ROOT/bench/java/LoginBench.java" "http://127.0.0.1:$PORT" akadmin "$GATEHOUSE_BOOTSTRAP_PASSWORD" \
  "$SECONDS_PER_RUN" "$THREADS"
