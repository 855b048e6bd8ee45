package lab.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import lab.proto.routeguide.Feature;
import lab.proto.routeguide.Point;
import lab.proto.routeguide.RouteGuideGrpc;
import lab.testing.LogCapture;
import lab.testing.RawBytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request whose bytes are not a valid message gets INTERNAL (the status-code table's
 * "error parsing request proto"), not grpc-java's UNKNOWN, and no stack trace in the log.
 */
class ParseFailuresTest {
  private LogCapture severe;
  private LabServer server;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws Exception {
    severe = LogCapture.attach(Level.WARNING, "io.grpc");
    server = LabServer.onPort(0).addService(new RouteGuideGrpc.RouteGuideImplBase() {
      @Override
      public void getFeature(Point point, StreamObserver<Feature> reply) {
        reply.onNext(Feature.newBuilder().setName("at " + point.getLatitude()).build());
        reply.onCompleted();
      }
    }).addService(PICKY).start();
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  @AfterEach
  void stop() throws Exception {
    severe.close();
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownGracefully(Duration.ZERO);
  }

  /** GetFeature as a client that sends whatever bytes it is given. */
  private byte[] getFeatureWithRawBytes(byte[] request) {
    var raw = RawBytes.of(RouteGuideGrpc.getGetFeatureMethod());
    return ClientCalls.blockingUnaryCall(channel, raw,
        CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), request);
  }

  @Test
  void bytesThatAreNotProtobufAreInternalAndTheServerServesTheNextCall() {
    // 0xff... is a field tag whose varint never ends: not a message at all.
    var e = assertThrows(StatusRuntimeException.class,
        () -> getFeatureWithRawBytes(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}));

