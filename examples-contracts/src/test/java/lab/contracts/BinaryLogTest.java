package lab.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.BinaryLog;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.binarylog.v1.GrpcLogEntry;
import io.grpc.binarylog.v1.GrpcLogEntry.EventType;
import io.grpc.stub.MetadataUtils;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lab.proto.contracts.v1.CatalogGrpc;
import lab.proto.contracts.v1.GetVideoRequest;
import lab.proto.contracts.v1.Video;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * grpc-services' binary log on a server, for the methods a filter chooses: every event of a
 * call in order, its headers, its messages as the bytes that crossed the wire, its status.
 */
class BinaryLogTest {
  private static final Metadata.Key<String> TRACE =
      Metadata.Key.of("x-trace", Metadata.ASCII_STRING_MARSHALLER);

  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  @TempDir
  Path temp;

  @Test
  void aLoggedCallIsItsHeadersMessagesAndStatusInOrderAndOtherMethodsAreLeftOut()
      throws Exception {
    Path file = temp.resolve("catalog.binlog");
    Video sent = Video.newBuilder().setTitle("Cats").setLengthSeconds(600).build();
    List<GrpcLogEntry> entries = logOneAddAndOneGet(file, "catalog.Catalog/AddVideo", sent);

    assertEquals(List.of(EventType.EVENT_TYPE_CLIENT_HEADER, EventType.EVENT_TYPE_CLIENT_MESSAGE,
        EventType.EVENT_TYPE_CLIENT_HALF_CLOSE, EventType.EVENT_TYPE_SERVER_HEADER,
        EventType.EVENT_TYPE_SERVER_MESSAGE, EventType.EVENT_TYPE_SERVER_TRAILER),
        entries.stream().map(GrpcLogEntry::getType).toList(), "GetVideo is not logged");
    assertTrue(entries.stream().allMatch(e -> e.getCallId() == entries.get(0).getCallId()));
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L),
        entries.stream().map(GrpcLogEntry::getSequenceIdWithinCall).toList());

    var header = entries.get(0).getClientHeader();
    assertEquals("/catalog.Catalog/AddVideo", header.getMethodName());
    assertTrue(header.getMetadata().getEntryList().stream()
        .anyMatch(m -> m.getKey().equals("x-trace") && m.getValue().toStringUtf8().equals("t-1")));
    assertEquals(sent, Video.parseFrom(entries.get(1).getMessage().getData()));
    assertEquals(sent.toBuilder().setId(1).build(),
        Video.parseFrom(entries.get(4).getMessage().getData()));
    assertEquals(0, entries.get(5).getTrailer().getStatusCode());

    assertEquals("call " + entries.get(0).getCallId() + " #2 CLIENT_MESSAGE 9 bytes  2: \"Cats\""
        + " 3: 600", BinlogReader.describe(entries.get(1)));
    assertTrue(BinlogReader.describe(entries.get(0)).contains("x-trace: t-1"));
    assertTrue(BinlogReader.describe(entries.get(5)).endsWith("SERVER_TRAILER OK"));
  }

  @Test
  void aFilterWithAMessageLimitLogsOnlyThatManyBytesOfEachMessage() throws Exception {
    Path file = temp.resolve("truncated.binlog");
    Video sent = Video.newBuilder().setTitle("A rather long title").build();
    List<GrpcLogEntry> entries = logOneAddAndOneGet(file, "catalog.Catalog/*{m:4}", sent);

    GrpcLogEntry message = entries.get(1);
    assertEquals(EventType.EVENT_TYPE_CLIENT_MESSAGE, message.getType());
    assertTrue(message.getPayloadTruncated());
    assertEquals(4, message.getMessage().getData().size());
    assertEquals(sent.getSerializedSize(), message.getMessage().getLength());
    assertTrue(BinlogReader.describe(message).endsWith("21 bytes, 4 logged"));
    // GetVideo is logged too this time ("/*"): two calls, six events each.
    assertEquals(12, entries.size());
  }

  @Test
  void aFailedCallsTrailerCarriesItsCodeAndMessage() throws Exception {
    Path file = temp.resolve("failed.binlog");
    BinaryLog binlog = BinlogFile.create(file, "catalog.Catalog/GetVideo");
    var inProcess = grpc.startInProcess(b -> b.addService(new CatalogV1Service())
        .setBinaryLog(binlog));
    var stub = CatalogGrpc.newBlockingStub(inProcess.channel())
        .withDeadlineAfter(Wire.DEADLINE_SECONDS, TimeUnit.SECONDS);
    try {
      stub.getVideo(GetVideoRequest.newBuilder().setId(9).build());
    } catch (io.grpc.StatusRuntimeException expected) {
      // NOT_FOUND: the log must say so
    }
    List<GrpcLogEntry> entries = stopAndRead(inProcess.server(), binlog, file);
    GrpcLogEntry last = entries.get(entries.size() - 1);
    assertEquals(EventType.EVENT_TYPE_SERVER_TRAILER, last.getType());
    assertTrue(BinlogReader.describe(last).endsWith("SERVER_TRAILER NOT_FOUND \"no video 9\""),
        BinlogReader.describe(last));
  }

  private List<GrpcLogEntry> logOneAddAndOneGet(Path file, String filter, Video sent)
      throws Exception {
    BinaryLog binlog = BinlogFile.create(file, filter);
    var inProcess = grpc.startInProcess(b -> b.addService(new CatalogV1Service())
        .setBinaryLog(binlog));
    Metadata headers = new Metadata();
    headers.put(TRACE, "t-1");
    var stub = CatalogGrpc.newBlockingStub(inProcess.channel())
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        .withDeadlineAfter(Wire.DEADLINE_SECONDS, TimeUnit.SECONDS);
    Video added = stub.addVideo(sent);
    stub.getVideo(GetVideoRequest.newBuilder().setId(added.getId()).build());
    return stopAndRead(inProcess.server(), binlog, file);
  }

  /** Stops the server (so every call's last entry is written), closes the log, reads it. */
  private static List<GrpcLogEntry> stopAndRead(Server server, BinaryLog binlog, Path file)
      throws Exception {
    server.shutdown();
    assertTrue(server.awaitTermination(Wire.DEADLINE_SECONDS, TimeUnit.SECONDS));
    binlog.close();
    try (InputStream in = Files.newInputStream(file)) {
      return BinlogReader.read(in);
    }
  }
}
