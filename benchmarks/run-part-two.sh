#!/usr/bin/env bash
# Benchmarks, part two (about 20 minutes on 2 cores): where the time goes between a raw socket
# and a gRPC call (layers), what each tuning knob buys (ladder), how cost grows with streams,
# connections and message size (scaling), what idle streams and connections cost a server,
# and the video lab against its peers. Writes every table and chart to results/part-two/.
# Run it on a quiet machine: nothing else should be using the CPU.
set -euo pipefail
cd "$(dirname "$0")"
out=results/part-two
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
jmh() { java -jar target/benchmarks.jar -f 1 "$@"; }

# Every trial is a fresh JVM: 2 x 2 s of warm-up lets the JIT finish (1 s was not enough for
# the scaling loop on this machine), then 3 x 1 s measured.
fast=(-wi 2 -w 2s -i 3 -r 1s)
step "ladder: 9 rungs x cumulative/alone x 16 B/1 KiB (~5 min)"
jmh TuningLadder -p mode=cumulative "${fast[@]}" -rf json -rff "$out/ladder-cumulative.json" \
  | grep -E '^TuningLadder.*bytes' || true
# default and direct alone are the same settings as cumulative: measured once, above
jmh TuningLadder -p mode=alone \
  -p step=threshold,window,batch8,batch64,batch512,preserialized,gzip "${fast[@]}" \
  -rf json -rff "$out/ladder-alone.json" | grep -E '^TuningLadder.*bytes' || true

step "scaling: streams on one connection, connections, message size (~3 min)"
jmh Scaling -p streams=1,4,16,64,256 -p connections=1 -p size=1024 "${fast[@]}" \
  -rf json -rff "$out/scaling-streams.json" | grep -E '^Scaling.*(messages|p99)' || true
jmh Scaling -p streams=64 -p connections=1,2,4,8 -p size=1024 "${fast[@]}" \
  -rf json -rff "$out/scaling-connections.json" | grep -E '^Scaling.*(messages|p99)' || true
jmh Scaling -p streams=16 -p connections=1 -p size=16,256,1024,4096,16384,65536,262144,1048576 \
  "${fast[@]}" -rf json -rff "$out/scaling-size.json" \
  | grep -E '^Scaling.*(bytes|p99)' || true

step "idle memory on the server: 500 connections, then 5,000 streams on one connection"
java -cp target/benchmarks.jar lab.benchmarks.IdleMemory --connections 500 --streams 5000 \
  | tee "$out/idle-memory.log" | grep RESULT

step "reports"
java -cp target/benchmarks.jar lab.benchmarks.LadderReport "$out" "$out/ladder-cumulative.json" \
  "$out/ladder-alone.json" "$out/layers.json"
java -cp target/benchmarks.jar lab.benchmarks.ScalingReport "$out" \
  streams="$out/scaling-streams.json" connections="$out/scaling-connections.json" \
  size="$out/scaling-size.json"
echo "run ended $(date -u '+%H:%M UTC'), $(((SECONDS - start) / 60)) min" | tee -a "$out/machine.txt"
