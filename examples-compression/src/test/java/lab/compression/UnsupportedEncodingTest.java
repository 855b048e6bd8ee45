package lab.compression;

import static lab.compression.ClientCompressionTest.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Codec;
import io.grpc.CompressorRegistry;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import lab.proto.compression.Payload;
import lab.proto.compression.PayloadKind;
import lab.proto.compression.PayloadServiceGrpc;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Encodings are negotiated, not assumed: a client can only send what its CompressorRegistry
 * knows, and a server can only read what its DecompressorRegistry knows. grpc-java knows gzip
 * (and identity); {@link DeflateCodec} is a real encoding it lacks.
 */
class UnsupportedEncodingTest {
  private static final Metadata.Key<String> ACCEPT_ENCODING =
      Metadata.Key.of("grpc-accept-encoding", Metadata.ASCII_STRING_MARSHALLER);

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private final Payload text = payload(PayloadKind.TEXT, 64 * 1024);
  private final AtomicReference<Metadata> responseHeaders = new AtomicReference<>();

  @Test
  void aRequestInAnEncodingTheServerLacksGetsUnimplementedAndTheServerKeepsServing()
      throws Exception {
    var server = MeasuredServer.start(grpc);
    var stub = PayloadServiceGrpc.newBlockingStub(deflateCapableChannel(server))
        .withDeadlineAfter(30, TimeUnit.SECONDS);

    var e = assertThrows(StatusRuntimeException.class, () ->
        stub.withCompression("deflate").upload(text));

    assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
    assertEquals("Can't find decompressor for deflate", e.getStatus().getDescription());
    // The spec (grpc/grpc doc/compression.md) says the rejection lists the encodings the
    // server accepts in grpc-accept-encoding; grpc-java 1.85.1 sends none with it.
    assertFalse(e.getTrailers().containsKey(ACCEPT_ENCODING), e.getTrailers().toString());

    // The same channel, the next call, in an encoding the server has: served.
    assertEquals(text.getData().size(), stub.withCompression("gzip").upload(text)
        .getReceivedBytes());
    // Every normal response says what the server accepts: that is where to learn it.
    assertEquals("gzip", responseHeaders.get().get(ACCEPT_ENCODING));
  }

  @Test
  void anEncodingTheClientLacksFailsLocallyWithInternalAndSendsNothing() throws Exception {
    var server = MeasuredServer.start(grpc);
    var stub = PayloadServiceGrpc.newBlockingStub(server.channel())
        .withDeadlineAfter(30, TimeUnit.SECONDS);

    var e = assertThrows(StatusRuntimeException.class, () ->
        stub.withCompression("deflate").upload(text));

    assertEquals(Status.Code.INTERNAL, e.getStatus().getCode());
    assertEquals("Unable to find compressor by name deflate", e.getStatus().getDescription());
    assertEquals(0, server.nextClientCall().sentWire(), "nothing left the client");
  }

  @Test
  void onceTheServerRegistersTheEncodingTheSameCallSucceedsAndIsAdvertised() throws Exception {
    var server = MeasuredServer.start(grpc,
        b -> b.decompressorRegistry(CompressionServer.withDeflate()));
    var stub = PayloadServiceGrpc.newBlockingStub(deflateCapableChannel(server))
        .withDeadlineAfter(30, TimeUnit.SECONDS);

    var receipt = stub.withCompression("deflate").upload(text);

    CallBytes onServer = server.nextServerCall();
    assertEquals(text.getData().size(), receipt.getReceivedBytes());
    assertTrue(onServer.receivedRatio() < 0.20, onServer.toString());
    String accepted = responseHeaders.get().get(ACCEPT_ENCODING);
    assertTrue(accepted.contains("deflate") && accepted.contains("gzip"), accepted);
  }

  /** A channel that can compress with deflate (and gzip), recording response headers. */
  private ManagedChannel deflateCapableChannel(MeasuredServer server) {
    CompressorRegistry compressors = CompressorRegistry.newEmptyInstance();
    compressors.register(new Codec.Gzip());
    compressors.register(new DeflateCodec());
    return server.channel(b -> b.compressorRegistry(compressors).intercept(
        MetadataUtils.newCaptureMetadataInterceptor(responseHeaders, new AtomicReference<>())));
  }
}
