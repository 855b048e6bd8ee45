#!/usr/bin/env bash
# The observability demo, end to end on loopback ports:
#   1. the work server (gRPC + its Prometheus /metrics page),
#   2. a real Prometheus, with a generated config that scrapes that page every second,
#   3. the load client (prints its own client-side table when done),
#   4. half way through the load, channelz of the server and of the load client (grpcdebug-like),
#   5. the call rate and p99 per method, and calls per status, asked from Prometheus' HTTP API.
# Everything runs from a temp dir (config, TSDB, logs, pid files) and is stopped on exit.
# Ports and duration: GRPC_PORT (50059), METRICS_PORT (9464), PROM_PORT (19090),
# CLIENT_ADMIN_PORT (50090, the load client's channelz), LOAD_SECONDS (20). KEEP=1 keeps the temp dir (logs) for reading afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
GRPC_PORT=${GRPC_PORT:-50059}
METRICS_PORT=${METRICS_PORT:-9464}
PROM_PORT=${PROM_PORT:-19090}
CLIENT_ADMIN_PORT=${CLIENT_ADMIN_PORT:-50090}
LOAD_SECONDS=${LOAD_SECONDS:-20}

command -v prometheus >/dev/null || {
  echo "prometheus not found; install it: sudo apt-get install -y prometheus" >&2; exit 1; }

work=$(mktemp -d -t obs-demo.XXXXXX)
cleanup() {
  for name in load prometheus server; do
    [ -f "$work/$name.pid" ] && kill "$(cat "$work/$name.pid")" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  if [ "${KEEP:-0}" = 1 ]; then echo "logs kept in $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# Waits until "$@" succeeds, at most $1 seconds (polling twice a second).
wait_for() {
  local limit=$(($1 * 2)); shift
  for _ in $(seq "$limit"); do "$@" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "gave up waiting for: $*" >&2; return 1
}

./mvnw -q -B -pl examples-observability -am -DskipTests package
module=examples-observability
java_cmd=(java -Djava.util.logging.SimpleFormatter.format='%1$tT %4$s %3$s: %5$s%6$s%n'
  -cp "$module/target/classes:$(cat "$module/target/classpath.txt")")
# Mains started in the background are started directly (not through a function), so that
# $! is the JVM's own pid and cleanup stops the JVM itself.
"${java_cmd[@]}" lab.observability.ObservabilityServer --port "$GRPC_PORT" \
  --metrics-port "$METRICS_PORT" >"$work/server.log" 2>&1 &
echo $! >"$work/server.pid"
wait_for 60 curl -sf "http://127.0.0.1:$METRICS_PORT/metrics"
kill -0 "$(cat "$work/server.pid")" 2>/dev/null || {
  echo "the server exited (port $GRPC_PORT or $METRICS_PORT taken?):" >&2
  cat "$work/server.log" >&2; exit 1; }
echo "work server: gRPC 127.0.0.1:$GRPC_PORT, metrics http://127.0.0.1:$METRICS_PORT/metrics"

cat >"$work/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: work-server
    static_configs:
      - targets: ['127.0.0.1:$METRICS_PORT']
YAML
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
  --web.listen-address="127.0.0.1:$PROM_PORT" >"$work/prometheus.log" 2>&1 &
echo $! >"$work/prometheus.pid"
wait_for 60 curl -sf "http://127.0.0.1:$PROM_PORT/-/ready"
kill -0 "$(cat "$work/prometheus.pid")" 2>/dev/null || {
  echo "prometheus exited (port $PROM_PORT taken?):" >&2; cat "$work/prometheus.log" >&2; exit 1; }
echo "prometheus: http://127.0.0.1:$PROM_PORT (scraping every 1 s)"

echo "load: $LOAD_SECONDS s of every RPC kind, 10% failing..."
"${java_cmd[@]}" lab.observability.LoadClient --target "127.0.0.1:$GRPC_PORT" \
  --seconds "$LOAD_SECONDS" --admin-port "$CLIENT_ADMIN_PORT" &
echo $! >"$work/load.pid"
sleep $((LOAD_SECONDS / 2))
echo; echo "channelz of the server (ChannelzClient --target 127.0.0.1:$GRPC_PORT), mid-run:"
"${java_cmd[@]}" lab.observability.ChannelzClient --target "127.0.0.1:$GRPC_PORT"
echo; echo "channelz of the load client (its --admin-port $CLIENT_ADMIN_PORT), mid-run:"
"${java_cmd[@]}" lab.observability.ChannelzClient --target "127.0.0.1:$CLIENT_ADMIN_PORT"
echo
wait "$(cat "$work/load.pid")"
rm "$work/load.pid"
done_at=$(date +%s)
window=$((LOAD_SECONDS * 3 / 4))s  # the load's steady part, ending when it ended

# The numbers are final once Prometheus has scraped the server after the load ended.
scraped_after_load() {
  curl -sf -G "http://127.0.0.1:$PROM_PORT/api/v1/query" \
    --data-urlencode "query=timestamp(up{job=\"work-server\"} == 1) > $((done_at + 1))" \
    | grep -q '"result":\[{'
}
wait_for 30 scraped_after_load
echo
echo "From Prometheus' HTTP API (http://127.0.0.1:$PROM_PORT/api/v1/query):"
"${java_cmd[@]}" lab.observability.PrometheusReport --prometheus "http://127.0.0.1:$PROM_PORT" --window "$window" \
  --at "$done_at"
