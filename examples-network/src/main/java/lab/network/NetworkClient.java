package lab.network;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import lab.common.Flags;
import lab.common.Main;
import lab.proto.network.Beat;
import lab.proto.network.BeatsRequest;
import lab.proto.network.Chunk;
import lab.proto.network.Content;
import lab.proto.network.DownloadRequest;
import lab.proto.network.Host;
import lab.proto.network.PulseGrpc;
import lab.proto.network.WhoamiRequest;

/**
 * The client side of each network scenario, one {@code --mode} each, printing one line per
 * event with the time it saw it, so a reader (or a test) can tell how long the network made
 * it wait:
 * <ul>
 *   <li>{@code beats}: one endless Beats stream; a fault in the middle ends it, with
 *       UNAVAILABLE once keepalive notices, or DEADLINE_EXCEEDED at the deadline;
 *   <li>{@code idle}: one call, {@code --idle-ms} of silence, then one more call: what an idle
 *       connection through a box that forgets it costs the next call;
 *   <li>{@code ready}: one wait-for-ready call, and a plain call every {@code --interval-ms}
 *       beside it until the first one ends: during a partition, which calls wait and which fail;
 *   <li>{@code calls}: {@code --calls N} calls, one every {@code --interval-ms}, each saying
 *       which host answered: how a policy spreads them over the addresses a name resolves to
 *       ({@code --concurrency N} callers at once; {@code --call-ms MS}: each call takes that
 *       long on the host);
 *   <li>{@code download}: {@code --bytes N} of text, then of random bytes, each without and
 *       with gzip: how long each took, and how many bytes crossed the wire ({@code --variants
 *       text}: text without gzip only).
 * </ul>
 * {@code --window BYTES} fixes the HTTP/2 flow-control window the client grants the server
 * (grpc-java otherwise starts at 1 MiB and grows it to the link's bandwidth-delay product).
 * Keepalive is off unless {@code --keepalive-ms} is given (grpc-java raises anything under
 * 10 s to 10 s); {@code --keepalive-timeout-ms} is how long a ping may go unanswered.
 */
public final class NetworkClient {
  static final String USAGE = "usage: ./run examples-network NetworkClient [--target TARGET]"
      + " [--mode beats|idle|ready|calls|download] [--deadline-ms MS] [--keepalive-ms MS]"
      + " [--keepalive-timeout-ms MS] [--keepalive-without-calls] [--idle-ms MS]"
      + " [--interval-ms MS] [--calls N] [--policy pick_first|round_robin] [--bytes N]"
      + " [--variants all|text] [--window BYTES] [--concurrency N] [--call-ms MS]";

  static final int FIRST_CALL_DEADLINE_MS = 30_000;
  /** Long: a plain call that fails during a partition fails fast, not on this deadline. */
  static final int PLAIN_CALL_DEADLINE_MS = 10_000;
  static final int WARM_UP_BYTES = 64 * 1024;

  private final PrintStream out;
  private final long start = System.nanoTime();

  NetworkClient(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    Main.client(args, USAGE, "./run examples-network NetworkServer", flags -> {
      ManagedChannel channel = channel(flags);
      try {
        new NetworkClient(System.out).run(flags, PulseGrpc.newBlockingStub(channel));
      } finally {
        channel.shutdownNow();
        channel.awaitTermination(10, TimeUnit.SECONDS);
      }
    });
  }

  /** A channel to {@code --target}: HOST:PORT, or a name with its scheme (dns:///video.lab:N). */
  static ManagedChannel channel(Flags flags) {
    String target = flags.string("target", "127.0.0.1:" + NetworkServer.DEFAULT_PORT);
    NettyChannelBuilder builder = NettyChannelBuilder.forTarget(target).usePlaintext()
        .defaultLoadBalancingPolicy(flags.string("policy", "pick_first"));
    int window = flags.integer("window", 0);
    if (window > 0) {
      builder.flowControlWindow(window); // and no automatic growth
    }
    int keepAliveMs = flags.integer("keepalive-ms", 0);
    if (keepAliveMs > 0) {
      builder.keepAliveTime(keepAliveMs, TimeUnit.MILLISECONDS)
          .keepAliveTimeout(flags.integer("keepalive-timeout-ms", 20_000), TimeUnit.MILLISECONDS)
          .keepAliveWithoutCalls(flags.bool("keepalive-without-calls"));
    }
    return builder.build();
  }

