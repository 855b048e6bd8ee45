package lab.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.CallOptions;
import io.grpc.Codec;
import io.grpc.Compressor;
import io.grpc.CompressorRegistry;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import lab.common.LabServer;
import lab.proto.video.Video;
import lab.proto.video.VideoServiceGrpc;
import lab.services.VideoService;
import lab.services.VideoStore;
import lab.testing.GrpcCleanupExtension;
import lab.testing.RawBytes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad input over a real connection, each answered with the status gRPC's status-code table
 * gives, and each followed by a good call the server still answers. The cases that need bytes
 * no gRPC client will send (a message prefix claiming 2 GiB, a truncated message, a wrong
 * content-type) are in examples-wire's RawBadInputTest (they need its raw HTTP/2
 * client).
 */
class BadInputTest {
  private static final Map<String, String> SEEN = new LinkedHashMap<>();

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();
  private ManagedChannel channel;

  @BeforeEach
  void start() throws Exception {
    LabServer server = LabServer.onPort(0).addService(new VideoService(new VideoStore())).start();
    grpc.register(server.server());
    CompressorRegistry compressors = CompressorRegistry.newEmptyInstance();
    compressors.register(new Fake("lab-unknown")); // an encoding the server does not know
    compressors.register(new Fake("gzip"));        // says gzip, sends plain bytes
    channel = grpc.register(ManagedChannelBuilder.forAddress("127.0.0.1", server.port())
        .usePlaintext().compressorRegistry(compressors).build());
  }

  @AfterAll
  static void printTable() {
    System.out.println("bad input -> status (the server answered a good call after each):");
    SEEN.forEach((input, status) -> System.out.println("  " + input + " -> " + status));
  }

