#!/usr/bin/env bash
# LDAP outpost in cached bind and search mode with 10,000 users: UnboundID searchrate (search by cn) and authrate
# (simple binds of different users, each running the bind flow once) against Gatehouse, next to the argon2id
# verifies/s of this machine (a bind should cost about one hash) and, when slapd is installed, OpenLDAP's
# searchrate on the same data. Goals (issue 7): >= 10,000 searches/s; a bind within 10% of one argon2id hash.
# USERS (10000), THREADS (2), INTERVALS (4) x INTERVAL_SECONDS (5) tune it.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
USERS="${USERS:-10000}" THREADS="${THREADS:-2}" INTERVALS="${INTERVALS:-4}" INTERVAL_SECONDS="${INTERVAL_SECONDS:-5}"
export GATEHOUSE_LISTEN__LDAP="127.0.0.1:$(free_port)" GATEHOUSE_LISTEN__LDAPS="127.0.0.1:$(free_port)"
LDAP_PORT="${GATEHOUSE_LISTEN__LDAP##*:}"
BASE_DN="DC=ldap,DC=goauthentik,DC=io"
start_server ldap
. "$ROOT/bin/lib/jdk.sh"
CP="$ROOT/target/gatehouse.jar:$ROOT/target/lib/*"
java_run() { "$JAVA_HOME/bin/java" -XX:+UseSerialGC -cp "$CP" "$@"; }

# Users get one precomputed argon2id hash (password_hash), so creating them costs no hashing on the server.
HASH="$("$GATEHOUSE" hash_password <<<"bench-password")"
echo "creating $USERS users..." >&2
python3 - "$PORT" "$TOKEN" "$USERS" "$HASH" <<'PY'
import http.client, json, sys
port, token, n, pw_hash = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
c = http.client.HTTPConnection("127.0.0.1", port)
h = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
for i in range(n):
    c.request("POST", "/api/v3/core/users/", json.dumps({"username": f"user.{i}", "name": f"User {i}",
              "email": f"user.{i}@example.org", "password_hash": pw_hash}), h)
    r = c.getresponse(); body = r.read()
    if r.status != 201:
        sys.exit(f"user {i}: {r.status} {body[:200]}")
PY
FLOW=$(api "$BASE/api/v3/flows/instances/default-authentication-flow/" | python3 -c 'import json,sys; print(json.load(sys.stdin)["pk"])')
PROVIDER=$(api -X POST -d "{\"name\":\"bench-ldap\",\"authorization_flow\":\"$FLOW\",\"bind_mode\":\"cached\",\"search_mode\":\"cached\"}" \
  "$BASE/api/v3/providers/ldap/" | python3 -c 'import json,sys; print(json.load(sys.stdin)["pk"])')
api -X POST -d "{\"name\":\"bench-ldap\",\"slug\":\"bench-ldap\",\"provider\":$PROVIDER}" "$BASE/api/v3/core/applications/" >/dev/null
for _ in $(seq 1 500); do (exec 3<>"/dev/tcp/127.0.0.1/$LDAP_PORT") 2>/dev/null && break; sleep 0.02; done

rate() { # rate <log>: the overall average UnboundID prints after the last interval
  awk '/^ *[0-9]/ {last=$0} END {split(last, f, /  +/); print f[2]}' "$1" | head -1
}
RATE_ARGS=(--hostname 127.0.0.1 --numThreads "$THREADS" --intervalDuration "$INTERVAL_SECONDS"
           --numIntervals "$INTERVALS" --warmUpIntervals 1)
java_run com.unboundid.ldap.sdk.examples.SearchRate "${RATE_ARGS[@]}" --port "$LDAP_PORT" \
  --bindDN "cn=akadmin,ou=users,$BASE_DN" --bindPassword "$ADMIN_PASSWORD" --baseDN "ou=users,$BASE_DN" \
  --scope sub --filter "(cn=user.[0-$((USERS - 1))])" --attribute cn --attribute mail >"$WORK/searchrate.log" 2>&1
