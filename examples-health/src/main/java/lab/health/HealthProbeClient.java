package lab.health;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import lab.common.Main;
import lab.idioms.LabChannel;

/**
 * Checks health the way infrastructure does.
 * <ul>
 *   <li>{@code --once}: one Check with a short deadline, like a Kubernetes gRPC probe or
 *       grpc_health_probe; exit code 0 when SERVING, 1 otherwise (including no answer).
 *       Connecting has a bound of its own, as grpc_health_probe's {@code -connect-timeout}
 *       does: the check's deadline is about how fast the server answers, and should not be
 *       spent on a TCP handshake with a server (or a client JVM) that is still warming up.
 *   <li>default: a Watch stream printing every status change as it happens, like a load
 *       balancer that keeps a health stream open to each backend.
 * </ul>
 * Flags: {@code --target} (default localhost:50055), {@code --service NAME} (default "": the
 * whole server), {@code --timeout-ms N} (default 1000, for --once), {@code --connect-timeout-ms N}
 * (default 10000, for --once).
 */
public final class HealthProbeClient {
  static final String USAGE = "usage: ./run examples-health HealthProbeClient [--service VALUE]"
      + " [--target HOST:PORT] [--once] [--timeout-ms N] [--connect-timeout-ms N]";

  public static void main(String[] args) throws Exception {
    Main.client(args, USAGE, "./run examples-health HealthServer", flags -> {
      HealthCheckRequest request = HealthCheckRequest.newBuilder()
          .setService(flags.string("service", "")).build();
      int exit;
      try (LabChannel lab = LabChannel.plaintext(flags.target(HealthServer.DEFAULT_PORT))) {
        var health = HealthGrpc.newBlockingStub(lab.channel());
        if (flags.bool("once")) {
          awaitConnection(lab.channel(), flags.integer("connect-timeout-ms", 10_000));
          exit = probeOnce(health.withDeadlineAfter(flags.integer("timeout-ms", 1000),
              TimeUnit.MILLISECONDS), request, System.out);
        } else {
          exit = watch(health, request, System.out);
        }
      }
      System.exit(exit);
    });
  }

  /** Prints every status change; when the server goes away, says so in one line (exit 1). */
  static int watch(HealthGrpc.HealthBlockingStub health, HealthCheckRequest request,
      PrintStream out) {
    Iterator<HealthCheckResponse> changes = health.watch(request);
    boolean answered = false;
    try {
      while (changes.hasNext()) {
        out.println("status: " + changes.next().getStatus());
        answered = true;
      }
      return 0;
    } catch (StatusRuntimeException e) {
      if (!answered) {
        throw e; // never connected: Main names the address and how to start the server
      }
      out.println("watch ended: the server went away ("
          + Main.describe(e.getStatus()) + ")");
      return 1;
    }
  }

  /**
   * Connects, and waits until the channel is READY (then the check gets its whole deadline)
   * or has failed to connect (then the check fails at once, naming the refused address), for
   * at most {@code boundMs}. Returns the state it saw last.
   */
  static ConnectivityState awaitConnection(ManagedChannel channel, long boundMs)
      throws InterruptedException {
    CountDownLatch settled = new CountDownLatch(1);
    watchUntilSettled(channel, settled);
    settled.await(boundMs, TimeUnit.MILLISECONDS);
    return channel.getState(false);
  }

  private static void watchUntilSettled(ManagedChannel channel, CountDownLatch settled) {
    ConnectivityState state = channel.getState(true); // true: connect if idle
    if (state == ConnectivityState.READY || state == ConnectivityState.TRANSIENT_FAILURE) {
      settled.countDown();
    } else {
      channel.notifyWhenStateChanged(state, () -> watchUntilSettled(channel, settled));
    }
  }

  /** One check: prints the status and returns the probe's exit code. */
  static int probeOnce(HealthGrpc.HealthBlockingStub health, HealthCheckRequest request,
      PrintStream out) {
    try {
      ServingStatus status = health.check(request).getStatus();
      out.println("status: " + status);
      return exitCode(status);
    } catch (StatusRuntimeException e) {
      // NOT_FOUND, UNAVAILABLE, DEADLINE_EXCEEDED, ...: a probe that fails, not an error
      out.println("probe failed: " + Main.describe(e.getStatus()));
      return 1;
    }
  }

  static int exitCode(ServingStatus status) {
    return status == ServingStatus.SERVING ? 0 : 1;
  }
}
