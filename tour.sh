#!/usr/bin/env bash
# The lab in one command, along the learning path: for each lesson, start its server on a free
# port, run its client against it, narrate what was sent, what came back and with which status
# codes, name the file to read next, stop the server and move on.
#   bash tour.sh              # every lesson (about a minute and a half once built)
#   bash tour.sh streaming    # only the lessons whose module name contains "streaming"
# Mains run straight from target/classes (as ./run does); when a module is not built yet,
# one quiet `./mvnw -DskipTests package` builds them all first. Exits 1 if any step failed.
set -uo pipefail
cd "$(dirname "$0")"
only=${1:-}
work=$(mktemp -d)
failed=()
server_pid=''
trap 'stop_server; rm -rf "$work"' EXIT

# The lessons, in learning order, from the one file that lists them (the steps below follow
# it; lab-docs LearningOrderTest checks that they do).
mapfile -t lessons < <(grep -v '^#' lessons.txt)
for m in "${lessons[@]}"; do
  if [ ! -f "$m/target/classpath.txt" ]; then
    echo "Building the lab first (once): ./mvnw -q -B -DskipTests package"
    ./mvnw -q -B -DskipTests package || exit 1
    break
  fi
done

# java for MODULE MAIN [flags], the way ./run starts it.
lab_java() {
  local module=$1 class=lab.${1#*-}.$2
  shift 2
  exec java -Djava.util.logging.SimpleFormatter.format='%1$tT %4$s %3$s: %5$s%6$s%n' \
    -cp "$module/target/classes:$(cat "$module/target/classpath.txt")" "$class" "$@"
}

# Starts MODULE MAIN [flags] in the background; sets $port from its "on 127.0.0.1:PORT" log
# line. Waits at most 60 s.
start_server() {
  : >"$work/server.log" # emptied before the server starts, or the loop below could read
                        # the previous step's port from the old log
  ( lab_java "$@" ) >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 600); do
    port=$(grep -oE 'on 127\.0\.0\.1:[0-9]+' "$work/server.log" | head -1 | cut -d: -f2)
    if [ -n "$port" ]; then
      echo "  server  ./run $1 $2 ${*:3}  -> listening on 127.0.0.1:$port"
      return 0
    fi
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "  server  $1 $2 did not start; its log:"; sed 's/^/    /' "$work/server.log"
  return 1
}

# Ctrl-C's equivalent (SIGTERM: a graceful shutdown), then at most 20 s for it to end.
stop_server() {
  [ -n "$server_pid" ] || return 0
  kill -TERM "$server_pid" 2>/dev/null
  for _ in $(seq 200); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$server_pid" 2>/dev/null
  wait "$server_pid" 2>/dev/null
  server_pid=''
}

# Runs MODULE MAIN [flags] as the client, prints its output indented, then the status codes
# it mentions. Returns its exit status.
client() {
  echo "  client  ./run $*"
  ( lab_java "$@" ) >"$work/client.log" 2>&1
  local status=$?
  grep -v 'MacAddressUtil' "$work/client.log" | sed 's/^/  | /'
  local codes
  codes=$(grep -oE '\b(OK|CANCELLED|UNKNOWN|INVALID_ARGUMENT|DEADLINE_EXCEEDED|NOT_FOUND|ALREADY_EXISTS|PERMISSION_DENIED|RESOURCE_EXHAUSTED|FAILED_PRECONDITION|ABORTED|OUT_OF_RANGE|UNIMPLEMENTED|INTERNAL|UNAVAILABLE|DATA_LOSS|UNAUTHENTICATED)\b' \
    "$work/client.log" | sort | uniq -c | awk '{printf "%s%s x%s", sep, $2, $1; sep=", "}')
  echo "  status codes in the output: ${codes:-(none named; every call ended OK)}"
  echo "  client exit status: $status"
  return $status
}

# step N MODULE "what it teaches" "what the client sends" "file to read next" SERVER [flags] -- CLIENT [flags]
step() {
  local n=$1 module=$2 lesson=$3 sends=$4 next=$5
  shift 5
  [[ "$module" == *"$only"* ]] || return 0
  if [ "${lessons[n - 1]:-}" != "$module" ]; then
    echo "== $n. $module: STEP FAILED, lessons.txt has ${lessons[n - 1]:-no lesson} at $n"
    failed+=("$module")
    return 0
  fi
  local server=() client_args=()
  while [ "$1" != -- ]; do server+=("$1"); shift; done
  shift
  client_args=("$@")
  echo
  echo "== $n. $module: $lesson"
  echo "  sends   $sends"
  local ok=1
  if [ "${server[0]}" != none ]; then
    start_server "$module" "${server[@]}" || ok=0
  fi
  if [ $ok = 1 ]; then
    client_args=("${client_args[@]//PORT/${port:-}}") # a step with no server has no port
    client "$module" "${client_args[@]}" || ok=0
  fi
  stop_server
  if [ ! -f "$next" ]; then
    echo "  the file to read next is missing: $next"
    ok=0
  fi
  if [ $ok = 1 ]; then
    echo "  read next: $next"
  else
    echo "  STEP FAILED: $module"
    failed+=("$module")
  fi
}

