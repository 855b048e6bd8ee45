package lab.idioms;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Context;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CallContextTest {
  @Test
  void aWaitWhoseCallerStaysReturnsTrueOnceTheTimeHasPassed() throws Exception {
    assertTrue(Context.current().withCancellation().call(
        () -> CallContext.waitUnlessCancelled(Duration.ofMillis(20))));
  }

  @Test
  void aWaitEndsAsSoonAsTheCallerGoesAway() throws Exception {
    Context.CancellableContext call = Context.current().withCancellation();
    CountDownLatch waiting = new CountDownLatch(1);
    // An hour of "work": only the cancellation can end this wait within the test's bound.
    ExecutorService handler = Executors.newSingleThreadExecutor();
    try {
      Future<Boolean> result = handler.submit(call.wrap(() -> {
        waiting.countDown();
        return CallContext.waitUnlessCancelled(Duration.ofHours(1));
      }));
      assertTrue(waiting.await(10, TimeUnit.SECONDS));
      call.cancel(null);
      assertFalse(result.get(10, TimeUnit.SECONDS), "false: stop and do not reply");
    } finally {
      handler.shutdownNow();
      assertTrue(handler.awaitTermination(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void aCallerAlreadyGoneDoesNotWaitAtAll() throws Exception {
    Context.CancellableContext call = Context.current().withCancellation();
    call.cancel(null);
    assertFalse(call.call(() -> CallContext.waitUnlessCancelled(Duration.ofHours(1))));
  }
}
