package lab.observability;

import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.services.AdminInterface;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import lab.common.LabServer;
import lab.common.Main;
import lab.idioms.LabChannel;
import lab.proto.work.WorkRequest;

/**
 * Drives the work service with a mix of every RPC kind, some calls failing on purpose, then
 * prints the client-side metrics table (calls, errors by code, p50/p99 per method).
 *
 * <p>Flags: {@code --target host:port} (default localhost:50059), {@code --seconds N}
 * (default 10), {@code --concurrency N} (callers, default 4), {@code --fail-percent N}
 * (default 10; half NOT_FOUND, half INVALID_ARGUMENT), {@code --admin-port N} (serve this
 * process's channelz on N while the load runs, so ChannelzClient can show the client's
 * channel; default off).
 */
public final class LoadClient {
  static final String USAGE = "usage: ./run examples-observability LoadClient [--seconds N]"
      + " [--concurrency N] [--fail-percent N] [--admin-port N] [--target HOST:PORT]";

  public static void main(String[] args) throws Exception {
    Main.client(args, USAGE, "./run examples-observability ObservabilityServer", flags -> {
      long seconds = flags.integer("seconds", 10);
      int callers = flags.integer("concurrency", 4);
      int failPercent = flags.integer("fail-percent", 10);
      int adminPort = flags.integer("admin-port", -1);

      ClientMetricsTable table = new ClientMetricsTable();
      LabServer admin = null;
      if (adminPort >= 0) {
        LabServer.Builder builder = LabServer.onPort(adminPort);
        AdminInterface.getStandardServices().forEach(builder::addService);
        admin = builder.start();
      }
      try (Telemetry telemetry = Telemetry.readBy(table);
          LabChannel lab = new LabChannel(telemetry.instrument(
              ManagedChannelBuilder.forTarget(flags.target(ObservabilityServer.DEFAULT_PORT))
                  .usePlaintext().intercept(new CallIdClientInterceptor())).build())) {
        WorkCalls calls = new WorkCalls(lab.channel());
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        for (int i = 0; i < callers; i++) {
          pool.execute(() -> {
            while (System.nanoTime() < end) {
              oneOfEach(calls, failPercent);
            }
          });
        }
        pool.shutdown();
        if (!pool.awaitTermination(seconds + 60, TimeUnit.SECONDS)) {
          pool.shutdownNow();
        }
        System.out.println("Client-side metrics (grpc.client.call.duration), " + seconds + " s, "
            + callers + " callers:");
        System.out.print(table.format());
      } finally {
        if (admin != null) {
          admin.shutdownGracefully(LabServer.DEFAULT_GRACE);
        }
      }
    });
  }

  /** One call of each kind; each method gets its own typical work time, so p99s differ. */
  private static void oneOfEach(WorkCalls calls, int failPercent) {
    calls.run(request("run", failPercent, 2));
    calls.split(request("split", failPercent, 1).toBuilder().setParts(5).build());
    calls.collect(batch("collect", failPercent));
    calls.chat(batch("chat", failPercent));
    calls.offload(request("offload", failPercent, 10));
  }

  private static List<WorkRequest> batch(String payload, int failPercent) {
    List<WorkRequest> batch = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      batch.add(request(payload + "-" + i, i == 3 ? failPercent : 0, 0));
    }
    return batch;
  }

  private static WorkRequest request(String payload, int failPercent, int maxDelayMs) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    Status.Code code = Status.Code.OK;
    if (random.nextInt(100) < failPercent) {
      code = random.nextBoolean() ? Status.Code.NOT_FOUND : Status.Code.INVALID_ARGUMENT;
    }
    return WorkCalls.request(payload, code).toBuilder()
        .setDelayMs(maxDelayMs == 0 ? 0 : random.nextInt(maxDelayMs + 1)).build();
  }
}
