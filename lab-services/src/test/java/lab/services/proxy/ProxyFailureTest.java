package lab.services.proxy;

import static lab.services.proxy.Proxies.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import lab.idioms.ReplyFuture;
import lab.proto.video.AddVideoResponse;
import lab.proto.video.VideoServiceGrpc;
import lab.services.VideoService;
import lab.testing.GrpcCleanupExtension;
import lab.testing.LogCapture;
import lab.testing.ServerCallProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** When forwarding itself fails, both calls end at once instead of hanging. */
class ProxyFailureTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();
  private final ServerCallProbe backendProbe = new ServerCallProbe();

  @Test
  void aFailureInsideTheProxyEndsTheClientsCallWithInternalAndCancelsTheBackendsWithALogLine()
      throws Exception {
    ManagedChannel backend = grpc.startInProcess(b -> b.addService(ServerInterceptors.intercept(
        new VideoService(Proxies.storeOf(1)), backendProbe))).channel();
    Channel broken = ClientInterceptors.intercept(backend, new ThrowsOnSend());
    var stub = VideoServiceGrpc.newStub(Proxies.proxyTo(grpc, broken));

    try (LogCapture log = LogCapture.attach(Level.WARNING, ProxyCall.class.getName()).quiet()) {
      // No deadline on this call: only the proxy, not a deadline, may end the backend's call.
      ReplyFuture<AddVideoResponse> reply = new ReplyFuture<>();
      stub.addVideo(Proxies.video("x"), reply);
      ExecutionException failure = assertThrows(ExecutionException.class,
          () -> reply.get(WAIT.toSeconds(), TimeUnit.SECONDS));
      Status status = Status.fromThrowable(failure.getCause());

      assertEquals(Status.Code.INTERNAL, status.getCode());
      assertEquals("the proxy failed", status.getDescription(), "no details for the client");
      assertTrue(backendProbe.nextCall(WAIT).awaitCancelled(WAIT), "the backend's call ended");
      assertEquals(List.of("WARNING " + ProxyCall.class.getName() + ": proxied call to"
              + " video_service.VideoService/AddVideo failed; ending it"
              + " / java.lang.IllegalStateException: broken on purpose"),
          log.lines().stream().map(LogCapture.Line::text).toList());
    }
  }

  /** An interceptor on the backend channel whose calls fail to send any message. */
  private static final class ThrowsOnSend implements ClientInterceptor {
    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method,
        CallOptions options, Channel next) {
      return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
        @Override
        public void sendMessage(Q message) {
          throw new IllegalStateException("broken on purpose");
        }
      };
    }
  }
}