  @Test
  void bytesThatAreNotProtobufAreInternal() {
    expect("bytes that are not protobuf", Status.Code.INTERNAL,
        addVideo(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}, CallOptions.DEFAULT));
  }

  @Test
  void invalidUtf8InAStringFieldIsInternal() {
    // field 1 (id), length 2, bytes that are not UTF-8: proto3 strings must be valid UTF-8
    expect("invalid UTF-8 in a string field", Status.Code.INTERNAL,
        addVideo(new byte[] {0x0a, 0x02, (byte) 0xff, (byte) 0xfe}, CallOptions.DEFAULT));
  }

  @Test
  void aMessageOverTheLimitIsResourceExhausted() {
    byte[] big = Video.newBuilder().setId("big").setTitle("t").setUrl("u".repeat(5 << 20)).build()
        .toByteArray(); // 5 MiB against the default 4 MiB limit
    // On its own connection, closed at once afterwards: seen here, the client's half-sent
    // stream is never reset after the server's RESOURCE_EXHAUSTED, so a graceful channel
    // shutdown would wait for it forever.
    ManagedChannel own = ManagedChannelBuilder.forTarget(channel.authority()).usePlaintext()
        .build();
    try {
      expect("a 5 MiB message (limit 4 MiB)", Status.Code.RESOURCE_EXHAUSTED,
          call(own, VideoServiceGrpc.getAddVideoMethod().getFullMethodName(), big,
              CallOptions.DEFAULT));
    } finally {
      own.shutdownNow();
    }
  }

  @Test
  void anUnknownEncodingIsUnimplemented() {
    expect("grpc-encoding the server does not know", Status.Code.UNIMPLEMENTED,
        addVideo(valid("e"), CallOptions.DEFAULT.withCompression("lab-unknown")));
  }

  @Test
  void gzipThatIsNotGzipIsInternal() {
    expect("gzip that is not gzip", Status.Code.INTERNAL,
        addVideo(valid("g"), CallOptions.DEFAULT.withCompression("gzip")));
  }

  @Test
  void aDecompressionBombIsResourceExhausted() throws IOException {
    var bomb = new java.io.ByteArrayOutputStream(); // 64 MiB of one repeated field, gzipped
    try (OutputStream gzip = new GZIPOutputStream(bomb)) {
      byte[] chunk = Video.newBuilder().setUrl("u".repeat(1 << 20)).build().toByteArray();
      for (int i = 0; i < 64; i++) {
        gzip.write(chunk);
      }
    }
    // Sent as already-gzipped bytes under a codec that passes them through unchanged.
    expect("a decompression bomb (" + bomb.size() / 1024 + " KiB -> 64 MiB)",
        Status.Code.RESOURCE_EXHAUSTED, rawGzip(bomb.toByteArray()));
  }

  /**
   * The server announces its 8 KiB limit in SETTINGS_MAX_HEADER_LIST_SIZE, and a grpc-java
   * client refuses to send more: the call fails on the client, INTERNAL "http2 exception",
   * and never reaches the server. Pinned as grpc-java 1.85.1 does it.
   */
  @Test
  void headersOverTheLimitAreRefused() {
    Metadata huge = new Metadata();
    huge.put(Metadata.Key.of("x-filler", Metadata.ASCII_STRING_MARSHALLER), "f".repeat(16_384));
    var stub = VideoServiceGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(huge));
    var e = assertThrows(StatusRuntimeException.class, () -> stub.addVideo(
        Video.newBuilder().setId("h").setTitle("t").build()));
    expect("16 KiB of headers (limit 8 KiB)", Status.Code.INTERNAL, e.getStatus());
  }

  @Test
  void anUnknownServiceAndAnUnknownMethodAreUnimplemented() {
    expect("an unknown service", Status.Code.UNIMPLEMENTED, call("no.Such/Method", valid("s")));
    expect("an unknown method", Status.Code.UNIMPLEMENTED,
        call("video_service.VideoService/NoSuchMethod", valid("m")));
  }

  private void expect(String input, Status.Code code, Status status) {
    SEEN.put(input, status.getCode() + (status.getDescription() == null ? ""
        : ": " + status.getDescription().lines().findFirst().orElse("")));
    assertEquals(code, status.getCode(), input + " -> " + status);
    assertEquals("ok", VideoServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30,
        TimeUnit.SECONDS).addVideo(valid("ok-" + SEEN.size())).getVideo().getTitle(),
        "the server answered the next good call");
  }

  private static Video valid(String id) {
    return Video.newBuilder().setId(id).setTitle("ok").build();
  }

  private Status addVideo(byte[] request, CallOptions options) {
    return call(VideoServiceGrpc.getAddVideoMethod().getFullMethodName(), request, options);
  }

  private Status addVideo(Video video, CallOptions options) {
    return addVideo(video.toByteArray(), options);
  }

  private Status call(String method, Video video) {
    return call(method, video.toByteArray(), CallOptions.DEFAULT);
  }

  private Status call(String fullMethod, byte[] request, CallOptions options) {
    return call(channel, fullMethod, request, options);
  }

  private static Status call(io.grpc.Channel channel, String fullMethod, byte[] request,
      CallOptions options) {
    var raw = RawBytes.unary(fullMethod);
    try {
      ClientCalls.blockingUnaryCall(channel, raw,
          options.withDeadlineAfter(30, TimeUnit.SECONDS), request);
      return Status.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus();
    }
  }

  /** Sends bytes that are already gzip, flagged compressed, through a pass-through codec. */
  private Status rawGzip(byte[] gzipped) {
    CompressorRegistry passThrough = CompressorRegistry.newEmptyInstance();
    passThrough.register(new Fake("gzip"));
    ManagedChannel sender = grpc.register(ManagedChannelBuilder.forTarget(channel.authority())
        .usePlaintext().compressorRegistry(passThrough).build());
    var raw = RawBytes.of(VideoServiceGrpc.getAddVideoMethod());
    try {
      ClientCalls.blockingUnaryCall(sender, raw, CallOptions.DEFAULT.withCompression("gzip")
          .withDeadlineAfter(30, TimeUnit.SECONDS), gzipped);
      return Status.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus();
    }
  }

  /** A "compressor" that only names an encoding: the bytes go out as they are. */
  private record Fake(String getMessageEncoding) implements Compressor {
    @Override
    public OutputStream compress(OutputStream os) {
      return os;
    }
  }
}
