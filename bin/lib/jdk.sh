# Sourced by bin/gatehouse and bin/test: finds a JDK 25 and exports JAVA_HOME to it.
# The major version from the JDK's `release` file (no JVM launch: each launch costs ~0.1 s); running
# `java -XshowSettings` only for a JDK without one.
java_major() {
  local v=""
  [ -f "$1/release" ] && v="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release")"
  if [ -z "$v" ]; then
    v="$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  fi
  echo "$v"
}

find_jdk() {
  local c
  for c in "${GATEHOUSE_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25* \
           /usr/lib/jvm/java-25-openjdk* /usr/lib/jvm/jdk-25* /opt/java/openjdk; do
    if [ -n "$c" ] && [ -x "$c/bin/java" ] && [ "$(java_major "$c")" -ge 25 ] 2>/dev/null; then
      echo "$c"; return 0
    fi
  done
  if command -v java >/dev/null; then
    c="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
    if [ "$(java_major "$c")" -ge 25 ] 2>/dev/null; then echo "$c"; return 0; fi
  fi
  echo "gatehouse: a JDK 25 is required; none found (set GATEHOUSE_JAVA_HOME)" >&2
  return 1
}

JAVA_HOME="$(find_jdk)"
export JAVA_HOME
