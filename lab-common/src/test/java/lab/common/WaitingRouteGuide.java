package lab.common;

import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import lab.proto.routeguide.Feature;
import lab.proto.routeguide.Point;
import lab.proto.routeguide.RouteGuideGrpc;

/** A route guide whose GetFeature calls wait for the test: calls in flight on demand. */
final class WaitingRouteGuide extends RouteGuideGrpc.RouteGuideImplBase {
  private final Semaphore arrived = new Semaphore(0);
  private final CountDownLatch finish = new CountDownLatch(1);
  private final Semaphore cancelled = new Semaphore(0);

  @Override
  public void getFeature(Point request, StreamObserver<Feature> reply) {
    Context.current().addListener(context -> cancelled.release(), Runnable::run);
    arrived.release();
    try {
      finish.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    reply.onNext(Feature.newBuilder().setName("finished").build());
    reply.onCompleted();
  }

  /** True once {@code calls} more calls have reached the handler (bounded by 30 s). */
  boolean awaitArrivals(int calls) throws InterruptedException {
    return arrived.tryAcquire(calls, 30, TimeUnit.SECONDS);
  }

  /** True once a call's cancellation has reached the server (bounded by 30 s). */
  boolean awaitCancellation() throws InterruptedException {
    return cancelled.tryAcquire(30, TimeUnit.SECONDS);
  }

  /** Calls that have arrived and were not yet counted by {@link #awaitArrivals}. */
  int uncountedArrivals() {
    return arrived.availablePermits();
  }

  /** Lets every waiting call, and every later one, finish. */
  void finishAll() {
    finish.countDown();
  }
}
