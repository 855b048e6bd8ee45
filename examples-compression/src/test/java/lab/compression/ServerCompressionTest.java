package lab.compression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Channel;
import io.grpc.Codec;
import io.grpc.DecompressorRegistry;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import lab.proto.compression.DownloadRequest;
import lab.proto.compression.PayloadKind;
import lab.proto.compression.PayloadServiceGrpc;
import lab.proto.compression.PayloadServiceGrpc.PayloadServiceBlockingStub;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Server to client: the server picks the encoding of its responses (GzipResponsesInterceptor
 * for the call, the handler per message), within what the client said it accepts.
 */
class ServerCompressionTest {
  private static final Logger log = Logger.getLogger(ServerCompressionTest.class.getName());
  private static final Metadata.Key<String> ENCODING =
      Metadata.Key.of("grpc-encoding", Metadata.ASCII_STRING_MARSHALLER);
  private static final int SIZE = 64 * 1024;

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private final AtomicReference<Metadata> responseHeaders = new AtomicReference<>();
  private MeasuredServer server;

  @BeforeEach
  void start() throws Exception {
    server = MeasuredServer.start(grpc);
  }

  @Test
  void theServerGzipsATextDownloadToUnderAFifthOnTheWire() throws Exception {
    var payload = stub(server.channel()).download(request(PayloadKind.TEXT));

    CallBytes client = server.nextClientCall();
    CallBytes onServer = server.nextServerCall();
    log.info("Download TEXT: " + client);
    assertEquals("gzip", responseHeaders.get().get(ENCODING));
    // Measured 11.9% (7,809 of 65,542 bytes).
    assertTrue(client.receivedRatio() < 0.20, "wire/uncompressed = " + client.receivedRatio());
    assertEquals(onServer.sentWire(), client.receivedWire());
    assertEquals(SIZE, payload.getData().size());
  }

  @Test
  void theHandlerSendsRandomBytesUncompressedInsideAGzipCall() throws Exception {
    var payload = stub(server.channel()).download(request(PayloadKind.RANDOM));

    CallBytes client = server.nextClientCall();
    log.info("Download RANDOM: " + client);
    // The call's encoding is gzip, but this message's "compressed?" flag is 0.
    assertEquals("gzip", responseHeaders.get().get(ENCODING));
    assertEquals(client.receivedUncompressed(), client.receivedWire());
    assertEquals(SIZE, payload.getData().size());
  }

  @Test
  void aClientThatDoesNotAcceptGzipGetsPlainResponsesNotAnError() throws Exception {
    // Can decompress nothing, so grpc-accept-encoding lists nothing.
    var plainOnly = server.channel(b -> b.decompressorRegistry(
        DecompressorRegistry.emptyInstance().with(Codec.Identity.NONE, false)));

    var payload = stub(plainOnly).download(request(PayloadKind.TEXT));

    CallBytes client = server.nextClientCall();
    log.info("Download TEXT, client accepts no gzip: " + client);
    assertEquals("identity", responseHeaders.get().get(ENCODING));
    assertEquals(client.receivedUncompressed(), client.receivedWire());
    assertEquals(SIZE, payload.getData().size());
  }

  @Test
  void responsesOfMethodsOutsideThePolicyAreNotCompressed() throws Exception {
    stub(server.channel()).upload(ClientCompressionTest.payload(PayloadKind.TEXT, SIZE));

    CallBytes onServer = server.nextServerCall();
    assertEquals("identity", responseHeaders.get().get(ENCODING));
    assertEquals(onServer.sentUncompressed(), onServer.sentWire());
  }

  private PayloadServiceBlockingStub stub(Channel channel) {
    return PayloadServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(30, TimeUnit.SECONDS).withInterceptors(
        MetadataUtils.newCaptureMetadataInterceptor(responseHeaders, new AtomicReference<>()));
  }

  private static DownloadRequest request(PayloadKind kind) {
    return DownloadRequest.newBuilder().setKind(kind).setSizeBytes(SIZE).build();
  }
}
