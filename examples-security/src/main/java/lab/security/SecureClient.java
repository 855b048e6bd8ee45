package lab.security;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import lab.common.Flags;
import lab.common.Main;
import lab.idioms.LabChannel;
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
 *
 * <p>Exits 0 only when every call succeeded. A refused call is what most of the README's cases
 * show, and it is still a refusal: the main exits 1 with the first failure's status, so the
 * tour and the docs runner see a client that was turned away.
 */
public final class SecureClient {
  static final String USAGE = "usage: ./run examples-security SecureClient [--plaintext]"
      + " [--pki VALUE] [--cert VALUE] [--target HOST:PORT] [--token VALUE]"
      + " [--allow-plaintext-token]";
  static final String START_SERVER = "./run examples-security SecureServer";
  /** Seconds each call may take: the lab's calls answer in milliseconds, a hung server never. */
  static final long CALL_DEADLINE_S = 10;

  public static void main(String[] args) throws Exception {
    Main.client(args, USAGE, START_SERVER, flags -> run(flags, System.out));
  }

  /** Prints how each call ended on {@code out}; throws the first failure after printing. */
  static void run(Flags flags, PrintStream out) throws IOException, InterruptedException {
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
      // Each call gets its own deadline: a server that accepts the connection and never
      // answers must not hang the client.
      final var who = whoAmI;
      final var vids = videos;
      StatusRuntimeException failure = call(out, "WhoAmI",
          () -> who.withDeadlineAfter(CALL_DEADLINE_S, TimeUnit.SECONDS)
              .get(WhoAmIRequest.getDefaultInstance()).toString().trim());
      if (failure != null) {
        throw failure; // who the client is was refused: every other call would be too
      }
      failure = call(out, "AddVideo", () -> vids.withDeadlineAfter(CALL_DEADLINE_S,
          TimeUnit.SECONDS).addVideo(Video.newBuilder()
          .setId("s" + System.nanoTime()).setTitle("secured").build()).getVideo().getId());
      StatusRuntimeException listing = call(out, "ListVideos", () -> {
        int[] count = {0};
        vids.withDeadlineAfter(CALL_DEADLINE_S, TimeUnit.SECONDS)
            .listVideos(ListVideosRequest.getDefaultInstance()).forEachRemaining(v -> count[0]++);
        return count[0] + " videos";
      });
      failure = failure != null ? failure : listing;
      if (failure != null) {
        throw failure;
      }
    }
  }

  /** TLS trusting the lab CA in {@code pki}, presenting the certificate {@code cert} unless "none". */
  static ChannelCredentials tls(Path pki, String cert) throws IOException {
    var builder = TlsChannelCredentials.newBuilder().trustManager(pki.resolve("ca.crt").toFile());
    if (!cert.equals("none")) {
      builder.keyManager(pki.resolve(cert + ".crt").toFile(), pki.resolve(cert + ".key").toFile());
    }
    return builder.build();
  }

  /** Runs one call and prints how it ended; returns its failure, null when it succeeded. */
  private static StatusRuntimeException call(PrintStream out, String name, Supplier<String> call) {
    try {
      out.println(name + ": OK " + call.get().replace('\n', ' '));
      return null;
    } catch (StatusRuntimeException e) {
      out.println(name + ": " + e.getStatus().getCode() + " " + e.getStatus().getDescription());
      return e;
    }
  }
}
