package lab.contracts;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import io.grpc.BinaryLog;
import io.grpc.protobuf.services.BinaryLogSink;
import io.grpc.protobuf.services.BinaryLogs;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * Where grpc-java's binary log goes: a file of {@code grpc.binarylog.v1.GrpcLogEntry}
 * messages, each prefixed with its length (protobuf's delimited form), which
 * {@link BinlogReader} prints. Bounded: past {@link #MAX_BYTES} it stops writing and says so
 * once, so logging every message of a busy server cannot fill the disk.
 */
public final class BinlogFile implements BinaryLogSink {
  static final long MAX_BYTES = 64L << 20;
  private static final Logger log = Logger.getLogger(BinlogFile.class.getName());

  private final Path path;
  private final OutputStream out;
  private final long maxBytes;
  private long written;
  private boolean full;

  BinlogFile(Path path, long maxBytes) throws IOException {
    this.path = path;
    this.out = new BufferedOutputStream(Files.newOutputStream(path));
    this.maxBytes = maxBytes;
  }

  /**
   * A binary log of the calls {@code filter} chooses, written to {@code path}. The filter is
   * grpc's: {@code catalog.Catalog/*} every method of a service, {@code catalog.Catalog/AddVideo}
   * one, {@code {h:256;m:64}} after either to log at most 256 bytes of headers and 64 of each
   * message, {@code -catalog.Catalog/GetVideo} to leave one out; comma-separated.
   */
  public static BinaryLog create(Path path, String filter) throws IOException {
    return BinaryLogs.createBinaryLog(new BinlogFile(path, MAX_BYTES), filter);
  }

  @Override
  public synchronized void write(MessageLite entry) {
    if (full) {
      return;
    }
    long size = CodedOutputStream.computeUInt32SizeNoTag(entry.getSerializedSize())
        + entry.getSerializedSize(); // the length prefix, then the entry
    if (written + size > maxBytes) {
      full = true;
      log.warning(() -> path + " holds " + written + " bytes: later calls are not logged");
      return;
    }
    try {
      entry.writeDelimitedTo(out);
      out.flush(); // a reader can follow the file while the server runs
      written += size;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
