package lab.contracts;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TextFormat;
import com.google.protobuf.UnknownFieldSet;
import io.grpc.Status;
import io.grpc.binarylog.v1.GrpcLogEntry;
import io.grpc.binarylog.v1.Metadata;
import io.grpc.binarylog.v1.MetadataEntry;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lab.common.Main;

/**
 * Prints a binary log ({@link BinlogFile}) a line per entry: the call, the event, the method,
 * headers and trailers, and each message as protobuf's raw form (field numbers and values,
 * since a log holds bytes, not the contract that names them: `protoc --decode_raw` would
 * print the same).
 */
public final class BinlogReader {
  static final String USAGE = "usage: ./run examples-contracts BinlogReader --file FILE"
      + " [--call ID]";

  private BinlogReader() {}

  public static void main(String[] args) throws Exception {
    Main.run(args, USAGE, flags -> {
      Path file = Path.of(flags.string("file", "catalog.binlog"));
      long call = flags.integer("call", 0);
      try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
        for (GrpcLogEntry entry : read(in)) {
          if (call == 0 || entry.getCallId() == call) {
            System.out.println(describe(entry));
          }
        }
      }
    });
  }

  /** Every entry of a log, in the order written. */
  public static List<GrpcLogEntry> read(InputStream in) throws IOException {
    List<GrpcLogEntry> entries = new ArrayList<>();
    for (GrpcLogEntry e; (e = GrpcLogEntry.parseDelimitedFrom(in)) != null; ) {
      entries.add(e);
    }
    return entries;
  }

  /** One entry as one line (headers and trailers on the same line, `name: value`). */
  public static String describe(GrpcLogEntry e) {
    StringBuilder line = new StringBuilder()
        .append("call ").append(e.getCallId()).append(" #").append(e.getSequenceIdWithinCall())
        .append(" ").append(e.getType().name().substring("EVENT_TYPE_".length()));
    switch (e.getPayloadCase()) {
      case CLIENT_HEADER -> line.append(' ').append(e.getClientHeader().getMethodName())
          .append(metadata(e.getClientHeader().getMetadata()));
      case SERVER_HEADER -> line.append(metadata(e.getServerHeader().getMetadata()));
      case MESSAGE -> line.append(' ').append(message(e.getMessage().getLength(),
          e.getMessage().getData(), e.getPayloadTruncated()));
      case TRAILER -> line.append(' ').append(Status.fromCodeValue(e.getTrailer().getStatusCode()).getCode())
          .append(e.getTrailer().getStatusMessage().isEmpty() ? ""
              : " \"" + e.getTrailer().getStatusMessage() + "\"")
          .append(metadata(e.getTrailer().getMetadata()));
      default -> { } // half-close and cancel carry nothing more
    }
    return line.toString();
  }

  private static String metadata(Metadata metadata) {
    StringBuilder text = new StringBuilder();
    for (MetadataEntry entry : metadata.getEntryList()) {
      text.append("  ").append(entry.getKey()).append(": ").append(entry.getKey()
          .endsWith("-bin") ? entry.getValue().size() + " bytes"
          : entry.getValue().toString(StandardCharsets.US_ASCII));
    }
    return text.toString();
  }

  private static String message(int length, ByteString data, boolean truncated) {
    if (truncated) {
      return length + " bytes, " + data.size() + " logged";
    }
    try {
      return length + " bytes  "
          + TextFormat.printer().shortDebugString(UnknownFieldSet.parseFrom(data));
    } catch (InvalidProtocolBufferException e) {
      return length + " bytes, not protobuf";
    }
  }
}
