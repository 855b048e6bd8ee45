package lab.interceptors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Duration;
import lab.proto.interceptors.EchoGrpc;
import lab.proto.interceptors.EchoReply;
import lab.proto.interceptors.EchoRequest;
import org.junit.jupiter.api.Test;

/**
 * An interceptor that answers a call itself still owes grpc a listener: grpc goes on
 * delivering the call's events (the client's message, its half-close, the end of the call)
 * to whatever interceptCall returned. A null there is a NullPointerException on the server
 * for every one of them, logged by grpc long after the client has its status, so these tests
 * hand the events over themselves, at once.
 */
class RejectionListenerTest {
  /** A call that remembers only how it was closed. */
  private static final class ClosedCall extends ServerCall<EchoRequest, EchoReply> {
    Status status;
    Metadata trailers;

    @Override public void request(int numMessages) {}
    @Override public void sendHeaders(Metadata headers) {}
    @Override public void sendMessage(EchoReply message) {}
    @Override public void close(Status status, Metadata trailers) {
      this.status = status;
      this.trailers = trailers;
    }
    @Override public boolean isCancelled() {
      return false;
    }
    @Override public MethodDescriptor<EchoRequest, EchoReply> getMethodDescriptor() {
      return EchoGrpc.getSayMethod();
    }
  }

  private final ClosedCall call = new ClosedCall();
  private final ServerCallHandler<EchoRequest, EchoReply> handler = (c, headers) -> {
    throw new AssertionError("the handler ran");
  };

  /** Closes the call the way {@code interceptor} answers it, then sends the rest of it. */
  private void callThrough(ServerInterceptor interceptor, String authorization) {
    Metadata headers = new Metadata();
    if (authorization != null) {
      headers.put(LabMetadata.AUTHORIZATION, authorization);
    }
    ServerCall.Listener<EchoRequest> listener = interceptor.interceptCall(call, headers, handler);
    listener.onReady();
    listener.onMessage(EchoRequest.newBuilder().setText("hi").build());
    listener.onHalfClose();
    listener.onComplete();
  }

  @Test
  void aCallWithoutABearerTokenIsClosedHereAndItsMessageIsIgnored() {
    callThrough(new AuthInterceptor(InterceptorsServer.TOKENS), "Basic YWxpY2U6cHc=");

    assertEquals(Status.Code.UNAUTHENTICATED, call.status.getCode());
    assertEquals("missing bearer token (authorization: Bearer <token>)",
        call.status.getDescription());
  }

  @Test
  void aCallWithAnUnknownTokenIsClosedHereAndItsMessageIsIgnored() {
    callThrough(new AuthInterceptor(InterceptorsServer.TOKENS), "Bearer stolen");

    assertEquals(Status.Code.UNAUTHENTICATED, call.status.getCode());
    assertEquals("invalid bearer token", call.status.getDescription());
  }

  @Test
  void aCallDuringMaintenanceIsClosedHereAndItsMessageIsIgnored() {
    MaintenanceInterceptor maintenance = new MaintenanceInterceptor(Duration.ofSeconds(30));
    maintenance.set(true);

    callThrough(maintenance, null);

    assertEquals(Status.Code.UNAVAILABLE, call.status.getCode());
    assertEquals("30000", call.trailers.get(LabMetadata.RETRY_AFTER_MS));
  }
}
