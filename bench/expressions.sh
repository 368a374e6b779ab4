#!/usr/bin/env bash
# Evaluation time of the seed's Nextcloud Profile scope mapping in authentik's Python next to its CEL form
# (bench/java/ExpressionBench.java), in-process, one thread, after a warm-up. Prints python_us_per_eval,
# cel_us_per_eval, their ratio and PASS/FAIL against the goal: Python within 2x of CEL and under 50 us.
# WARMUP (50000), ITERATIONS (50000) and ROUNDS (5) tune it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/bin/lib/jdk.sh"
(cd "$ROOT" && mvn -B -q -o -DskipTests package >&2)
"$JAVA_HOME/bin/java" -XX:+UseSerialGC -cp "$ROOT/target/gatehouse.jar:$ROOT/target/lib/*" \
  "$ROOT/bench/java/ExpressionBench.java" "$ROOT/src/test/resources/seeds/nextcloud_profile_mapping.py" \
  "${WARMUP:-50000}" "${ITERATIONS:-50000}" "${ROUNDS:-5}"
