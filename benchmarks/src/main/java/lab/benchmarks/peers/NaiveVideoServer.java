package lab.benchmarks.peers;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lab.common.Main;
import lab.proto.video.AddVideoResponse;
import lab.proto.video.ListVideosRequest;
import lab.proto.video.Video;
import lab.proto.video.VideoRequest;
import lab.proto.video.VideoServiceGrpc;

/**
 * The video contract as a newcomer writes it in grpc-java, one of the lab's peers: grpc-java's
 * default executor, no flow control (ListVideos writes every video at once, whether the client
 * reads or not), a synchronized map as the store, no limits. Prints "listening on
 * 127.0.0.1:PORT" when it accepts calls.
 */
public final class NaiveVideoServer extends VideoServiceGrpc.VideoServiceImplBase {
  static final String USAGE = "usage: java -cp benchmarks.jar"
      + " lab.benchmarks.peers.NaiveVideoServer [--port N]";

  private final Map<String, Video> videos = new LinkedHashMap<>();

  public static void main(String[] args) throws Exception {
    Main.run(args, USAGE, flags -> {
      Server server = start(flags.port(0));
      System.out.println("listening on 127.0.0.1:" + server.getPort());
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server)));
      server.awaitTermination();
    });
  }

  public static Server start(int port) throws IOException {
    return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
        .addService(new NaiveVideoServer()).build().start();
  }

  public static void stop(Server server) {
    try {
      server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void listVideos(ListVideosRequest request, StreamObserver<Video> reply) {
    List<Video> all;
    synchronized (videos) {
      all = new ArrayList<>(videos.values());
    }
    all.forEach(reply::onNext);
    reply.onCompleted();
  }

  @Override
  public void addVideo(Video video, StreamObserver<AddVideoResponse> reply) {
    synchronized (videos) {
      if (videos.putIfAbsent(video.getId(), video) != null) {
        reply.onError(Status.ALREADY_EXISTS.asRuntimeException());
        return;
      }
    }
    reply.onNext(AddVideoResponse.newBuilder().setVideo(video).build());
    reply.onCompleted();
  }

  @Override
  public StreamObserver<VideoRequest> getVideos(StreamObserver<Video> reply) {
    List<String> ids = new ArrayList<>();
    return new StreamObserver<>() {
      @Override
      public void onNext(VideoRequest request) {
        ids.add(request.getId());
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {
        ids.forEach(id -> reply.onNext(find(id)));
        reply.onCompleted();
      }
    };
  }

  @Override
  public StreamObserver<VideoRequest> getVideo(StreamObserver<Video> reply) {
    return new StreamObserver<>() {
      @Override
      public void onNext(VideoRequest request) {
        reply.onNext(find(request.getId()));
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {
        reply.onCompleted();
      }
    };
  }

  private Video find(String id) {
    synchronized (videos) {
      Video video = videos.get(id);
      if (video == null) {
        throw Status.NOT_FOUND.withDescription("no video with id " + id).asRuntimeException();
      }
      return video;
    }
  }
}
