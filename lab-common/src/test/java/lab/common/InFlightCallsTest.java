package lab.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the server's shutdown relies on: every call in flight is known, finished calls are
 * forgotten, and a forced close wins over whatever the handler writes afterwards.
 */
class InFlightCallsTest {
  private final InFlightCalls inFlight = new InFlightCalls();

  /** The server's side of one call, as a transport would see it: what was written to it. */
  private static final class RecordingCall extends ServerCall<String, String> {
    final List<String> written = new ArrayList<>();

    @Override public void request(int n) {}
    @Override public void sendHeaders(Metadata headers) {
      written.add("headers");
    }
    @Override public void sendMessage(String message) {
      written.add(message);
    }
    @Override public void close(Status status, Metadata trailers) {
      written.add("close " + status.getCode());
    }
    @Override public boolean isCancelled() {
      return false;
    }
    @Override public MethodDescriptor<String, String> getMethodDescriptor() {
      return METHOD;
    }
  }

  /** One call's two ends: the call the handler writes to, the callbacks the handler got,
   * and the listener the transport calls. */
  private static final class Handler {
    ServerCall<String, String> call;
    final List<String> callbacks = new ArrayList<>();
    ServerCall.Listener<String> transportSide;
  }

  private Handler start(RecordingCall transport) {
    Handler handler = new Handler();
    handler.transportSide = inFlight.interceptCall(transport, new Metadata(),
        (call, headers) -> {
          handler.call = call;
          return new ServerCall.Listener<>() {
            @Override public void onComplete() {
              handler.callbacks.add("complete");
            }
            @Override public void onCancel() {
              handler.callbacks.add("cancel");
            }
          };
        });
    return handler;
  }

  @Test
  void aCallIsCountedFromItsStartUntilItCompletesOrIsCancelled() {
    Handler completed = start(new RecordingCall());
    Handler cancelled = start(new RecordingCall());
    assertEquals(2, inFlight.count());

    completed.transportSide.onComplete();
    assertEquals(1, inFlight.count(), "a completed call is forgotten");
    cancelled.transportSide.onCancel();
    assertEquals(0, inFlight.count(), "so is a cancelled one");
    assertEquals(List.of("cancel"), cancelled.callbacks, "the handler still hears of it");
  }

  @Test
  void theHandlerStillHearsThatItsCallCompleted() {
    Handler handler = start(new RecordingCall());
    handler.transportSide.onComplete();
    assertEquals(List.of("complete"), handler.callbacks);
  }

  @Test
  void closeAllEndsEveryOpenCallOnceWithTheStatusAndCountsThem() {
    RecordingCall first = new RecordingCall();
    RecordingCall second = new RecordingCall();
    start(first);
    start(second);

    assertEquals(2, inFlight.closeAll(Status.UNAVAILABLE));
    assertEquals(List.of("close UNAVAILABLE"), first.written);
    assertEquals(List.of("close UNAVAILABLE"), second.written);
    assertEquals(0, inFlight.closeAll(Status.UNAVAILABLE), "a closed call is not closed twice");
  }

  @Test
  void aCallTheHandlerAlreadyClosedIsNotClosedAgain() {
    RecordingCall transport = new RecordingCall();
    start(transport).call.close(Status.OK, new Metadata());

    assertEquals(0, inFlight.closeAll(Status.UNAVAILABLE));
    assertEquals(List.of("close OK"), transport.written);
  }

  @Test
  void whatTheHandlerWritesAfterTheForcedCloseIsDropped() {
    RecordingCall transport = new RecordingCall();
    Handler handler = start(transport);
    handler.call.sendHeaders(new Metadata());
    handler.call.sendMessage("before");

    inFlight.closeAll(Status.UNAVAILABLE);
    // The handler did not notice and goes on: on a real transport each of these would throw
    // IllegalStateException ("call already closed") into the handler's thread.
    handler.call.sendHeaders(new Metadata());
    handler.call.sendMessage("after");
    handler.call.close(Status.OK, new Metadata());

    assertEquals(List.of("headers", "before", "close UNAVAILABLE"), transport.written);
  }

  private static final MethodDescriptor.Marshaller<String> TEXT = new MethodDescriptor.Marshaller<>() {
    @Override public InputStream stream(String value) {
      return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
    }
    @Override public String parse(InputStream stream) {
      throw new UnsupportedOperationException("nothing is parsed here");
    }
  };
  private static final MethodDescriptor<String, String> METHOD =
      MethodDescriptor.<String, String>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName("test.Test/Call").setRequestMarshaller(TEXT)
          .setResponseMarshaller(TEXT).build();
}
