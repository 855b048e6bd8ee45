package lab.streaming;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import lab.common.Flags;
import lab.common.Main;
import lab.idioms.LabChannel;
import lab.proto.video.ListVideosRequest;
import lab.proto.video.Video;
import lab.proto.video.VideoRequest;
import lab.proto.video.VideoServiceGrpc;

/**
 * The notes' grpcurl session, in Java: ListVideos, AddVideo "2" and "1", GetVideos gathering
 * "2" then "1", and GetVideo ping-pong. With {@code --chat} it is the notes' interactive
 * session instead: each id typed on standard input goes out on one open GetVideo stream and
 * its reply prints as soon as it arrives. Flags: {@code --target} (default localhost:50051).
 */
public final class VideoClient {
  static final String USAGE = "usage: ./run examples-streaming VideoClient [--target HOST:PORT]"
      + " [--chat]";

  static final String START_SERVER = "./run examples-streaming VideoServer";

  private final InputStream in;
  private final PrintStream out;

  private VideoClient(InputStream in, PrintStream out) {
    this.in = in;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    Main.client(args, USAGE, START_SERVER, flags -> run(flags, System.in, System.out));
  }

  /** The main's body: the notes' session, or with --chat, ids typed on {@code in}. */
  static void run(Flags flags, InputStream in, PrintStream out) throws Exception {
    try (LabChannel lab = LabChannel.plaintext(flags.target(VideoServer.DEFAULT_PORT))) {
      VideoClient client = new VideoClient(in, out);
      if (flags.bool("chat")) {
        client.chat(VideoServiceGrpc.newStub(lab.channel()));
      } else {
        client.replayNotes(lab);
      }
    }
  }

  private void replayNotes(LabChannel lab) throws Exception {
    var blocking = VideoServiceGrpc.newBlockingStub(lab.channel());
    out.println("-> ListVideos {}");
    blocking.listVideos(ListVideosRequest.getDefaultInstance())
        .forEachRemaining(v -> out.println("<- " + oneLine(v)));
    for (String id : List.of("2", "1")) {
      Video video = Video.newBuilder().setId(id).setTitle("Sample Video").setAuthor("John Doe")
          .setUrl("https://example.com/sample.mp4").setDuration(120).build();
      out.println("-> AddVideo " + oneLine(video));
      try {
        out.println("<- " + oneLine(blocking.addVideo(video)));
      } catch (StatusRuntimeException e) {
        out.println("<- " + e.getStatus()); // e.g. ALREADY_EXISTS on a second run
      }
    }
    var async = VideoServiceGrpc.newStub(lab.channel());
    out.println("-> GetVideos (gather): 2, 1, then half-close");
    var gathered = new CompletableFuture<Void>();
    StreamObserver<VideoRequest> requests = async.getVideos(printing(gathered));
    requests.onNext(VideoRequest.newBuilder().setId("2").build());
    requests.onNext(VideoRequest.newBuilder().setId("1").build());
    requests.onCompleted();
    gathered.get(10, TimeUnit.SECONDS);

    out.println("-> GetVideo (ping-pong): 2, wait, 1, wait");
    var pingPong = new CompletableFuture<Void>();
    var replies = new LinkedBlockingQueue<Video>();
    StreamObserver<VideoRequest> chat = async.getVideo(collecting(replies, pingPong));
    for (String id : List.of("2", "1")) {
      out.println("-> " + id);
      chat.onNext(VideoRequest.newBuilder().setId(id).build());
      Video reply = replies.poll(10, TimeUnit.SECONDS);
      out.println("<- " + (reply == null ? "(no reply)" : oneLine(reply)));
    }
    chat.onCompleted();
    pingPong.get(10, TimeUnit.SECONDS);
  }

  /**
   * Stdin is read on its own thread so that an error status ends the client at once (printed,
   * exit 1 through Main) instead of after the next id typed, which would be silently dropped.
   */
  private void chat(VideoServiceGrpc.VideoServiceStub async) throws Exception {
    out.println("Type a video id per line; Ctrl-D ends the stream.");
    var done = new CompletableFuture<Void>();
    StreamObserver<VideoRequest> requests = async.getVideo(printing(done));
    Thread reader = new Thread(() -> {
      var lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      try {
        for (String line; (line = lines.readLine()) != null && !done.isDone(); ) {
          if (!line.isBlank()) {
            requests.onNext(VideoRequest.newBuilder().setId(line.trim()).build());
          }
        }
        requests.onCompleted();
      } catch (java.io.IOException e) {
        requests.onError(e);
      }
    }, "stdin");
    reader.setDaemon(true); // blocked in readLine when the call fails: must not keep us alive
    reader.start();
    done.get(); // interactive: as long as the user types; ends on Ctrl-D or an error status
  }

  private StreamObserver<Video> printing(CompletableFuture<Void> done) {
    return new StreamObserver<>() {
      @Override public void onNext(Video v) {
        out.println("<- " + oneLine(v));
      }
      @Override public void onError(Throwable t) {
        out.println("<- " + Main.describe(Status.fromThrowable(t)));
        done.completeExceptionally(t);
      }
      @Override public void onCompleted() {
        done.complete(null);
      }
    };
  }

  private StreamObserver<Video> collecting(
      BlockingQueue<Video> into, CompletableFuture<Void> done) {
    return new StreamObserver<>() {
      @Override public void onNext(Video v) {
        into.add(v);
      }
      @Override public void onError(Throwable t) {
        out.println("<- " + Main.describe(Status.fromThrowable(t)));
        done.completeExceptionally(t);
      }
      @Override public void onCompleted() {
        done.complete(null);
      }
    };
  }

  /** JSON, as grpcurl prints it, on one line. */
  private static String oneLine(com.google.protobuf.MessageOrBuilder m) {
    try {
      return JsonFormat.printer().omittingInsignificantWhitespace().print(m);
    } catch (InvalidProtocolBufferException e) {
      return m.toString();
    }
  }
}
