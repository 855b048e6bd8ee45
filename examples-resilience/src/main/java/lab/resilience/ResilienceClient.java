package lab.resilience;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import lab.common.Main;
import lab.idioms.LabChannel;
import lab.proto.work.FrontendGrpc;
import lab.proto.work.WorkGrpc;
import lab.proto.work.WorkReply;
import lab.proto.work.WorkRequest;

/**
 * Shows each option against a running ResilienceServer: a deadline, its propagation through
 * the frontend, retries and hedging from service configs, wait-for-ready against a port with
 * no server, and a message over the size limit. Flags: {@code --target} (default
 * localhost:50058).
 */
public final class ResilienceClient {
  static final String USAGE = "usage: ./run examples-resilience ResilienceClient"
      + " [--target HOST:PORT]";

  public static void main(String[] args) throws Exception {
    Main.client(args, USAGE, "./run examples-resilience ResilienceServer", flags -> {
      String target = flags.target(ResilienceServer.DEFAULT_PORT);
      try (LabChannel plain = LabChannel.plaintext(target);
          LabChannel retrying = new LabChannel(configured(target, ServiceConfigs.RETRY));
          LabChannel hedging = new LabChannel(configured(target, ServiceConfigs.HEDGING))) {
        var work = WorkGrpc.newBlockingStub(plain.channel());
        show("deadline 200 ms, work 1 s", () -> work.withDeadlineAfter(200, TimeUnit.MILLISECONDS)
            .run(WorkRequest.newBuilder().setDelayMs(1000).build()));
        show("frontend with 2 s deadline: backend saw", () -> FrontendGrpc
            .newBlockingStub(plain.channel()).withDeadlineAfter(2, TimeUnit.SECONDS)
            .run(WorkRequest.getDefaultInstance()));
        show("retry: first 2 attempts UNAVAILABLE", () -> WorkGrpc.newBlockingStub(retrying.channel())
            .run(WorkRequest.newBuilder().setFailFirstAttempts(2).build()));
        show("retry: INVALID_ARGUMENT is not retried", () -> WorkGrpc
            .newBlockingStub(retrying.channel()).run(WorkRequest.newBuilder()
                .setFailFirstAttempts(1).setFailCode("INVALID_ARGUMENT").build()));
        long start = System.nanoTime();
        show("hedging: first replica takes 3 s", () -> WorkGrpc.newBlockingStub(hedging.channel())
            .run(WorkRequest.newBuilder().setFirstAttemptDelayMs(3000).build()));
        System.out.println("  ... answered after " + (System.nanoTime() - start) / 1_000_000 + " ms");
        show("4 MiB + 1 KiB message", () -> work.run(WorkRequest.newBuilder()
            .setPayload("x".repeat(4 * 1024 * 1024 + 1024)).build()));
        waitForReady();
      }
    });
  }

  private static void waitForReady() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort(); // nothing listens here once it is closed
    }
    try (LabChannel nowhere = LabChannel.plaintext("localhost:" + port)) {
      var stub = WorkGrpc.newBlockingStub(nowhere.channel()).withDeadlineAfter(1, TimeUnit.SECONDS);
      show("no server, fail fast", () -> stub.run(WorkRequest.getDefaultInstance()));
      show("no server, wait-for-ready", () -> stub.withWaitForReady()
          .run(WorkRequest.getDefaultInstance()));
    }
  }

  private static ManagedChannel configured(String target, String config) {
    return ManagedChannelBuilder.forTarget(target).usePlaintext()
        .defaultServiceConfig(ServiceConfigs.load(config)).enableRetry().build();
  }

  private static void show(String what, Supplier<WorkReply> call) {
    try {
      WorkReply reply = call.get();
      System.out.println(what + " -> OK, previous_attempts=" + reply.getPreviousAttempts()
          + ", deadline_remaining_ms=" + reply.getDeadlineRemainingMs());
    } catch (StatusRuntimeException e) {
      String description = String.valueOf(e.getStatus().getDescription());
      int cut = description.indexOf(" [");  // drop grpc-java's long diagnostic suffix
      System.out.println(what + " -> " + e.getStatus().getCode() + ": "
          + (cut > 0 ? description.substring(0, cut) : description));
    }
  }
}
