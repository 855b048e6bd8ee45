package lab.network;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import lab.proto.network.Beat;
import lab.proto.network.BeatsRequest;
import lab.proto.network.Chunk;
import lab.proto.network.DownloadRequest;
import lab.proto.network.Host;
import lab.proto.network.PulseGrpc;
import lab.proto.network.WhoamiRequest;

/**
 * Whoami answers with this host's name; Beats sends one beat per interval. A beat is live
 * data: when the stream is not ready (the reader or the network is slow) the beat is skipped,
 * not queued, so a stalled or vanished reader costs the server nothing but its index; the
 * reader sees the gap in the indexes. A cancelled call (the client went away, its deadline
 * passed) stops its timer at once.
 */
final class PulseService extends PulseGrpc.PulseImplBase {
  static final int DEFAULT_INTERVAL_MS = 200;

  private final String host;
  private final ScheduledExecutorService timer;

  PulseService(String host, ScheduledExecutorService timer) {
    this.host = host;
    this.timer = timer;
  }

  @Override
  public void whoami(WhoamiRequest request, StreamObserver<Host> reply) {
    if (request.getDelayMs() < 0 || request.getDelayMs() > 60_000) {
      reply.onError(Status.INVALID_ARGUMENT.withDescription("delay_ms must be 0..60000, got "
          + request.getDelayMs()).asRuntimeException());
      return;
    }
    String caller = CallerAddress.KEY.get();
    Host answer = Host.newBuilder().setName(host).setCaller(caller == null ? "" : caller).build();
    Runnable send = () -> {
      reply.onNext(answer);
      reply.onCompleted();
    };
    if (request.getDelayMs() == 0) {
      send.run();
    } else { // the timer answers later: no thread waits meanwhile
      var call = (ServerCallStreamObserver<Host>) reply;
      ScheduledFuture<?> later = timer.schedule(() -> {
        if (!call.isCancelled()) {
          send.run();
        }
      }, request.getDelayMs(), TimeUnit.MILLISECONDS);
      call.setOnCancelHandler(() -> later.cancel(false));
    }
  }

  @Override
  public void download(DownloadRequest request, StreamObserver<Chunk> reply) {
    Downloads.serve(request, reply);
  }

  @Override
  public void beats(BeatsRequest request, StreamObserver<Beat> observer) {
    int interval = request.getIntervalMs() == 0 ? DEFAULT_INTERVAL_MS : request.getIntervalMs();
    if (interval < 10 || interval > 60_000 || request.getCount() < 0) {
      observer.onError(Status.INVALID_ARGUMENT.withDescription(
          "interval_ms must be 10..60000 (0 = " + DEFAULT_INTERVAL_MS + ") and count >= 0, got "
              + request.getIntervalMs() + " and " + request.getCount()).asRuntimeException());
      return;
    }
    var call = (ServerCallStreamObserver<Beat>) observer;
    AtomicInteger index = new AtomicInteger();
    Object lock = new Object(); // beats come from the timer, the end from the timer or a cancel
    ScheduledFuture<?>[] ticks = new ScheduledFuture<?>[1];
    Runnable tick = () -> {
      synchronized (lock) {
        int n = index.incrementAndGet();
        if (call.isCancelled()) {
          return;
        }
        if (call.isReady()) {
          call.onNext(Beat.newBuilder().setIndex(n).setHost(host).build());
        }
        if (n == request.getCount()) {
          call.onCompleted();
          ticks[0].cancel(false);
        }
      }
    };
    synchronized (lock) {
      ticks[0] = timer.scheduleAtFixedRate(tick, interval, interval, TimeUnit.MILLISECONDS);
      call.setOnCancelHandler(() -> ticks[0].cancel(false));
    }
  }
}
