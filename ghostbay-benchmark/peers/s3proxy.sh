#!/usr/bin/env bash
# Starts s3proxy (org.gaul:s3proxy, the Java S3 server issue #5 compares GhostBay with) on its
# filesystem-nio2 backend with SigV4 authorization, for side-by-side benchmark runs.
#
#   ghostbay-benchmark/peers/s3proxy.sh start [port]   # default port 9900; prints the PID
#   ghostbay-benchmark/peers/s3proxy.sh stop
#
# The jar (jar-with-dependencies) comes from Maven Central through Maven into
# ghostbay-benchmark/target/peers/. s3proxy 4.x needs Java 21 or newer: set JAVA to such a `java`,
# or the script takes the newest JDK under /usr/lib/jvm. Data goes to target/peers/s3proxy-data.
# Credentials: access key "s3proxy", secret "s3proxy-secret-key-for-benchmarks" (local use only).
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION="${S3PROXY_VERSION:-4.1.0}"
PORT="${2:-9900}"
DIR="target/peers"
JAR="$DIR/s3proxy-$VERSION-jar-with-dependencies.jar"
PIDFILE="$DIR/s3proxy.pid"

java_for_s3proxy() {
  if [ -n "${JAVA:-}" ]; then echo "$JAVA"; return; fi
  local newest
  newest=$(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | while read -r j; do
             v=$("$j" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')
             echo "${v:-0} $j"; done | sort -n | tail -1 | cut -d' ' -f2)
  echo "${newest:-java}"
}

case "${1:-}" in
  start)
    mkdir -p "$DIR/s3proxy-data"
    if [ ! -f "$JAR" ]; then
      mvn -B -q dependency:copy -Dartifact="org.gaul:s3proxy:$VERSION:jar:jar-with-dependencies" -DoutputDirectory="$DIR"
    fi
    cat > "$DIR/s3proxy.properties" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=s3proxy
s3proxy.credential=s3proxy-secret-key-for-benchmarks
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$(pwd)/$DIR/s3proxy-data
PROPS
    JAVA_BIN=$(java_for_s3proxy)
    nohup "$JAVA_BIN" -jar "$JAR" --properties "$DIR/s3proxy.properties" > "$DIR/s3proxy.log" 2>&1 &
    echo $! > "$PIDFILE"
    for _ in $(seq 1 60); do
      if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then break; fi
      sleep 1
    done
    echo "s3proxy $VERSION on http://127.0.0.1:$PORT (pid $(cat "$PIDFILE"), $JAVA_BIN)"
    ;;
  stop)
    [ -f "$PIDFILE" ] && kill "$(cat "$PIDFILE")" 2>/dev/null || true
    rm -f "$PIDFILE"
    ;;
  *)
    sed -n '2,12p' "$0"; exit 2 ;;
esac