started=$SECONDS
step 1 examples-unary "one request, one response; status codes and error details; deadlines" \
  "GetFeature for a known point, a point out of range, then one with a short deadline" \
  examples-unary/src/main/java/lab/unary/RouteGuideUnaryService.java \
  UnaryServer --port 0 -- UnaryClient --target 127.0.0.1:PORT
step 2 examples-streaming "the four kinds of RPC on the notes' video service; ping-pong vs gather" \
  "the notes' session: ListVideos, AddVideo 2 and 1, GetVideos (gather), GetVideo (ping-pong)" \
  lab-services/src/main/java/lab/services/VideoService.java \
  VideoServer --port 0 -- VideoClient --target 127.0.0.1:PORT
step 3 examples-interceptors "metadata and interceptors: auth, request ids, trailers" \
  "Echo calls with a bearer token and metadata; the interceptors' headers and trailers come back" \
  examples-interceptors/README.md \
  InterceptorsServer --port 0 -- InterceptorsClient --target 127.0.0.1:PORT
step 4 examples-health "grpc.health.v1: Check answers SERVING or NOT_SERVING" \
  "one health Check for the whole server (exit 0 if SERVING)" \
  examples-health/src/main/java/lab/health/HealthServer.java \
  HealthServer --port 0 -- HealthProbeClient --once --target 127.0.0.1:PORT
step 5 examples-multiplex "many services on one server, many stubs on one channel" \
  "a slow clock call, then route guide and video calls on the same channel that do not wait for it" \
  examples-multiplex/src/main/java/lab/multiplex/MultiplexClient.java \
  MultiplexServer --port 0 -- MultiplexClient --target 127.0.0.1:PORT
step 6 examples-compression "gzip per call and per response, bytes on the wire measured" \
  "uploads and downloads of 64 KiB, plain and gzip, and one deflate upload the server refuses" \
  examples-compression/README.md \
  CompressionServer --port 0 -- CompressionClient --target 127.0.0.1:PORT
step 7 examples-resilience "deadlines, retry, hedging, wait-for-ready, message limits" \
  "one call per option; each line says what it shows and how the call ended" \
  examples-resilience/README.md \
  ResilienceServer --port 0 -- ResilienceClient --target 127.0.0.1:PORT
base=$(( 20000 + RANDOM % 30000 ))
step 8 examples-loadbalancing "pick_first sticks to one backend, round_robin spreads the calls" \
  "300 Whoami calls per policy over three backends; the histogram says who answered" \
  examples-loadbalancing/README.md \
  BackendServer --port "$base" -- LoadBalancingClient \
  --backends "127.0.0.1:$base,127.0.0.1:$((base + 1)),127.0.0.1:$((base + 2))" --calls 60
step 9 examples-wire "a gRPC call is an HTTP/2 POST: the frames, the 5-byte prefix, the trailers" \
  "AddVideo, ListVideos and a missing method as raw HTTP/2 frames, against its own server" \
  examples-wire/README.md \
  none -- WireTranscript
step 10 examples-security "TLS, mutual TLS identity, bearer tokens" \
  "WhoAmI, AddVideo and ListVideos as alice, with her client certificate and token" \
  examples-security/README.md \
  SecureServer --port 0 --mtls --pki "$work/pki" -- SecureClient --target localhost:PORT \
  --pki "$work/pki" --cert alice
step 11 examples-observability "per-method metrics, channelz, a call id in every log line" \
  "3 s of load of every RPC kind, some failing on purpose; then the client's metrics table" \
  examples-observability/README.md \
  ObservabilityServer --port 0 --metrics-port 0 -- LoadClient --target 127.0.0.1:PORT --seconds 3
step 12 examples-interop "the gRPC interop cases by their spec names" \
  "every interop case of the Java client against the Java server" \
  examples-interop/README.md \
  InteropServer --port 0 -- InteropClient --server_host 127.0.0.1 --server_port PORT --test_case all
step 13 examples-network "what loopback hides: black holes, idle middleboxes, backoff, DNS" \
  "5 calls on loopback, where nothing goes wrong; the faults need root: examples-network/scenario.sh" \
  examples-network/README.md \
  NetworkServer --port 0 -- NetworkClient --target 127.0.0.1:PORT --mode calls --calls 5 \
  --interval-ms 100
step 14 examples-contracts "a contract that changes without breaking its callers" \
  "a version 2 client against a version 1 server: new fields kept, big views cut, CountVideos missing" \
  examples-contracts/README.md \
  ContractServer --port 0 --version v1 -- ContractClient --version v2 --target 127.0.0.1:PORT

echo
echo "== the tour took $((SECONDS - started)) s"
echo "next: benchmarks/README.md (JMH), and NOTES.md for the why behind each lesson"
if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED steps: ${failed[*]}"
  exit 1
fi
echo "every step passed"