    assertEquals(Status.Code.INTERNAL, e.getStatus().getCode(), e.getStatus().toString());
    // grpc-java's protobuf marshaller says INTERNAL itself; the server used to turn it into
    // UNKNOWN "Application error processing RPC" plus a SEVERE stack trace.
    assertEquals("Invalid protobuf byte sequence", e.getStatus().getDescription());
    assertEquals("at 7", RouteGuideGrpc.newBlockingStub(channel)
        .getFeature(Point.newBuilder().setLatitude(7).build()).getName());
    assertEquals(List.of(), severe.messages(), "nothing logged at WARNING or above");
  }

  @Test
  void theHealthAndReflectionServicesTheServerAddsItselfAreGuardedToo() throws Exception {
    // Found by lab-check: they were added unguarded, and answered garbage UNKNOWN.
    byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff};
    var check = RawBytes.of(io.grpc.health.v1.HealthGrpc.getCheckMethod());
    var e = assertThrows(StatusRuntimeException.class, () -> ClientCalls.blockingUnaryCall(
        channel, check, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), garbage));
    assertEquals("INTERNAL: Invalid protobuf byte sequence", Main.describe(e.getStatus()));
    var watch = RawBytes.of(io.grpc.health.v1.HealthGrpc.getWatchMethod());
    e = assertThrows(StatusRuntimeException.class, () -> ClientCalls.blockingServerStreamingCall(
        channel, watch, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), garbage)
        .next());
    assertEquals("INTERNAL: Invalid protobuf byte sequence", Main.describe(e.getStatus()));
    var reflection = RawBytes.of(
        io.grpc.reflection.v1.ServerReflectionGrpc.getServerReflectionInfoMethod());
    var ended = new java.util.concurrent.CompletableFuture<Status>();
    var requests = ClientCalls.asyncBidiStreamingCall(channel.newCall(reflection,
        CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS)), new StreamObserver<>() {
          @Override
          public void onNext(byte[] reply) { }

          @Override
          public void onError(Throwable t) {
            ended.complete(Status.fromThrowable(t));
          }

          @Override
          public void onCompleted() {
            ended.complete(Status.OK);
          }
        });
    requests.onNext(garbage);
    requests.onCompleted();
    assertEquals("INTERNAL: Invalid protobuf byte sequence",
        Main.describe(ended.get(10, TimeUnit.SECONDS)));
    assertEquals(List.of(), severe.messages(), "nothing logged at WARNING or above");
  }

  @Test
  void aValidRequestSentAsRawBytesStillWorks() throws Exception {
    byte[] reply = getFeatureWithRawBytes(Point.newBuilder().setLatitude(9).build().toByteArray());
    assertEquals("at 9", Feature.parseFrom(reply).getName());
  }

  /**
   * A service whose request marshaller fails with a plain RuntimeException, as a hand-written
   * or JSON marshaller might (protobuf's own fails with a StatusRuntimeException instead).
   */
  private static final String PICKY_NAME = "picky.Picky";
  private static final MethodDescriptor<byte[], byte[]> PICKY_ECHO =
      MethodDescriptor.<byte[], byte[]>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(PICKY_NAME + "/Echo").setRequestMarshaller(new Picky())
          .setResponseMarshaller(RawBytes.MARSHALLER).build();
  private static final ServerServiceDefinition PICKY = ServerServiceDefinition.builder(PICKY_NAME)
      .addMethod(PICKY_ECHO, ServerCalls.asyncUnaryCall((request, reply) -> {
        reply.onNext(request);
        reply.onCompleted();
      })).build();

  private Status pickyEcho(String text) {
    try {
      byte[] reply = ClientCalls.blockingUnaryCall(channel, PICKY_ECHO,
          CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
          text.getBytes(StandardCharsets.UTF_8));
      return Status.OK.withDescription(new String(reply, StandardCharsets.UTF_8));
    } catch (StatusRuntimeException e) {
      return e.getStatus();
    }
  }

  @Test
  void aMarshallerThatThrowsAnyOtherExceptionIsInternalWithItsReason() {
    Status bad = pickyEcho("bad");
    assertEquals(Status.Code.INTERNAL, bad.getCode(), bad.toString());
    assertEquals("the request is not a valid message: not a picky message", bad.getDescription());

    Status cut = pickyEcho("cut");
    assertEquals(Status.Code.INTERNAL, cut.getCode(), cut.toString());
    assertEquals("the request is not a valid message: truncated message", cut.getDescription(),
        "the underlying cause names what was wrong, not the wrapper");

    assertEquals("fine", pickyEcho("fine").getDescription(), "and the service goes on serving");
    assertEquals(List.of(), severe.messages());
  }

  @Test
  void aGuardedMethodStillSerializesRequestsAsTheOriginal() {
    // Whatever serializes a request on the server side (a binary log, a proxy) must see the
    // bytes the original marshaller would write.
    Point point = Point.newBuilder().setLatitude(3).setLongitude(4).build();
    var guarded = ParseFailures.guard(new RouteGuideGrpc.RouteGuideImplBase() {}.bindService());
    @SuppressWarnings("unchecked")
    var method = (MethodDescriptor<Object, ?>) guarded
        .getMethod(RouteGuideGrpc.getGetFeatureMethod().getFullMethodName()).getMethodDescriptor();
    assertEquals(point, RouteGuideGrpc.getGetFeatureMethod().parseRequest(
        method.streamRequest(point)));
  }

  /** Bytes through unchanged, except "bad" and "cut", which it fails to parse. */
  private static final class Picky implements MethodDescriptor.Marshaller<byte[]> {
    @Override public InputStream stream(byte[] value) {
      return RawBytes.MARSHALLER.stream(value);
    }
    @Override public byte[] parse(InputStream stream) {
      String text = new String(RawBytes.MARSHALLER.parse(stream), StandardCharsets.UTF_8);
      if (text.equals("bad")) {
        throw new IllegalArgumentException("not a picky message");
      }
      if (text.equals("cut")) {
        throw new IllegalStateException("wrapped", new IOException("truncated message"));
      }
      return text.getBytes(StandardCharsets.UTF_8);
    }
  }
}
