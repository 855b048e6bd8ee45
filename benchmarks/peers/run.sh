#!/usr/bin/env bash
# The video lab against its peers (about 3.5 minutes on 2 cores; 3m10s and 3m33s in helper
# runs). Builds nothing: build the jar first
# (../../mvnw -B -q -f ../../pom.xml -pl benchmarks -am package -DskipTests) and install the
# peers (npm ci --prefix benchmarks/peers/node; Debian's python3-grpcio).
# Each server of the video contract starts on a free loopback port with an empty store, gets
# the same VideoLoad, and is stopped. Two rounds, the second in reverse order, and each server
# keeps its best figure of the two: noise on a shared machine only ever makes a figure worse,
# and one figure moved 5x between runs on a loaded one. Writes ../results/costs-and-peers/peers.md
# (table, ratios, targets), peers.png and peers.log (every RESULT line).
# SECONDS_PER_FIGURE (default 5) and WARMUP_SECONDS (default 2) shorten or lengthen the run.
set -euo pipefail
cd "$(dirname "$0")"
jar=../target/benchmarks.jar
out=../results/costs-and-peers
mkdir -p "$out"
log="$out/peers.log"
: > "$log"

# Runs server $1 in the foreground of a subshell (exec: its pid is the server's).
serve() {
  case "$1" in
    lab) exec java -cp "$jar" lab.benchmarks.peers.LabVideoServer --port 0 ;;
    naive-java) exec java -cp "$jar" lab.benchmarks.peers.NaiveVideoServer --port 0 ;;
    python) exec /usr/bin/python3 python/video_server.py --port=0 ;;
    node) exec node node/server.js --port=0 ;;
  esac
}

server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
trap stop_server EXIT

measure() {
  local name=$1 server_log="$out/peers-$1.server.log" port=""
  serve "$name" > "$server_log" 2>&1 &
  server_pid=$!
  for _ in $(seq 600); do # at most 60 s for it to say where it listens
    port=$(grep -i -o -m1 'listening on 127\.0\.0\.1:[0-9]*' "$server_log" | cut -d: -f2 || true)
    [ -n "$port" ] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$server_log"; exit 1; }
    sleep 0.1
  done
  [ -n "$port" ] || { echo "$name did not start:"; cat "$server_log"; exit 1; }
  java -cp "$jar" lab.benchmarks.peers.VideoLoad --target "127.0.0.1:$port" --label "$name" \
    --seconds "${SECONDS_PER_FIGURE:-5}" --warmup "${WARMUP_SECONDS:-2}" | tee -a "$log"
  stop_server
}

for server in lab python node naive-java; do measure "$server"; done
for server in naive-java node python lab; do measure "$server"; done
java -cp "$jar" lab.benchmarks.report.PeersReport "$log" "$out"
