#!/usr/bin/env bash
# The full benchmark run (about 12 minutes on 2 cores): JMH with one fork, 3 warm-up and 3
# measured iterations of 2 s per configuration (Netty needs seconds to grow its HTTP/2 window
# by BDP probing: with 1 s warm-ups, 64 KiB streams measured half their steady rate), then the
# retained-memory runs, then the
# results table (Markdown, printed) and the chart (results/*.png). Run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")"
../mvnw -q -B -f ../pom.xml -pl benchmarks -am package -DskipTests
mkdir -p results
# The layers, the ladder and scaling have their own script (run-costs-and-peers.sh): left out.
java -jar target/benchmarks.jar -f 1 -wi 3 -w 2s -i 3 -r 2s \
  -e 'LayersBenchmark|TuningLadderBenchmark|ScalingBenchmark' \
  -rf json -rff results/full.json | tee results/jmh.log
for producer in flowControlled naive; do
  java -Xmx2g -cp target/benchmarks.jar lab.benchmarks.memory.RetainedMemoryUnderSlowConsumer \
    --producer "$producer" --total-mib 1024 --size 65536 --consumer-mib-per-s 64 \
    | tee "results/memory-$producer.log" | grep -E '^RESULT|^t=.*\.[05]s' | awk 'NR % 4 == 1 || /RESULT/'
done
java -cp target/benchmarks.jar lab.benchmarks.report.ThroughputReport results/full.json results | tee results/table.md
