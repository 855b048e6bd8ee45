package lab.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import lab.proto.routeguide.Feature;
import lab.proto.routeguide.Point;
import lab.proto.routeguide.RouteGuideGrpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

class GrpcCleanupExtensionTest {

  /** Lets a scenario's server handler block until the outer test releases it. */
  static volatile CountDownLatch release = new CountDownLatch(1);
  static final CountDownLatch callArrived = new CountDownLatch(1);
  static volatile RecordingServer recording;

  @AfterEach
  void releaseBlockedHandlers() {
    release.countDown();
  }

  @Test
  void registerReturnsWhatItWasGivenAndPassingTestsTerminateEverything() throws Exception {
    GrpcCleanupExtension grpc = new GrpcCleanupExtension();
    String name = InProcessServerBuilder.generateName();
    Server server = InProcessServerBuilder.forName(name).build().start();
    ManagedChannel channel = InProcessChannelBuilder.forName(name).build();

    assertSame(server, grpc.register(server));
    assertSame(channel, grpc.register(channel));
    grpc.afterEach(FakeContext.of(null));

    assertTrue(server.isTerminated(), "server terminated");
    assertTrue(channel.isTerminated(), "channel terminated");
  }

  @Test
  void inProcessChannelReachesAFreshServerHostingTheGivenService() throws Exception {
    GrpcCleanupExtension grpc = new GrpcCleanupExtension();
    ManagedChannel channel = grpc.inProcessChannel(new RouteGuideGrpc.RouteGuideImplBase() {
      @Override
      public void getFeature(Point request, StreamObserver<Feature> reply) {
        reply.onNext(Feature.newBuilder().setName("here").setLocation(request).build());
        reply.onCompleted();
      }
    });

    Feature feature = RouteGuideGrpc.newBlockingStub(channel).getFeature(Point.getDefaultInstance());

    assertEquals("here", feature.getName());
    grpc.afterEach(FakeContext.of(null));
    assertTrue(channel.isTerminated());
  }

  @Test
  void aServerThatDoesNotTerminateFailsThePassingTestInsteadOfHanging() {
    release = new CountDownLatch(1);

    List<Event> failures = EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(StuckServerScenario.class))
        .execute().testEvents().failed().list();

    assertEquals(1, failures.size(), "the scenario's passing test is reported as failed");
    Throwable reported = failures.get(0).getPayload(
        org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
        .getThrowable().orElseThrow();
    assertTrue(reported instanceof AssertionError, "reported as an assertion: " + reported);
    assertTrue(reported.getMessage().contains("did not terminate within 200 ms"),
        reported.getMessage());
    // The channel is newest, so it is awaited first: its unfinished call is what is reported.
    assertTrue(reported.getMessage().contains("channel"), reported.getMessage());
  }

  @Test
  void cleanupAfterAFailedTestForcesShutdownWithoutWaiting() {
    List<Event> failures = EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(FailingTestScenario.class))
        .execute().testEvents().failed().list();

    assertEquals(1, failures.size());
    Throwable reported = failures.get(0).getPayload(
        org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
        .getThrowable().orElseThrow();
    assertEquals("the test's own failure", reported.getMessage(),
        "the test's failure is reported, not a cleanup timeout");
    assertEquals(List.of("shutdownNow"), recording.calls,
        "shutdownNow only: no graceful shutdown and no awaitTermination");
  }

  /** Run only through EngineTestKit above (Surefire skips nested classes). */
  static class StuckServerScenario {
    @RegisterExtension
    final GrpcCleanupExtension grpc = new GrpcCleanupExtension(Duration.ofMillis(200));

    @Test
    void passesWhileACallIsStillInFlight() throws Exception {
      ManagedChannel channel = grpc.inProcessChannel(new RouteGuideGrpc.RouteGuideImplBase() {
        @Override
        public void getFeature(Point request, StreamObserver<Feature> reply) {
          callArrived.countDown();
          try {
            release.await(); // never replies until the outer test lets go
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      });
      RouteGuideGrpc.newStub(channel).getFeature(Point.getDefaultInstance(), new NoOpObserver());
      assertTrue(callArrived.await(5, TimeUnit.SECONDS));
    }
  }

  static class FailingTestScenario {
    @RegisterExtension
    final GrpcCleanupExtension grpc = new GrpcCleanupExtension(Duration.ofHours(1));

    @Test
    void fails() {
      recording = grpc.register(new RecordingServer());
      throw new AssertionError("the test's own failure");
    }
  }

  private static final class NoOpObserver implements StreamObserver<Feature> {
    @Override public void onNext(Feature value) {}
    @Override public void onError(Throwable t) {}
    @Override public void onCompleted() {}
  }
}
