package lab.contracts;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import lab.common.Main;
import lab.proto.contracts.v1.RetireVideoRequest;
import lab.proto.contracts.v2.CountVideosRequest;

/**
 * A client of one version of the catalog contract, run against a server of either version:
 * it adds a video using every field its version has, reads it back and prints what survived,
 * then calls the method only its version has. Run v2 against a v1 server to see the new fields
 * pass through an old server, and v1 against v2 to see an old client meet a new server.
 */
public final class ContractClient {
  static final String USAGE = "usage: ./run examples-contracts ContractClient [--version v1|v2]"
      + " [--target HOST:PORT]";
  private static final long DEADLINE_SECONDS = 10;

  private final PrintStream out;

  ContractClient(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    Main.client(args, USAGE, "./run examples-contracts ContractServer", flags -> {
      String version = ContractServer.version(flags);
      ManagedChannel channel = NettyChannelBuilder
          .forTarget(flags.string("target", "localhost:" + ContractServer.DEFAULT_PORT))
          .usePlaintext().build();
      try {
        new ContractClient(System.out).run(version, channel);
      } finally {
        channel.shutdownNow();
        channel.awaitTermination(10, TimeUnit.SECONDS);
      }
    });
  }

  void run(String version, ManagedChannel channel) {
    if (version.equals("v1")) {
      runV1(lab.proto.contracts.v1.CatalogGrpc.newBlockingStub(channel)
          .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS));
    } else {
      runV2(lab.proto.contracts.v2.CatalogGrpc.newBlockingStub(channel)
          .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS));
    }
  }

  private void runV1(lab.proto.contracts.v1.CatalogGrpc.CatalogBlockingStub catalog) {
    var sent = lab.proto.contracts.v1.Video.newBuilder().setTitle("Cats").setLengthSeconds(600)
        .setFormat(lab.proto.contracts.v1.Format.FORMAT_HD).setViews(42).setRating(0)
        .setUploader("lab").build();
    var added = catalog.addVideo(sent);
    out.println("v1 AddVideo sent    " + oneLine(sent));
    var read = catalog.getVideo(lab.proto.contracts.v1.GetVideoRequest.newBuilder()
        .setId(added.getId()).build());
    out.println("v1 GetVideo read    " + oneLine(read));
    try {
      catalog.retireVideo(RetireVideoRequest.newBuilder().setId(added.getId()).build());
      out.println("v1 RetireVideo      OK");
    } catch (StatusRuntimeException e) {
      out.println("v1 RetireVideo      " + e.getStatus().getCode() + ": "
          + e.getStatus().getDescription());
    }
  }

  private void runV2(lab.proto.contracts.v2.CatalogGrpc.CatalogBlockingStub catalog) {
    var sent = lab.proto.contracts.v2.Video.newBuilder().setTitle("Cats")
        .setFormat(lab.proto.contracts.v2.Format.FORMAT_UHD).setViews(5_000_000_000L)
        .setRating(0).setChannel("lab").setDescription("two cats, one box").build();
    var added = catalog.addVideo(sent);
    out.println("v2 AddVideo sent    " + oneLine(sent) + "  (rating set: " + sent.hasRating()
        + ")");
    var read = catalog.getVideo(lab.proto.contracts.v2.GetVideoRequest.newBuilder()
        .setId(added.getId()).build());
    out.println("v2 GetVideo read    " + oneLine(read) + "  (rating set: " + read.hasRating()
        + ")");
    try {
      int count = catalog.countVideos(CountVideosRequest.getDefaultInstance()).getCount();
      out.println("v2 CountVideos      " + count);
    } catch (StatusRuntimeException e) {
      out.println("v2 CountVideos      " + e.getStatus().getCode() + ": "
          + e.getStatus().getDescription());
    }
  }

  /** A message's fields on one line, unknown ones by number (what this version cannot name). */
  static String oneLine(com.google.protobuf.Message message) {
    return com.google.protobuf.TextFormat.printer().shortDebugString(message);
  }
}
