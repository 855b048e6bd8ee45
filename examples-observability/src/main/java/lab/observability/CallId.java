package lab.observability;

import io.grpc.Context;
import io.grpc.Metadata;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A call id names one RPC in every log line it causes, on the client and the server. It
 * travels as the {@code call-id} header and, inside a process, in the gRPC {@link Context}:
 * the Context is what grpc-java attaches to every callback of a call, on whichever thread
 * runs it, so it is Java gRPC's natural home for request-scoped values (what a logging MDC
 * is elsewhere).
 */
public final class CallId {
  public static final Metadata.Key<String> HEADER =
      Metadata.Key.of("call-id", Metadata.ASCII_STRING_MARSHALLER);
  public static final Context.Key<String> CONTEXT_KEY = Context.key("call-id");

  private CallId() {}

  /** The call id of the call this thread is working for, or null outside any call. */
  public static String current() {
    return CONTEXT_KEY.get();
  }

  /** A short random id: 12 hex digits are plenty to tell a day's calls apart in logs. */
  public static String newId() {
    return String.format("%012x", ThreadLocalRandom.current().nextLong() >>> 16);
  }
}
