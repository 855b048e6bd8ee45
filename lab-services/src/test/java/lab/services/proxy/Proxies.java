package lab.services.proxy;

import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.ServerInterceptor;
import io.grpc.stub.AbstractStub;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import lab.proto.video.Video;
import lab.services.VideoStore;
import lab.testing.GrpcCleanupExtension;

/** What the proxy's tests share: a proxy in front of a backend, and videos to serve. */
final class Proxies {
  /** Every wait's bound: each event waited for takes milliseconds, on a loaded 2-core box too. */
  static final Duration WAIT = Duration.ofSeconds(10);

  private Proxies() {}

  /**
   * A channel to a fresh in-process server whose only handler is a {@link ProxyRegistry} to
   * {@code backend}, with {@code interceptors} on the proxy's own server (they see the calls
   * the client makes to the proxy). Both are registered with {@code grpc}.
   */
  static ManagedChannel proxyTo(GrpcCleanupExtension grpc, Channel backend,
      ServerInterceptor... interceptors) {
    return grpc.startInProcess(b -> {
      b.fallbackHandlerRegistry(new ProxyRegistry(backend));
      for (ServerInterceptor interceptor : interceptors) {
        b.intercept(interceptor);
      }
    }).channel();
  }

  /** {@code stub} with a deadline of {@link #WAIT}: a blocking call is a wait, and bounded too. */
  static <S extends AbstractStub<S>> S bounded(S stub) {
    return stub.withDeadlineAfter(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  static Video video(String id) {
    return Video.newBuilder().setId(id).setTitle("t" + id).setUrl("u".repeat(1024)).build();
  }

  /** A store of {@code count} 1 KiB videos with ids "0", "1", .... */
  static VideoStore storeOf(int count) {
    VideoStore store = new VideoStore();
    for (int i = 0; i < count; i++) {
      store.add(video(Integer.toString(i)));
    }
    return store;
  }
}
