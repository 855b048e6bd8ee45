package lab.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import lab.proto.routeguide.Feature;
import lab.proto.routeguide.Point;
import lab.proto.routeguide.RouteGuideGrpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request whose bytes are not a valid message gets INTERNAL (the status-code table's
 * "error parsing request proto"), not grpc-java's UNKNOWN, and no stack trace in the log.
 */
class ParseFailuresTest {
  private final List<LogRecord> severe = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override public void publish(LogRecord record) {
      if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
        severe.add(record);
      }
    }
    @Override public void flush() {}
    @Override public void close() {}
  };
  private LabServer server;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws Exception {
    Logger.getLogger("io.grpc").addHandler(capture);
    server = LabServer.onPort(0).addService(new RouteGuideGrpc.RouteGuideImplBase() {
      @Override
      public void getFeature(Point point, StreamObserver<Feature> reply) {
        reply.onNext(Feature.newBuilder().setName("at " + point.getLatitude()).build());
        reply.onCompleted();
      }
    }).start();
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  @AfterEach
  void stop() throws Exception {
    Logger.getLogger("io.grpc").removeHandler(capture);
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownGracefully(Duration.ZERO);
  }

  /** GetFeature as a client that sends whatever bytes it is given. */
  private byte[] getFeatureWithRawBytes(byte[] request) {
    var raw = RouteGuideGrpc.getGetFeatureMethod().toBuilder(new Bytes(), new Bytes()).build();
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
    assertEquals(List.of(), severe.stream().map(LogRecord::getMessage).toList(),
        "nothing logged at WARNING or above");
  }

  @Test
  void aValidRequestSentAsRawBytesStillWorks() throws Exception {
    byte[] reply = getFeatureWithRawBytes(Point.newBuilder().setLatitude(9).build().toByteArray());
    assertEquals("at 9", Feature.parseFrom(reply).getName());
  }

  /** Passes bytes through unchanged in both directions. */
  private static final class Bytes implements MethodDescriptor.Marshaller<byte[]> {
    @Override public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }
    @Override public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
