package lab.services.proxy;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.grpc.SynchronizationContext;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One call through the proxy: the server call the client made ({@code client}), the client
 * call the proxy made to the backend ({@code backend}), and the flow control between them.
 *
 * <p><b>Flow control, both ways, one message at a time.</b> The proxy holds at most one
 * message per direction that the receiving side did not ask for. It asks the client for one
 * request ({@code client.request(1)}) at the start, and for the next only once the backend
 * call is ready for more ({@code backend.isReady()}, or its listener's onReady later); it asks
 * the backend for one response only while the client's call is ready ({@code
 * client.isReady()}, or onReady). So a client that stops reading stops the proxy reading the
 * backend, whose own flow control then pauses it; a backend that stops reading stops the proxy
 * reading the client. Without this, the proxy would be the unbounded buffer between them. And
 * it never asks a side for a second message while the one asked for has not come: an onReady
 * may arrive on top of a readiness the proxy has already acted on.
 *
 * <p><b>Threads.</b> grpc-java calls each listener one callback at a time, but the two
 * listeners are called on different threads (two connections, two executors), and neither
 * ClientCall nor ServerCall is thread-safe: forwarding a message calls one call from the
 * other's thread. So every callback only enqueues its work in {@code serial}, a
 * SynchronizationContext: tasks run one at a time, in order, each seeing what the previous
 * ones wrote, on whichever thread enqueued while none was running. That makes both calls and
 * the fields below single-threaded without a lock. And no lock is held while calling into
 * gRPC: on a direct executor a call may come straight back into a listener here on the same
 * thread, and a transport may call a listener while it holds a lock of its own, so a lock
 * here, taken in the other order on the other side's thread, could deadlock.
 */
final class ProxyCall {
  private static final Logger log = Logger.getLogger(ProxyCall.class.getName());

  private final ServerCall<byte[], byte[]> client;
  private final ClientCall<byte[], byte[]> backend;
  private final SynchronizationContext serial = new SynchronizationContext(this::failed);
  // Read and written only by serial's tasks (see above), so plain fields suffice.
  private boolean clientAsked; // a request(1) to the client is not answered yet
  private boolean backendAsked; // a request(1) to the backend is not answered yet
  private boolean ended; // the client's call has its status: nothing more to forward

  private ProxyCall(ServerCall<byte[], byte[]> client, ClientCall<byte[], byte[]> backend) {
    this.client = client;
    this.backend = backend;
  }

  /** Starts forwarding {@code call} to {@code channel}; the handler of every proxied method. */
  static ServerCall.Listener<byte[]> start(Channel channel, ServerCall<byte[], byte[]> call,
      Metadata headers) {
    // The current Context is the client's call's: it carries the client's deadline and is
    // cancelled when the client cancels. The backend call is made in a fork of it, which keeps
    // its values but neither its deadline nor its cancel, so that both reach the backend
    // only the way this class forwards them, where a test can see them: the deadline in the
    // call options here, the cancel in onCancel below.
    Context callContext = Context.current();
    CallOptions options = CallOptions.DEFAULT.withDeadline(callContext.getDeadline());
    Context forked = callContext.fork();
    Context previous = forked.attach();
    ClientCall<byte[], byte[]> backend;
    try {
      backend = channel.newCall(call.getMethodDescriptor(), options);
    } finally {
      forked.detach(previous);
    }
    ProxyCall proxy = new ProxyCall(call, backend);
    proxy.run(() -> proxy.begin(headers));
    return proxy.new FromClient();
  }

  /** Queues {@code task} behind every other of this call's; dropped once the call ended. */
  private void run(Runnable task) {
    serial.execute(() -> {
      if (!ended) {
        task.run();
      }
    });
  }

  private void begin(Metadata headers) {
    // The client's headers, as they came. Its grpc-timeout among them says how long it had
    // when it sent them; the transport replaces it with the time left of the options' deadline.
    backend.start(new FromBackend(), headers);
    clientAsked = true;
    client.request(1); // one request, the only one asked for before the backend is ready
    // Checked now, not only in onReady: onReady is promised once isReady turns true from
    // false, so a call ready from its start may never hear one.
    askBackendIfClientReady();
  }

  private void forwardToBackend(byte[] message) {
    backend.sendMessage(message);
    clientAsked = false;
    askClientIfBackendReady();
  }

  private void forwardToClient(byte[] message) {
    client.sendMessage(message);
    backendAsked = false;
    askBackendIfClientReady();
  }

  /** Asks the client for its next request, unless one is asked for or the backend is full. */
  private void askClientIfBackendReady() {
    if (!clientAsked && backend.isReady()) {
      clientAsked = true;
      client.request(1);
    }
  }

  /** Asks the backend for its next response, unless one is asked for or the client is full. */
  private void askBackendIfClientReady() {
    if (!backendAsked && client.isReady()) {
      backendAsked = true;
      backend.request(1);
    }
  }

  private void closeClient(Status status, Metadata trailers) {
    ended = true; // first: should close throw, failed() must not close again
    client.close(status, trailers);
  }

  /**
   * A task threw: a bug here or in an interceptor of the backend channel. Both calls end
   * rather than hang until a deadline that may never come: the backend's is cancelled, the
   * client's closed with INTERNAL (the details go to the log, not to the client). What is
   * still queued for the call is dropped ({@link #run}): forwarding it would only fail again.
   */
  private void failed(Thread thread, Throwable t) {
    String method = client.getMethodDescriptor().getFullMethodName();
    log.log(Level.WARNING, t, () -> "proxied call to " + method + " failed; ending it");
    backend.cancel("the proxy failed", t);
    if (!ended) {
      closeClient(Status.INTERNAL.withDescription("the proxy failed"), new Metadata());
    }
  }

  /** The client's side of the call: each callback's work queued behind the backend's. */
  private final class FromClient extends ServerCall.Listener<byte[]> {
    @Override
    public void onMessage(byte[] message) {
      run(() -> forwardToBackend(message));
    }

    @Override
    public void onHalfClose() {
      run(backend::halfClose);
    }

    @Override
    public void onCancel() {
      // The client cancelled, its deadline passed or its connection went: nobody will read
      // the backend's answer, so the backend should stop working on it.
      run(() -> backend.cancel("the proxy's client went away", null));
    }

    @Override
    public void onReady() {
      run(ProxyCall.this::askBackendIfClientReady);
    }
  }

  /** The backend's side of the call: each callback's work queued behind the client's. */
  private final class FromBackend extends ClientCall.Listener<byte[]> {
    @Override
    public void onHeaders(Metadata headers) {
      run(() -> client.sendHeaders(headers));
    }

    @Override
    public void onMessage(byte[] message) {
      run(() -> forwardToClient(message));
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
      run(() -> closeClient(status, trailers)); // code, description and trailers
    }

    @Override
    public void onReady() {
      run(ProxyCall.this::askClientIfBackendReady);
    }
  }
}
