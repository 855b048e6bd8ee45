package lab.unary;

import io.grpc.Context;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Makes the server workflow of the notes visible by recording each step of every call:
 * received (headers and Context), interceptor, message parsed, handler, response, status.
 * In grpc-java an interceptor runs when the headers arrive, before the request message is
 * parsed; it sees the message later, through the listener it wraps (NOTES.md, "Server
 * workflow").
 */
public final class WorkflowRecorder implements ServerInterceptor {
  private final Consumer<String> sink;

  public WorkflowRecorder(Consumer<String> sink) {
    this.sink = sink;
  }

  /** A recorder that keeps the steps in a list, for tests and for printing. */
  public static WorkflowRecorder into(List<String> steps) {
    return new WorkflowRecorder(steps::add);
  }

  public static List<String> newStepList() {
    return new CopyOnWriteArrayList<>();
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    boolean hasDeadline = Context.current().getDeadline() != null;
    sink.accept("1 received " + method + " (headers; context deadline set: " + hasDeadline + ")");
    sink.accept("2 interceptor calls next.startCall");
    ServerCall<Q, R> recordingCall = new SimpleForwardingServerCall<>(call) {
      @Override
      public void sendMessage(R message) {
        sink.accept("5 response message sent");
        super.sendMessage(message);
      }

      @Override
      public void close(Status status, Metadata trailers) {
        sink.accept("6 closed with status " + status.getCode());
        super.close(status, trailers);
      }
    };
    return new SimpleForwardingServerCallListener<>(next.startCall(recordingCall, headers)) {
      @Override
      public void onMessage(Q message) {
        sink.accept("3 request message parsed");
        super.onMessage(message);
      }

      @Override
      public void onHalfClose() {
        // A unary handler runs once the client has half-closed (sent its only message).
        sink.accept("4 handler invoked");
        super.onHalfClose();
      }
    };
  }
}
