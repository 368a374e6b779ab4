#!/usr/bin/env bash
# Write throughput: POST /api/v3/core/users/ (one new user per request, each answered 201 only once durable)
# under `wrk -t1 -c4 -d20s` on the embedded database. Prints created users/s and the 99th-percentile latency.
# Needs wrk (installed with apt-get when missing).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-4}
need_wrk
start_server create-users
URL="$BASE/api/v3/core/users/"
cat >"$WORK/create.lua" <<'LUA'
local n = 0
local prefix = ""
function init(args)
  prefix = args[1] or "u"
  wrk.headers["Content-Type"] = "application/json"
end
request = function()
  n = n + 1
  return wrk.format("POST", nil, nil, '{"username":"' .. prefix .. "-" .. n .. '","name":"Bench ' .. n .. '"}')
end
LUA
wrk -t1 -c"$CONNECTIONS" -d5s -s "$WORK/create.lua" -H "Authorization: Bearer $TOKEN" "$URL" -- warm >/dev/null
wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$WORK/create.lua" -H "Authorization: Bearer $TOKEN" "$URL" -- run \
  | tee "$WORK/wrk.txt"
wrk_report "$WORK/wrk.txt" "users created/s"
