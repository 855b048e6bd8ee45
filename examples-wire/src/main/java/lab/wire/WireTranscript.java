package lab.wire;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TextFormat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import lab.common.LabServer;
import lab.common.Main;
import lab.proto.video.AddVideoResponse;
import lab.proto.video.ListVideosRequest;
import lab.proto.video.Video;

/**
 * Prints, frame by frame, one unary call (AddVideo) and one server-streaming call (ListVideos)
 * made by {@link RawGrpcClient} against a grpc-java server. It starts its own
 * {@link WireServer} on a free port, so every run shows the same conversation; with
 * {@code --target host:port} it talks to a server already running instead.
 */
public final class WireTranscript {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  static final String USAGE = "usage: ./run examples-wire WireTranscript [--target HOST:PORT]";

  public static void main(String[] args) throws Exception {
    Main.run(args, USAGE, flags -> {
      String target = flags.string("target", "");
      if (!target.isEmpty()) {
        int colon = target.lastIndexOf(':');
        run(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)),
            System.out::println);
        return;
      }
      LabServer server = WireServer.start(0);
      try {
        run("127.0.0.1", server.port(), System.out::println);
      } finally {
        server.stopDraining();
        server.shutdownGracefully(Duration.ofSeconds(5));
      }
    });
  }

  /** Makes the two calls, writing the transcript to {@code out}, one line at a time. */
  public static void run(String host, int port, Consumer<String> out) throws Exception {
    var transcript = new FrameTranscript(out);
    transcript.note("# connect to " + host + ":" + port + ", send the HTTP/2 preface and SETTINGS");
    try (var client = RawGrpcClient.connect(host, port, transcript, TIMEOUT)) {
      transcript.note("");
      transcript.note("# unary: AddVideo, one message each way");
      Video video = Video.newBuilder().setId("7").setTitle("On the wire").build();
      var added = client.call("/video_service.VideoService/AddVideo",
          Map.of("grpc-timeout", "5S"), List.of(video.toByteArray()))
          .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      transcript.note("# => grpc-status " + added.grpcStatus() + ", reply: "
          + TextFormat.shortDebugString(AddVideoResponse.parseFrom(added.messages().get(0))));

      transcript.note("");
      transcript.note("# server streaming: ListVideos, one request, a message per video");
      var listed = client.call("/video_service.VideoService/ListVideos", Map.of(),
          List.of(ListVideosRequest.getDefaultInstance().toByteArray()))
          .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      transcript.note("# => grpc-status " + listed.grpcStatus() + ", " + listed.messages().size()
          + " messages, ids " + listed.messages().stream().map(WireTranscript::id).toList());

      transcript.note("");
      transcript.note("# a method the server does not have: trailers-only, status 12");
      var unknown = client.call("/video_service.VideoService/DeleteVideo", Map.of(),
          List.of(new byte[0])).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      transcript.note("# => HTTP " + unknown.httpStatus() + ", grpc-status " + unknown.grpcStatus());
      transcript.mute();
    }
  }

  private static String id(byte[] message) {
    try {
      return Video.parseFrom(message).getId();
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }
}
