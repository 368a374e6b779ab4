#!/usr/bin/env bash
# OAuth2 authorization-code logins per second, end to end, as a relying party drives them: authorize
# without a session → the login flow (identification, password: one argon2id check) → authorize again →
# the provider's authorization flow → code on the redirect URI → code + PKCE verifier exchanged at the token
# endpoint for an access token and id_token. Printed next to the bare argon2id verify rate of the same run
# (issue 4 asks for this figure). SECONDS_PER_RUN (20) and THREADS (2) tune it.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
start_server authcode
REDIRECT="http://127.0.0.1:1/callback"
create_oauth2_app bench "$REDIRECT"
login_bench "$CLIENT_ID" "$CLIENT_SECRET" "$REDIRECT"
