package lab.contracts;

import io.grpc.BinaryLog;
import java.nio.file.Path;
import lab.common.Flags;
import lab.common.LabServer;
import lab.common.Main;

/**
 * The catalog in one version of its contract: {@code --version v1} (the old server) or
 * {@code v2} (the new one, the default). Both answer as {@code catalog.Catalog}, so a client of
 * either version can call either server. {@code --binlog FILE} writes grpc-java's binary log of
 * every catalog call to FILE (read it with BinlogReader); {@code --binlog-filter} chooses
 * the methods and how much of each is logged.
 */
public final class ContractServer {
  public static final int DEFAULT_PORT = 50100;
  static final String USAGE = "usage: ./run examples-contracts ContractServer [--version v1|v2]"
      + " [--port N] [--binlog FILE] [--binlog-filter FILTER]";

  private ContractServer() {}

  public static void main(String[] args) throws Exception {
    Main.run(args, USAGE, flags -> {
      String version = version(flags);
      String binlogPath = flags.string("binlog", "");
      String filter = flags.string("binlog-filter", "catalog.Catalog/*");
      BinaryLog binlog = binlogPath.isEmpty() ? null
          : BinlogFile.create(Path.of(binlogPath), filter);
      LabServer server = LabServer.onPort(flags.port(DEFAULT_PORT))
          .addService(version.equals("v1") ? new CatalogV1Service() : new CatalogV2Service())
          .configure(netty -> netty.setBinaryLog(binlog))
          .start();
      System.err.println("catalog contract " + version + " serving catalog.Catalog"
          + (binlog == null ? "" : "; binary log in " + binlogPath));
      try {
        server.blockUntilShutdown();
      } finally {
        if (binlog != null) {
          binlog.close();
        }
      }
    });
  }

  /** {@code --version}: v1 or v2 (default v2); anything else is a usage error. */
  static String version(Flags flags) {
    String version = flags.string("version", "v2");
    if (!version.equals("v1") && !version.equals("v2")) {
      throw new Flags.UsageException("--version must be v1 or v2, got " + version);
    }
    return version;
  }
}
