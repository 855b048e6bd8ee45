package lab.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import lab.proto.network.Content;
import lab.proto.network.DownloadRequest;
import lab.proto.network.PulseGrpc;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Compression is about bytes on the wire, so this one runs over Netty on a loopback port
 * (in process, messages are never serialized): the download asked with gzip crosses in a
 * fraction of its bytes, the one without in all of them, counted by WireBytes.
 */
class DownloadCompressionTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    timer.shutdownNow();
  }

  @Test
  void aDownloadAskedWithGzipCrossesTheWireInAFractionOfItsBytes() throws Exception {
    Server server = grpc.register(NettyServerBuilder.forAddress(
        new InetSocketAddress("127.0.0.1", 0), InsecureServerCredentials.create())
        .addService(new PulseService("host-a", timer)).build().start());
    ManagedChannel channel = grpc.register(NettyChannelBuilder
        .forAddress("127.0.0.1", server.getPort()).usePlaintext().build());

    long plain = wireBytes(channel, false);
    long gzip = wireBytes(channel, true);

    assertTrue(plain >= 1_000_000, "identity: every byte crosses, " + plain);
    assertTrue(gzip * 5 < plain, "gzip: " + gzip + " of " + plain);
  }

  private static long wireBytes(ManagedChannel channel, boolean gzip) {
    WireBytes counted = new WireBytes();
    long received = 0;
    for (var chunks = PulseGrpc.newBlockingStub(channel).withInterceptors(counted)
        .download(DownloadRequest.newBuilder().setBytes(1_000_000)
            .setContent(Content.CONTENT_TEXT).setGzip(gzip).build()); chunks.hasNext(); ) {
      received += chunks.next().getData().size();
    }
    assertEquals(1_000_000, received);
    // 16 chunks, each with 4 bytes of protobuf framing (a tag, a 3-byte length)
    assertEquals(received, counted.messages() - 4 * 16, "what the messages carried");
    return counted.wire();
  }
}
