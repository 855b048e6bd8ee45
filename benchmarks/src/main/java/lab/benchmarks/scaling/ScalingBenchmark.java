package lab.benchmarks.scaling;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lab.benchmarks.support.BenchService;
import lab.benchmarks.support.Counters;
import lab.proto.benchmarks.Chunk;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * How cost grows with the work: {@code streams} Echo streams, each a closed-loop ping-pong of
 * {@code size}-byte messages (one in flight per stream), spread over {@code connections}
 * channels (one TCP connection each) to one server; direct executors on both sides, as the
 * lab recommends for non-blocking handlers. Reports round trips per second ("messages"),
 * payload bytes per second one way ("bytes"), and the round trip's p50/p99 in microseconds.
 * run-costs-and-peers.sh sweeps streams, connections and size with {@code -p}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ScalingBenchmark {
  @Param({"16"})
  public int streams;
  @Param({"1"})
  public int connections;
  @Param({"1024"})
  public int size;

  private Server server;
  private final List<ManagedChannel> channels = new ArrayList<>();
  private ClosedLoop loop;
  private int perOperation;

  @Setup(Level.Trial)
  public void start() throws Exception {
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(new BenchService()).directExecutor().build().start();
    for (int i = 0; i < connections; i++) {
      channels.add(NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
          .usePlaintext().directExecutor().build());
    }
    Chunk message = Chunk.newBuilder().setData(BenchService.payload(size, false)).build();
    loop = new ClosedLoop(channels, streams, message);
    perOperation = Math.max(64, 4 * streams);
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    loop.stop();
    for (ManagedChannel channel : channels) {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
    server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
  }

  /** One operation: the next {@code max(64, 4 × streams)} round trips, on any stream. */
  @Benchmark
  public int roundTrips(Counters counters, Latencies latencies) throws Exception {
    loop.awaitRoundTrips(perOperation);
    counters.add(perOperation, size);
    latencies.update(loop.latencies());
    return perOperation;
  }
}
