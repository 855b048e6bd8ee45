package lab.health;

import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import lab.common.LabChannel;
import lab.common.Main;

/**
 * Checks health the way infrastructure does.
 * <ul>
 *   <li>{@code --once}: one Check with a short deadline, like a Kubernetes gRPC probe or
 *       grpc_health_probe; exit code 0 when SERVING, 1 otherwise (including no answer).
 *   <li>default: a Watch stream printing every status change as it happens, like a load
 *       balancer that keeps a health stream open to each backend.
 * </ul>
 * Flags: {@code --target} (default localhost:50055), {@code --service NAME} (default "": the
 * whole server), {@code --timeout-ms N} (default 1000, for --once).
 */
public final class HealthProbeClient {
  static final String USAGE = "usage: ./run examples-health HealthProbeClient [--service VALUE]"
      + " [--target HOST:PORT] [--once] [--timeout-ms N]";

  public static void main(String[] args) throws Exception {
    Main.client(args, USAGE, "./run examples-health HealthServer", flags -> {
      HealthCheckRequest request = HealthCheckRequest.newBuilder()
          .setService(flags.string("service", "")).build();
      int exit;
      try (LabChannel lab = LabChannel.plaintext(flags.target(HealthServer.DEFAULT_PORT))) {
        var health = HealthGrpc.newBlockingStub(lab.channel());
        if (flags.bool("once")) {
          exit = probeOnce(health.withDeadlineAfter(flags.integer("timeout-ms", 1000),
              TimeUnit.MILLISECONDS), request);
        } else {
          exit = watch(health, request);
        }
      }
      System.exit(exit);
    });
  }

  /** Prints every status change; when the server goes away, says so in one line (exit 1). */
  static int watch(HealthGrpc.HealthBlockingStub health, HealthCheckRequest request) {
    Iterator<HealthCheckResponse> changes = health.watch(request);
    boolean answered = false;
    try {
      while (changes.hasNext()) {
        System.out.println("status: " + changes.next().getStatus());
        answered = true;
      }
      return 0;
    } catch (StatusRuntimeException e) {
      if (!answered) {
        throw e; // never connected: Main names the address and how to start the server
      }
      System.out.println("watch ended: the server went away ("
          + Main.describe(e.getStatus()) + ")");
      return 1;
    }
  }

  /** One check: prints the status and returns the probe's exit code. */
  static int probeOnce(HealthGrpc.HealthBlockingStub health, HealthCheckRequest request) {
    try {
      ServingStatus status = health.check(request).getStatus();
      System.out.println("status: " + status);
      return exitCode(status);
    } catch (StatusRuntimeException e) {
      System.out.println("probe failed: " + e.getStatus()); // NOT_FOUND, UNAVAILABLE, ...
      return 1;
    }
  }

  static int exitCode(ServingStatus status) {
    return status == ServingStatus.SERVING ? 0 : 1;
  }
}