  void run(Flags flags, PulseGrpc.PulseBlockingStub stub) throws InterruptedException {
    int deadlineMs = flags.integer("deadline-ms", 0);
    switch (flags.string("mode", "beats")) {
      case "beats" -> beats(deadlineMs == 0 ? stub : stub.withDeadlineAfter(deadlineMs,
          TimeUnit.MILLISECONDS), flags.integer("interval-ms", PulseService.DEFAULT_INTERVAL_MS));
      case "idle" -> idle(stub, flags.integer("idle-ms", 20_000), deadlineMs == 0 ? 5_000
          : deadlineMs);
      case "ready" -> ready(stub, deadlineMs == 0 ? 60_000 : deadlineMs,
          flags.integer("interval-ms", 1_000));
      case "calls" -> calls(stub, flags.integer("calls", 100), flags.integer("interval-ms", 50),
          deadlineMs == 0 ? PLAIN_CALL_DEADLINE_MS : deadlineMs,
          flags.integer("concurrency", 1), flags.integer("call-ms", 0));
      case "download" -> downloads(stub, flags.integer("bytes", 1 << 20), textOnly(flags));
      default -> throw new Flags.UsageException("--mode takes beats, idle, ready, calls or"
          + " download, got: " + flags.string("mode", ""));
    }
  }

  private static boolean textOnly(Flags flags) {
    String variants = flags.string("variants", "all");
    if (!variants.equals("all") && !variants.equals("text")) {
      throw new Flags.UsageException("--variants takes all or text, got: " + variants);
    }
    return variants.equals("text");
  }

  private void beats(PulseGrpc.PulseBlockingStub stub, int intervalMs) {
    long lastBeat = System.nanoTime();
    try {
      Iterator<Beat> beats = stub.beats(BeatsRequest.newBuilder().setIntervalMs(intervalMs)
          .build());
      while (beats.hasNext()) {
        Beat beat = beats.next();
        lastBeat = System.nanoTime();
        say("beat " + beat.getIndex() + " from " + beat.getHost());
      }
      say("ended OK");
    } catch (StatusRuntimeException e) {
      say("ended " + e.getStatus().getCode() + ", " + sinceMs(lastBeat)
          + " ms after the last beat: " + e.getStatus().getDescription());
    }
  }

  private void idle(PulseGrpc.PulseBlockingStub stub, int idleMs, int deadlineMs)
      throws InterruptedException {
    whoami("call 1", stub, FIRST_CALL_DEADLINE_MS); // connects: give a loaded machine time
    say("idle for " + idleMs + " ms");
    TimeUnit.MILLISECONDS.sleep(idleMs); // the silence is the scenario, not a wait for an event
    whoami("call 2", stub, deadlineMs);
  }

  private void ready(PulseGrpc.PulseBlockingStub stub, int deadlineMs, int intervalMs)
      throws InterruptedException {
    var waiting = PulseGrpc.newFutureStub(stub.getChannel()).withWaitForReady()
        .withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS).whoami(request());
    say("wait-for-ready call started");
    CountDownLatch said = new CountDownLatch(1);
    waiting.addListener(() -> { // said the moment it ends, not when the loop next looks
      try {
        say("wait-for-ready call ended OK from " + waiting.get().getName());
      } catch (ExecutionException e) {
        say("wait-for-ready call ended " + Status.fromThrowable(e.getCause()).getCode());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      said.countDown();
    }, Runnable::run);
    for (int i = 1; !waiting.isDone(); i++) {
      whoami("plain call " + i, stub, PLAIN_CALL_DEADLINE_MS);
      TimeUnit.MILLISECONDS.sleep(intervalMs);
    }
    said.await(10, TimeUnit.SECONDS);
  }

