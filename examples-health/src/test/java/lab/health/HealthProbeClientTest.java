package lab.health;

import static lab.testing.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What HealthProbeClient prints and returns (its exit code) for --once and for Watch, against
 * the real HealthServer over loopback. HealthProbeClientMistakesTest runs the main itself.
 */
class HealthProbeClientTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private static final String VIDEO = "video_service.VideoService";
  private HealthServer.Running running;
  private ManagedChannel channel;
  /** Each line the client prints, as it prints it. */
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final PrintStream out = new PrintStream(OutputStream.nullOutputStream()) {
    @Override
    public void println(String line) {
      lines.add(line);
    }
  };

  @BeforeEach
  void start() throws Exception {
    running = HealthServer.start(0, 2);
    grpc.register(running.server().server());
    channel = grpc.register(ManagedChannelBuilder
        .forAddress("127.0.0.1", running.server().port()).usePlaintext().build());
  }

  @AfterEach
  void stop() throws InterruptedException {
    // Before the cleanup extension: the server first, then the executors it hands work to.
    running.server().server().shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    running.shutdownExecutors();
  }

  private static HealthCheckRequest service(String name) {
    return HealthCheckRequest.newBuilder().setService(name).build();
  }

  private int probe(String service) {
    return HealthProbeClient.probeOnce(HealthGrpc.newBlockingStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS), service(service), out);
  }

  @Test
  void aProbePrintsTheStatusAndExits0OnlyWhenServing() {
    assertEquals(0, probe(VIDEO));
    running.storage().dependencyDown();
    assertEquals(1, probe(VIDEO));

    assertEquals(List.of("status: SERVING", "status: NOT_SERVING"), List.copyOf(lines));
  }

  @Test
  void aProbeOfAServiceTheServerDoesNotKnowFailsWithNotFoundInOneLine() {
    assertEquals(1, probe("no.such.Service"));

    String line = lines.poll();
    assertTrue(line.startsWith("probe failed: NOT_FOUND"), line);
    assertTrue(lines.isEmpty(), lines.toString());
  }

  @Test
  void aWatchPrintsEachChangeThenOneLineWhenTheServerGoesAway() throws Exception {
    var watching = CompletableFuture.supplyAsync(() -> HealthProbeClient.watch(
        HealthGrpc.newBlockingStub(channel), service(VIDEO), out));
    assertEquals("status: SERVING", lines.poll(10, TimeUnit.SECONDS));
    running.storage().dependencyDown();
    assertEquals("status: NOT_SERVING", lines.poll(10, TimeUnit.SECONDS));

    running.server().server().shutdownNow();

    assertEquals(1, watching.get(10, TimeUnit.SECONDS), "a watch that ends is a failure");
    String last = lines.poll(10, TimeUnit.SECONDS);
    assertTrue(last.matches("watch ended: the server went away \\((CANCELLED|UNAVAILABLE).*\\)"),
        last);
  }

  @Test
  void aWatchThatNeverGotAnAnswerLeavesTheFailureToMainToExplain() throws Exception {
    ManagedChannel nowhere = grpc.register(ManagedChannelBuilder
        .forAddress("127.0.0.1", freePort()).usePlaintext().build());

    // Main turns it into "cannot reach ... Start it with: ..." (HealthProbeClientMistakesTest).
    var e = assertThrows(StatusRuntimeException.class, () -> HealthProbeClient.watch(
        HealthGrpc.newBlockingStub(nowhere).withDeadlineAfter(60, TimeUnit.SECONDS),
        service(""), out));
    assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
    assertTrue(lines.isEmpty(), lines.toString());
  }
}
