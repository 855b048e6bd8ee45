package lab.loadbalancing;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import lab.proto.loadbalancing.BackendGrpc;
import lab.proto.loadbalancing.WhoamiReply;
import lab.proto.loadbalancing.WhoamiRequest;

/**
 * Several clients, one channel each, calling in rounds: every client makes one call, all at
 * the same time, then the next round starts. Each channel to a proxy is its own TCP
 * connection, so this shows what a proxy does with each connection's calls. (Give it the same
 * channel several times for several calls at once on one channel.)
 */
public final class Callers {
  private static final Logger log = Logger.getLogger(Callers.class.getName());
  /** A call that takes longer than this is a bug here, not load: fail it loudly. */
  private static final long CALL_DEADLINE_SECONDS = 30;

  private final List<ManagedChannel> channels;

  public Callers(List<ManagedChannel> channels) {
    this.channels = List.copyOf(channels);
  }

  /** What some rounds of calls did: per client, in total, and how many calls failed. */
  public static final class Tally {
    private final List<Spread> perClient = new ArrayList<>();
    private final Spread total = new Spread();
    private long failures;
    private int rounds;

    Tally(int clients) {
      for (int i = 0; i < clients; i++) {
        perClient.add(new Spread());
      }
    }

    public List<Spread> perClient() {
      return perClient;
    }

    public Spread total() {
      return total;
    }

    public long failures() {
      return failures;
    }

    public int rounds() {
      return rounds;
    }
  }

  /** {@code rounds} rounds; each call asks the backend to work {@code delayMs} first. */
  public Tally run(int rounds, int delayMs) throws InterruptedException {
    Tally tally = new Tally(channels.size());
    for (int i = 0; i < rounds; i++) {
      round(tally, delayMs);
    }
    return tally;
  }

  /** Rounds until {@code time} has passed: for lessons that play out over time. */
  public Tally runFor(Duration time, int delayMs) throws InterruptedException {
    Tally tally = new Tally(channels.size());
    long end = System.nanoTime() + time.toNanos();
    while (System.nanoTime() < end) {
      round(tally, delayMs);
    }
    return tally;
  }

  private void round(Tally tally, int delayMs) throws InterruptedException {
    tally.rounds++;
    WhoamiRequest request = WhoamiRequest.newBuilder().setDelayMs(delayMs).build();
    List<ListenableFuture<WhoamiReply>> calls = new ArrayList<>();
    for (ManagedChannel channel : channels) {
      calls.add(BackendGrpc.newFutureStub(channel)
          .withDeadlineAfter(CALL_DEADLINE_SECONDS, TimeUnit.SECONDS).whoami(request));
    }
    for (int i = 0; i < calls.size(); i++) {
      try {
        String backend = calls.get(i).get(CALL_DEADLINE_SECONDS + 5, TimeUnit.SECONDS).getBackend();
        tally.perClient.get(i).record(backend);
        tally.total.record(backend);
      } catch (ExecutionException | TimeoutException e) {
        tally.failures++;
        // One line, not a stack trace: a demo through a proxy that is down fails every call.
        log.warning("client " + (i + 1) + ": call failed: " + Status.fromThrowable(e));
      }
    }
  }
}