  private void calls(PulseGrpc.PulseBlockingStub stub, int calls, int intervalMs, int deadlineMs,
      int concurrency, int callMs) throws InterruptedException {
    WhoamiRequest request = WhoamiRequest.newBuilder().setDelayMs(callMs).build();
    AtomicInteger next = new AtomicInteger();
    List<Thread> callers = new java.util.ArrayList<>();
    for (int c = 0; c < concurrency; c++) {
      Thread caller = new Thread(() -> {
        try {
          for (int i = next.incrementAndGet(); i <= calls; i = next.incrementAndGet()) {
            whoami("call " + i, stub, deadlineMs, request);
            TimeUnit.MILLISECONDS.sleep(intervalMs);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "caller-" + c);
      caller.start();
      callers.add(caller);
    }
    for (Thread caller : callers) {
      caller.join();
    }
  }

  private void downloads(PulseGrpc.PulseBlockingStub stub, int bytes, boolean textOnly) {
    List<Content> both = List.of(Content.CONTENT_TEXT, Content.CONTENT_RANDOM);
    for (Content content : both) { // warm up: JIT, gzip
      for (boolean gzip : List.of(false, true)) {
        stub.withDeadlineAfter(FIRST_CALL_DEADLINE_MS, TimeUnit.MILLISECONDS)
            .download(DownloadRequest.newBuilder().setBytes(WARM_UP_BYTES).setContent(content)
                .setGzip(gzip).build()).forEachRemaining(chunk -> { });
      }
    }
    for (Content content : textOnly ? List.of(Content.CONTENT_TEXT) : both) {
      for (boolean gzip : textOnly ? List.of(false) : List.of(false, true)) {
        WireBytes counted = new WireBytes();
        long began = System.nanoTime();
        Iterator<Chunk> chunks = stub.withInterceptors(counted)
            .withDeadlineAfter(FIRST_CALL_DEADLINE_MS * 4L, TimeUnit.MILLISECONDS)
            .download(DownloadRequest.newBuilder().setBytes(bytes).setContent(content)
                .setGzip(gzip).build());
        long received = 0;
        while (chunks.hasNext()) {
          received += chunks.next().getData().size();
        }
        long ms = Math.max(1, sinceMs(began));
        say(String.format("download %s %s: %d bytes in %d ms, %d on the wire, %.1f Mbit/s",
            content == Content.CONTENT_RANDOM ? "random" : "text", gzip ? "gzip" : "identity",
            received, ms, counted.wire(), received * 8.0 / ms / 1000));
      }
    }
  }

  private void whoami(String label, PulseGrpc.PulseBlockingStub stub, int deadlineMs) {
    whoami(label, stub, deadlineMs, request());
  }

  private void whoami(String label, PulseGrpc.PulseBlockingStub stub, int deadlineMs,
      WhoamiRequest request) {
    long began = System.nanoTime();
    try {
      Host host = stub.withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS).whoami(request);
      String family = host.getCaller().contains(":") ? "IPv6" : "IPv4";
      say(label + " ended OK from " + host.getName() + " over " + family + " in "
          + sinceMs(began) + " ms");
    } catch (StatusRuntimeException e) {
      say(label + " ended " + e.getStatus().getCode() + " in " + sinceMs(began) + " ms: "
          + e.getStatus().getDescription());
    }
  }

  private static WhoamiRequest request() {
    return WhoamiRequest.getDefaultInstance();
  }

  private void say(String line) {
    out.println("+" + sinceMs(start) + " ms " + line);
    out.flush();
  }

  private static long sinceMs(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
  }
}
