package lab.unary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Context;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.logging.Level;
import lab.proto.routeguide.Feature;
import lab.proto.routeguide.Point;
import lab.routeguide.FeatureDatabase;
import lab.routeguide.Geo;
import lab.testing.LogCapture;
import lab.testing.StreamCollector;
import org.junit.jupiter.api.Test;

/** The slow work itself, outside any call: what it does when its caller is gone or it is
 * interrupted. The deadline that cancels it in a real call is DeadlineTest's. */
class SlowFeatureLookupTest {
  private static final Point TOWER_BRIDGE = Geo.point(51.5055, -0.0754);

  @Test
  void aLookupWhoseCallerIsAlreadyGoneDoesNoStepAndLogsThatItGaveUp() throws Exception {
    var lookup = new SlowFeatureLookup(FeatureDatabase.bundled(), Duration.ofSeconds(10));
    Context.CancellableContext gone = Context.current().withCancellation();
    gone.cancel(null);

    try (LogCapture log = LogCapture.attach(Level.INFO, SlowFeatureLookup.class.getName())
        .quiet()) {
      CancellationException gaveUp = assertThrows(CancellationException.class,
          () -> gone.call(() -> lookup.find(TOWER_BRIDGE)), "nothing is looked up for nobody");

      // Giving up is its own answer, never confused with "no feature there" (an empty result).
      assertEquals("caller gone after 0/20 steps", gaveUp.getMessage());
      // The README's "Try it": the server log says how far the lookup got.
      assertEquals(List.of("Caller gave up; lookup abandoned after 0/20 steps"), log.messages());
    }
  }

  @Test
  void anInterruptedServerThreadAnswersCancelledAndStaysInterrupted() throws Exception {
    var service = new RouteGuideUnaryService(
        new SlowFeatureLookup(FeatureDatabase.bundled(), Duration.ofSeconds(10)));
    StreamCollector<Feature> reply = new StreamCollector<>();

    Thread.currentThread().interrupt(); // as an executor being shut down now would
    try {
      service.getFeature(TOWER_BRIDGE, reply); // the first step's sleep throws at once
    } finally {
      // Thread.interrupted() clears the flag, so no later test inherits it.
      assertTrue(Thread.interrupted(), "the interrupt is kept for the thread's owner to see");
    }

    Status status = reply.awaitStatus(Duration.ofSeconds(5));
    assertEquals(Status.Code.CANCELLED, status.getCode());
    assertEquals("server interrupted", status.getDescription());
  }
}
