package lab.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import io.grpc.binarylog.v1.GrpcLogEntry;
import io.grpc.binarylog.v1.Message;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log file: readable while it is written, bounded, closed for good. */
class BinlogFileTest {
  @TempDir
  Path temp;

  private static GrpcLogEntry entry(long sequence) {
    return GrpcLogEntry.newBuilder().setCallId(1).setSequenceIdWithinCall(sequence).build();
  }

  @Test
  void eachEntryIsOnDiskAsSoonAsItIsWrittenAndTheFileStopsAtItsBound() throws Exception {
    Path file = temp.resolve("bounded.binlog");
    int each = entry(1).getSerializedSize() + 1; // its length prefix is one byte
    var sink = new BinlogFile(file, 3L * each); // room for exactly three
    for (long n = 1; n <= 5; n++) {
      sink.write(entry(n));
    }
    List<GrpcLogEntry> onDisk;
    try (InputStream in = Files.newInputStream(file)) { // read before close: flushed already
      onDisk = BinlogReader.read(in);
    }
    assertEquals(List.of(1L, 2L, 3L),
        onDisk.stream().map(GrpcLogEntry::getSequenceIdWithinCall).toList());
    assertEquals(3L * each, Files.size(file));
    sink.close();
  }

  @Test
  void aClosedFileTakesNoMoreEntries() throws Exception {
    var sink = new BinlogFile(temp.resolve("closed.binlog"), BinlogFile.MAX_BYTES);
    sink.close();
    assertThrows(UncheckedIOException.class, () -> sink.write(entry(1)));
  }

  @Test
  void theReaderSaysWhenAMessageIsNotProtobuf() {
    var notProtobuf = GrpcLogEntry.newBuilder().setCallId(7).setSequenceIdWithinCall(2)
        .setType(GrpcLogEntry.EventType.EVENT_TYPE_CLIENT_MESSAGE)
        .setMessage(Message.newBuilder().setLength(2)
            .setData(ByteString.copyFrom(new byte[] {(byte) 0xff, (byte) 0xff}))).build();
    assertEquals("call 7 #2 CLIENT_MESSAGE 2 bytes, not protobuf",
        BinlogReader.describe(notProtobuf));
  }
}
