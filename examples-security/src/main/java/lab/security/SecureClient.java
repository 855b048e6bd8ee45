package lab.security;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import java.nio.file.Path;
import lab.common.LabChannel;
import lab.common.Main;
import lab.proto.security.WhoAmIGrpc;
import lab.proto.security.WhoAmIRequest;
import lab.proto.video.ListVideosRequest;
import lab.proto.video.Video;
import lab.proto.video.VideoServiceGrpc;

/**
 * Calls the secured lab the way its flags say, and prints what the server made of it.
 * Flags: {@code --target} (default localhost:50065), {@code --pki DIR} (the server's),
 * {@code --cert alice|bob|stranger|none} (default none), {@code --token T} (default
 * alice-token; "none" sends none), {@code --plaintext} (no TLS at all: the classic mistake),
 * {@code --allow-plaintext-token} (send the token even without TLS).
 */
public final class SecureClient {
  static final String USAGE = "usage: ./run examples-security SecureClient [--plaintext]"
      + " [--pki VALUE] [--cert VALUE] [--target HOST:PORT] [--token VALUE]"
      + " [--allow-plaintext-token]";

  public static void main(String[] args) throws Exception {
    Main.client(args, USAGE, "./run examples-security SecureServer", flags -> {
      ChannelCredentials credentials = flags.bool("plaintext") ? InsecureChannelCredentials.create()
          : tls(Path.of(flags.string("pki", ".")), flags.string("cert", "none"));
      ManagedChannel channel = Grpc.newChannelBuilder(
          flags.target(SecureServer.DEFAULT_PORT), credentials).build();
      String token = flags.string("token", VideoLabAuth.ALICE_TOKEN);
      BearerToken bearer = BearerToken.of(token);
      if (flags.bool("allow-plaintext-token")) {
        bearer = bearer.allowingPlaintext();
      }
      try (LabChannel lab = new LabChannel(channel)) {
        var whoAmI = WhoAmIGrpc.newBlockingStub(channel);
        var videos = VideoServiceGrpc.newBlockingStub(channel);
        if (!token.equals("none")) {
          whoAmI = whoAmI.withCallCredentials(bearer);
          videos = videos.withCallCredentials(bearer);
        }
        final var who = whoAmI;
        final var vids = videos;
        print("WhoAmI", () -> who.get(WhoAmIRequest.getDefaultInstance()).toString().trim());
        print("AddVideo", () -> vids.addVideo(Video.newBuilder().setId("s" + System.nanoTime())
            .setTitle("secured").build()).getVideo().getId());
        print("ListVideos", () -> {
          int[] count = {0};
          vids.listVideos(ListVideosRequest.getDefaultInstance()).forEachRemaining(v -> count[0]++);
          return count[0] + " videos";
        });
      }
    });
  }

  private static ChannelCredentials tls(Path pki, String cert) throws Exception {
    var builder = TlsChannelCredentials.newBuilder().trustManager(pki.resolve("ca.crt").toFile());
    if (!cert.equals("none")) {
      builder.keyManager(pki.resolve(cert + ".crt").toFile(), pki.resolve(cert + ".key").toFile());
    }
    return builder.build();
  }

  private interface Call {
    String run();
  }

  private static void print(String name, Call call) {
    try {
      System.out.println(name + ": OK " + call.run().replace('\n', ' '));
    } catch (StatusRuntimeException e) {
      System.out.println(name + ": " + e.getStatus().getCode() + " " + e.getStatus().getDescription());
    }
  }
}
