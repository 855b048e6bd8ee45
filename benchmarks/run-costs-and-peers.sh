#!/usr/bin/env bash
# Where the costs are, and the video lab against its peers (18 minutes on 2 cores in the run
# benchmarks/README.md quotes): where the time goes between a raw socket and a gRPC call
# (layers), what each tuning knob buys (ladder), how cost grows with streams, connections and
# message size (scaling), what idle streams and connections cost a server, and the video lab
# against its peers. Writes every table and chart to results/costs-and-peers/.
# Run it on a quiet machine: nothing else should be using the CPU. The peers need node with
# benchmarks/peers/node's packages (npm ci --prefix benchmarks/peers/node) and Debian's
# python3-grpcio and python3-protobuf on /usr/bin/python3 (.ci/run installs both).
set -euo pipefail
cd "$(dirname "$0")"
out=results/costs-and-peers
start=$SECONDS
step() { printf '\n=== [%dm%02ds] %s\n' $(((SECONDS - start) / 60)) $(((SECONDS - start) % 60)) "$1"; }

step "build the benchmarks jar"
../mvnw -q -B -f ../pom.xml -pl benchmarks -am package -DskipTests
mkdir -p "$out"
{
  echo "run started $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cpu: $(nproc) x $(lscpu | sed -n 's/^Model name: *//p')"
  echo "memory: $(free -g | awk '/^Mem:/ {print $2}') GiB"
  java -version 2>&1 | head -1
} > "$out/machine.txt"
# jmh NAME ARGS...: one JMH run (any error fails the script), its log in $out/NAME.log and
# its results in $out/NAME.json; the console shows each configuration as it starts, then
# the byte rates and p99s.
jmh() {
  local name=$1
  shift
  java -jar target/benchmarks.jar -f 1 -foe true "$@" -rf json -rff "$out/$name.json" \
    | tee "$out/$name.log" | grep --line-buffered -E '^# Parameters:'
  grep -E '^[A-Za-z]+Benchmark\.[a-zA-Z]+:(bytes|p99Micros) ' "$out/$name.log" || true
}

# Every trial is a fresh JVM: 4 x 2 s of warm-up let the JIT finish and Netty grow its window
# (with 2 x 2 s the ladder still climbed through its measured iterations), then 3 x 1 s.
fast=(-wi 4 -w 2s -i 3 -r 1s)
step "layers: blocking socket, NIO, Netty, HTTP/2, gRPC x 16 B/1 KiB/64 KiB (~4 min)"
# 2 s measured: the 64 KiB layers move only 32 messages an operation
jmh layers 'lab\.benchmarks\.layers\.LayersBenchmark' -wi 4 -w 2s -i 3 -r 2s

step "ladder: 9 rungs x cumulative/alone x 16 B/1 KiB (~8 min)"
jmh ladder-cumulative TuningLadder -p mode=cumulative "${fast[@]}"
# default and direct alone are the same settings as cumulative: measured once, above
jmh ladder-alone TuningLadder -p mode=alone \
  -p step=threshold,window,batch8,batch64,batch512,preserialized,gzip "${fast[@]}"

step "scaling: streams on one connection, connections, message size (~4 min)"
jmh scaling-streams Scaling -p streams=1,4,16,64,256 -p connections=1 -p size=1024 "${fast[@]}"
jmh scaling-connections Scaling -p streams=64 -p connections=1,2,4,8 -p size=1024 "${fast[@]}"
jmh scaling-size Scaling -p streams=16 -p connections=1 \
  -p size=16,256,1024,4096,16384,65536,262144,1048576 "${fast[@]}"

step "idle memory on the server: 500 connections, then 5,000 streams on one connection"
java -cp target/benchmarks.jar lab.benchmarks.memory.IdleMemory --connections 500 --streams 5000 \
  | tee "$out/idle-memory.log" | grep RESULT

step "the video lab against its peers: lab, python (grpcio), node (grpc-js), naive Java (~3.5 min)"
peers/run.sh > "$out/peers-run.log"
grep -E '^RESULT' "$out/peers-run.log" | cut -c1-120

step "reports"
java -cp target/benchmarks.jar lab.benchmarks.report.LayersReport "$out/layers.json" "$out"
java -cp target/benchmarks.jar lab.benchmarks.report.LadderReport "$out" "$out/ladder-cumulative.json" \
  "$out/ladder-alone.json" "$out/layers.json"
java -cp target/benchmarks.jar lab.benchmarks.report.ScalingReport "$out" \
  streams="$out/scaling-streams.json" connections="$out/scaling-connections.json" \
  size="$out/scaling-size.json"
echo "run ended $(date -u '+%H:%M UTC'), $(((SECONDS - start) / 60)) min" | tee -a "$out/machine.txt"
