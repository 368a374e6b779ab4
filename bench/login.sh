#!/usr/bin/env bash
# Password logins per second through the flow executor API, end to end, next to the bare argon2id
# verify rate measured in the same run (same thread count). Goal (issue 3): the flow adds under 10% over
# the hash. SECONDS_PER_RUN (20) and THREADS (2) tune it.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
start_server login
login_bench