# Server CPU per bind: the server's CPU time over the AuthRate run divided by the binds it completed (each cached
# bind signs in once: one login event).
logins() { api "$BASE/api/v3/events/events/?action=login&page_size=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["pagination"]["count"])'; }
cpu_ms() { awk '{print ($14 + $15) * 10}' "/proc/$PID/stat"; }
logins_before=$(logins); cpu_before=$(cpu_ms)
java_run com.unboundid.ldap.sdk.examples.AuthRate "${RATE_ARGS[@]}" --port "$LDAP_PORT" --bindOnly \
  --baseDN "cn=user.[0-$((USERS - 1))],ou=users,$BASE_DN" --credentials bench-password >"$WORK/authrate.log" 2>&1
cpu_after=$(cpu_ms); logins_after=$(logins)
BINDS=$((logins_after - logins_before))
BIND_CPU=$(python3 -c "print(round(($cpu_after - $cpu_before) / max(1, $BINDS), 1))")
HASHES="$(java_run "$ROOT/bench/java/HashRate.java" $(( INTERVALS * INTERVAL_SECONDS )) "$THREADS")"
HASH_CPU=$(echo "$HASHES" | python3 -c "import re,sys; r=float(re.search(r'([0-9.]+)/s', sys.stdin.read()).group(1)); print(round(1000 * $THREADS / r, 1))")

# OpenLDAP on the same 10,000 users (slapd in the foreground with its own config on a loopback port).
SLAPD=""
if [ -x /usr/sbin/slapd ]; then
  S="$WORK/slapd"; mkdir -p "$S/db"; SLAPD_PORT="$(free_port)"
  cat >"$S/slapd.conf" <<CONF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile $S/slapd.pid
database mdb
maxsize 1073741824
suffix "$BASE_DN"
rootdn "cn=admin,$BASE_DN"
rootpw bench-password
directory $S/db
index cn eq
CONF
  python3 - "$USERS" "$BASE_DN" >"$S/data.ldif" <<'PY'
import sys
n, base = int(sys.argv[1]), sys.argv[2]
print(f"dn: {base}\nobjectClass: top\nobjectClass: dcObject\nobjectClass: organization\no: bench\ndc: ldap\n")
print(f"dn: ou=users,{base}\nobjectClass: organizationalUnit\nou: users\n")
for i in range(n):
    print(f"dn: cn=user.{i},ou=users,{base}\nobjectClass: inetOrgPerson\ncn: user.{i}\nsn: User {i}\n"
          f"mail: user.{i}@example.org\nuserPassword: bench-password\n")
PY
  if /usr/sbin/slapadd -q -f "$S/slapd.conf" -l "$S/data.ldif" >"$S/slapadd.log" 2>&1; then
    /usr/sbin/slapd -d 0 -f "$S/slapd.conf" -h "ldap://127.0.0.1:$SLAPD_PORT/" >"$S/slapd.log" 2>&1 & SLAPD_PID=$!
    trap '[ -n "${SLAPD_PID:-}" ] && kill "$SLAPD_PID" 2>/dev/null; [ -n "$PID" ] && stop "$PID"; rm -rf "$WORK"' EXIT
    for _ in $(seq 1 500); do (exec 3<>"/dev/tcp/127.0.0.1/$SLAPD_PORT") 2>/dev/null && break; sleep 0.02; done
    java_run com.unboundid.ldap.sdk.examples.SearchRate "${RATE_ARGS[@]}" --port "$SLAPD_PORT" \
      --bindDN "cn=user.0,ou=users,$BASE_DN" --bindPassword bench-password --baseDN "ou=users,$BASE_DN" \
      --scope sub --filter "(cn=user.[0-$((USERS - 1))])" --attribute cn --attribute mail >"$S/searchrate.log" 2>&1
    SLAPD="$(rate "$S/searchrate.log")"
  else
    SLAPD="not run (slapadd failed: $(tail -1 "$S/slapadd.log"))"
  fi
else
  SLAPD="not run (slapd not installed)"
fi

echo "----"
echo "users: $USERS, client threads: $THREADS, $INTERVALS x ${INTERVAL_SECONDS}s after 1 warm-up interval"
echo "Gatehouse searches/s (search by cn, cached): $(rate "$WORK/searchrate.log") (goal >= 10000)"
echo "Gatehouse binds/s (authrate --bindOnly, cached bind mode, distinct users): $(rate "$WORK/authrate.log")"
echo "$HASHES (a bind should cost within 10% of one)"
echo "server CPU per bind: $BIND_CPU ms ($BINDS binds); one argon2id verify: $HASH_CPU ms of a core"
echo "OpenLDAP slapd searches/s (same data and load): $SLAPD"
echo "server RSS after run: $(( $(awk '/^VmRSS:/ {print $2}' "/proc/$PID/status") / 1024 )) MB"
